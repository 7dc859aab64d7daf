/**
 * A form part's `style`/`explode` (`encoding`) changes the wire only for a value it spells: an array
 * or an object. A single value is `q=abc` whichever way the part is encoded. Through the real door:
 * two documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function ids(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.id} ${c.severity}`);
}

/** POST /search with a URL-encoded body of one field `q` of `schema`, encoded as `encoding` says. */
function form(schema: string, encoding: string): string {
  return `openapi: 3.0.3
info: { title: Search, version: 1.0.0 }
paths:
  /search:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, properties: { q: ${schema} } }
            encoding: { q: ${encoding} }
      responses: { '204': { description: done } }
`;
}

const EXPLODED = '{ style: form, explode: true }';
const PLAIN = '{ style: form, explode: false }';

describe('a form part whose explode flips', () => {
  it('changes nothing for a single value (q=abc either way), behind a $ref too', async () => {
    expect(await ids(form('{ type: string }', EXPLODED), form('{ type: string }', PLAIN))).toEqual([]);
    expect(await ids(form('{ type: integer }', PLAIN), form('{ type: integer }', EXPLODED))).toEqual([]);
    const referenced = (encoding: string) =>
      `${form("{ $ref: '#/components/schemas/Query' }", encoding)}components:\n  schemas:\n    Query: { type: string }\n`;
    expect(await ids(referenced(EXPLODED), referenced(PLAIN))).toEqual([]);
  });

  it('breaks an array (q=a&q=b becomes q=a,b), an object, and a value of no known type', async () => {
    const changed = ['request-media-type-encoding-changed error'];
    const list = '{ type: array, items: { type: string } }';
    expect(await ids(form(list, EXPLODED), form(list, PLAIN))).toEqual(changed);
    const object = '{ type: object, properties: { by: { type: string } } }';
    expect(await ids(form(object, EXPLODED), form(object, PLAIN))).toEqual(changed);
    expect(await ids(form('{}', EXPLODED), form('{}', PLAIN))).toEqual(changed);
  });

  it('still breaks a single value when its content type changes beside it', async () => {
    const from = '{ contentType: text/plain, style: form, explode: true }';
    const to = '{ contentType: application/json, style: form, explode: false }';
    expect(await ids(form('{ type: string }', from), form('{ type: string }', to))).toEqual([
      'request-media-type-encoding-changed error',
    ]);
  });
});
