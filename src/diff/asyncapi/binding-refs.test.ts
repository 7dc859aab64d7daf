/**
 * A binding's `$ref`s followed to what they say (binding-sameness.ts), through the real door: two
 * documents diffed. The group fixture asyncapi-binding-inner-refs holds the everyday cases; these
 * hold the hostile shape — refs that fan out, level after level, into schemas that refer back —
 * which must be answered once per pair of schemas, never once per path.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

/**
 * An operation whose Kafka binding's `groupId` refers to `${name}0`; each `${name}i` refers twice
 * to the next (2^levels paths to the last), which refers back to the first.
 */
function fanOut(name: string, version: string, last = ''): string {
  const levels = 40;
  const schemas = Array.from(
    { length: levels },
    (_, i) =>
      `    ${name}${i}: { type: object, properties: { a: { $ref: '#/components/schemas/${name}${i + 1}' }, b: { $ref: '#/components/schemas/${name}${i + 1}' } } }\n`,
  ).join('');
  return `asyncapi: 2.6.0
info: { title: Fan-out, version: 1.0.0 }
channels:
  orders:
    publish:
      operationId: sendOrder
      bindings:
        kafka: { groupId: { $ref: '#/components/schemas/${name}0' }, bindingVersion: ${version} }
      message: { payload: { type: string } }
components:
  schemas:
${schemas}    ${name}${levels}: { type: object, properties: { first: { $ref: '#/components/schemas/${name}0' } }${last} }
`;
}

async function changes(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.id} ${c.severity}`);
}

describe("a binding's refs into recursive schemas that fan out", () => {
  it('renamed alike in the head, beside a bindingVersion bump: no change', async () => {
    expect(await changes(fanOut('S', '0.4.0'), fanOut('T', '0.5.0'))).toEqual([]);
  });

  it('renamed, the last one now requiring a field: the binding changed', async () => {
    expect(await changes(fanOut('S', '0.4.0'), fanOut('T', '0.5.0', ', required: [first]'))).toEqual([
      'binding-changed warning',
    ]);
  });
});
