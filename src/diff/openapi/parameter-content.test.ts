/**
 * A single-valued parameter or header moving between `schema` (a style's text) and `content` (a
 * media type's encoding of the whole value), through the real door: two documents diffed. JSON
 * writes a number or boolean as its text (`?id=5` either way) but quotes a string (`?q=%22abc%22`),
 * so what is reported follows what the client must now send, and the schemas are compared across
 * the move.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function changes(base: string, head: string) {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => [c.id, c.severity]);
}

/** GET /things with one parameter (a YAML flow mapping's inside) and a 200 answer with one header. */
function api(parameter: string, header = '{ schema: { type: integer } }'): string {
  return `openapi: 3.1.0
info: { title: Things, version: 1.0.0 }
paths:
  /things/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { ${parameter} }
      responses:
        '200':
          description: ok
          headers:
            X-Count: ${header}
`;
}

const asSchema = (where: string, schema: string) => `name: q, in: ${where}, schema: ${schema}`;
const asContent = (where: string, schema: string, mediaType = 'application/json') =>
  `name: q, in: ${where}, content: { ${mediaType}: { schema: ${schema} } }`;

describe('a single-valued parameter moved between schema and content', () => {
  it.each(['query', 'header', 'cookie'])(
    'reports a %s string parameter moved into JSON content (now sent quoted) as a serialisation change',
    async (where) => {
      expect(
        await changes(api(asSchema(where, '{ type: string }')), api(asContent(where, '{ type: string }'))),
      ).toEqual([['request-parameter-style-changed', 'error']]);
    },
  );

  it('reports a string parameter moved out of JSON content (sent quoted before) as a serialisation change', async () => {
    expect(
      await changes(api(asContent('query', '{ type: string }')), api(asSchema('query', '{ type: string }'))),
    ).toEqual([['request-parameter-style-changed', 'error']]);
  });

  it('reports a parameter whose type is left open (a format only) moved into JSON content', async () => {
    expect(
      await changes(api(asSchema('query', '{ format: date }')), api(asContent('query', '{ format: date }'))),
    ).toEqual([['request-parameter-style-changed', 'error']]);
  });

  it.each([
    ['an integer', '{ type: integer }'],
    ['a boolean', '{ type: boolean }'],
    ['a numeric enum', '{ enum: [1, 2, 3] }'],
  ])('reports nothing for %s moved into JSON content or back: its JSON is its text', async (_, schema) => {
    expect(await changes(api(asSchema('query', schema)), api(asContent('query', schema)))).toEqual([]);
    expect(await changes(api(asContent('query', schema)), api(asSchema('query', schema)))).toEqual([]);
  });

  it('judges what the base admits: an integer whose JSON also takes a string still reads 5 as 5 (the type widened)', async () => {
    expect(
      await changes(
        api(asSchema('query', '{ type: integer }')),
        api(asContent('query', '{ type: [integer, string] }')),
      ),
    ).toEqual([['request-type-widened', 'info']]);
  });

  it('reports nothing for a string moved into text/plain content: the text is the value', async () => {
    expect(
      await changes(
        api(asSchema('query', '{ type: string }')),
        api(asContent('query', '{ type: string }', 'text/plain')),
      ),
    ).toEqual([]);
  });

  it('compares the schemas across the move: an integer that became a JSON string is a type change', async () => {
    expect(
      await changes(api(asSchema('query', '{ type: integer }')), api(asContent('query', '{ type: string }'))),
    ).toEqual([['request-type-changed', 'error']]);
  });
});

describe('a single-valued response header moved between schema and content', () => {
  it('reports a string header moved into JSON content as a serialisation change readers parse', async () => {
    expect(
      await changes(
        api(asSchema('query', '{ type: string }'), '{ schema: { type: string } }'),
        api(
          asSchema('query', '{ type: string }'),
          '{ content: { application/json: { schema: { type: string } } } }',
        ),
      ),
    ).toEqual([['response-header-style-changed', 'error']]);
  });

  it('reports nothing for an integer header moved into JSON content: readers read 5 either way', async () => {
    expect(
      await changes(
        api(asSchema('query', '{ type: string }')),
        api(
          asSchema('query', '{ type: string }'),
          '{ content: { application/json: { schema: { type: integer } } } }',
        ),
      ),
    ).toEqual([]);
  });
});
