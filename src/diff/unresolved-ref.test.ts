/**
 * A `$ref` that cannot be followed leaves its schema unknown: the problem is reported once, and the
 * parts behind the ref are not reported as removed, nor the schema as widened to "any".
 */
import { describe, expect, it } from 'vitest';
import { getReturning, openApi } from '../../test/support/openapi-doc.js';
import { diffFiles } from '../../test/support/diff-pair.js';

type Files = Record<string, string>;

// GET /orders reads the schema, POST /orders sends it (with a note added).
const API = (schemaRef: string) =>
  openApi(
    `paths:
${getReturning('/orders', `{ $ref: '${schemaRef}' }`)}    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - { $ref: '${schemaRef}' }
                - { type: object, properties: { note: { type: string } } }
      responses:
        '201': { description: created }
`,
    '3.1.0',
  );

const SCHEMAS = (money: string) => `Order:
  type: object
  required: [id, total]
  properties:
    id: { type: string }
    total: ${money}
Money:
  type: object
  required: [amountMinor, currency]
  properties:
    amountMinor: { type: integer }
    currency: { type: string }
`;

function diff(base: Files, head: Files) {
  return diffFiles(base, head);
}

const BASE: Files = {
  'api.yaml': API('./schemas.yaml#/Order'),
  'schemas.yaml': SCHEMAS("{ $ref: '#/Money' }"),
};

describe('an unresolved $ref is unknown, not removed', () => {
  it('a referenced file that is gone: its problem, and no phantom change', async () => {
    const result = await diff(BASE, { 'api.yaml': BASE['api.yaml']! });
    expect(result.problems.map((p) => p.code)).toEqual(['missing']);
    expect(result.changes.map((c) => c.message)).toEqual([]);
  });

  it('a nested $ref that points nowhere: the rest is still compared', async () => {
    const head: Files = {
      'api.yaml': BASE['api.yaml']!,
      'schemas.yaml': SCHEMAS("{ $ref: '#/Nope' }").replace('id: { type: string }', 'id: { type: integer }'),
    };
    const result = await diff(BASE, head);
    expect(result.problems.map((p) => p.code)).toEqual(['unresolved-ref']);
    const messages = result.changes.map((c) => c.message).join('\n');
    expect(messages).not.toMatch(/total|any/);
    // What could be compared still is: `id` changed its type.
    expect(messages).toMatch(/`id`/);
  });

  it('the same when the base is the side that cannot be read', async () => {
    const result = await diff({ 'api.yaml': BASE['api.yaml']! }, BASE);
    expect(result.problems.map((p) => `${p.code} ${p.side}`)).toEqual(['missing base']);
    expect(result.changes.filter((c) => c.breaking)).toEqual([]);
  });
});
