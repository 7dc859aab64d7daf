import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

// `Base` declares the properties; the operation's own allOf member (or a 3.1 `$ref` sibling)
// lists which are required. Requiring one more edits that list, not `Base`, which other operations
// share unchanged: the change is placed where it was written.
const API = (required: string, openapi = '3.0.3', wrap = 'allOf') => `openapi: ${openapi}
info: {title: People, version: 1.0.0}
paths:
  /people:
    post:
      requestBody:
        content:
          application/json:
            schema:
${
  wrap === 'allOf'
    ? `              allOf:
                - {$ref: '#/components/schemas/Base'}
                - {type: object, required: [${required}]}`
    : `              {$ref: '#/components/schemas/Base', required: [${required}]}`
}
      responses: {'204': {description: stored}}
components:
  schemas:
    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string}
        nick: {type: string}
`;

async function diff(base: string, head: string) {
  const result = await diffTexts(base, head);
  expect(result.problems).toEqual([]);
  return result.changes
    .map((c) => [c.id, c.base?.pointer, c.head?.pointer])
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

describe('a property required by another schema object than the one declaring it', () => {
  it('that became required is placed at the required list that now names it', async () => {
    expect(await diff(API('name'), API('name, nick'))).toEqual([
      [
        'request-property-became-required',
        '/components/schemas/Base/properties/nick',
        '/paths/~1people/post/requestBody/content/application~1json/schema/allOf/1/required',
      ],
    ]);
  });

  it('that became optional is placed, in the base, at the required list that named it', async () => {
    expect(await diff(API('name, nick'), API('name'))).toEqual([
      [
        'request-property-became-optional',
        '/paths/~1people/post/requestBody/content/application~1json/schema/allOf/1/required',
        '/components/schemas/Base/properties/nick',
      ],
    ]);
  });

  it('also when the list is a sibling of `$ref` (3.1), and for a name no properties declare', async () => {
    expect(await diff(API('name', '3.1.0', 'ref'), API('name, nick, age', '3.1.0', 'ref'))).toEqual([
      [
        'request-property-became-required',
        '/components/schemas/Base/properties/nick',
        '/paths/~1people/post/requestBody/content/application~1json/schema/required',
      ],
      [
        'request-property-became-required',
        '/components/schemas/Base/required',
        '/paths/~1people/post/requestBody/content/application~1json/schema/required',
      ],
    ]);
  });

  it('declared and required in one schema object is placed at the property, as before', async () => {
    const api = (required: string) => API('name').replace('required: [id]', `required: [${required}]`);
    expect(await diff(api('id'), api('id, nick'))).toEqual([
      [
        'request-property-became-required',
        '/components/schemas/Base/properties/nick',
        '/components/schemas/Base/properties/nick',
      ],
    ]);
  });
});
