/**
 * A schema without `type` is read as the one type its keywords imply (compared-types.ts) — only by
 * keywords its dialect defines: `prefixItems` in a draft-07 schema (OpenAPI 3.0, AsyncAPI) is an
 * unknown keyword that constrains nothing, so it implies no array there.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function changes(version: string, base: string, head: string): Promise<string[]> {
  const doc = (schema: string) => `openapi: ${version}
info: { title: Things, version: 1.0.0 }
paths:
  /things:
    post:
      requestBody: { content: { application/json: { schema: ${schema} } } }
      responses: { '204': { description: stored } }
`;
  const result = await diffTexts(doc(base), doc(head));
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.id} ${c.severity}`);
}

const TUPLE = '{ prefixItems: [{ type: string }] }';

describe('a type implied by keywords of a later dialect', () => {
  it('is none in OpenAPI 3.0: a string that now admits anything breaks no sender', async () => {
    const found = await changes('3.0.3', '{ type: string }', TUPLE);
    expect(found.filter((c) => !c.endsWith(' info'))).toEqual([]);
  });

  it('is an array in OpenAPI 3.1 (JSON Schema 2020-12): a string become a tuple is a type change', async () => {
    expect(await changes('3.1.0', '{ type: string }', TUPLE)).toEqual(['request-type-changed error']);
  });
});
