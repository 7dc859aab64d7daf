/**
 * Null in the fields of a form body: text fields cannot spell it, JSON parts can. Through the real
 * door: two documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function ids(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.id} ${c.head?.pointer ?? ''}`);
}

/** POST /notes whose request body, of `mediaType`, has these properties (and `encoding`). */
function body(mediaType: string, properties: string, encoding = '', version = '3.0.3'): string {
  return `openapi: ${version}
info: { title: Notes, version: 1.0.0 }
paths:
  /notes:
    post:
      requestBody:
        content:
          ${mediaType}:
            schema: { type: object, properties: { ${properties} } }
${encoding ? `            encoding: ${encoding}\n` : ''}      responses: { '204': { description: stored } }
`;
}

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
const note = (nullable: boolean) => `note: { type: string${nullable ? ', nullable: true' : ''} }`;
const meta = (nullable: boolean) =>
  `meta: { type: object, properties: { by: { type: string${nullable ? ', nullable: true' : ''} } } }`;

describe('null in a form field sent as text', () => {
  it('changes nothing in a URL-encoded body, in the field or in a property of it', async () => {
    expect(await ids(body(FORM, note(true)), body(FORM, note(false)))).toEqual([]);
    expect(await ids(body(FORM, meta(true)), body(FORM, meta(false)))).toEqual([]);
  });

  it('changes nothing in a multipart text part, nor in an array of them (3.1 type lists too)', async () => {
    expect(await ids(body(MULTIPART, note(true)), body(MULTIPART, note(false)))).toEqual([]);
    const tags = (items: string) => `tags: { type: array, items: { type: ${items} } }`;
    expect(
      await ids(
        body(MULTIPART, tags("[string, 'null']"), '', '3.1.0'),
        body(MULTIPART, tags('string'), '', '3.1.0'),
      ),
    ).toEqual([]);
  });

  it('is judged where null is spelt: a JSON body, a multipart object part, a part given as JSON', async () => {
    const removed = '/paths/~1notes/post/requestBody/content';
    expect(await ids(body('application/json', note(true)), body('application/json', note(false)))).toEqual([
      `request-nullable-removed ${removed}/application~1json/schema/properties/note/type`,
    ]);
    expect(await ids(body(MULTIPART, meta(true)), body(MULTIPART, meta(false)))).toEqual([
      `request-nullable-removed ${removed}/multipart~1form-data/schema/properties/meta/properties/by/type`,
    ]);
    const json = '{ note: { contentType: application/json } }';
    expect(await ids(body(FORM, note(true), json), body(FORM, note(false), json))).toEqual([
      `request-nullable-removed ${removed}/application~1x-www-form-urlencoded/schema/properties/note/type`,
    ]);
  });
});
