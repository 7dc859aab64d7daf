import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';
import { lineIn } from '../load.js';

/** A request and a response body `Item` whose `id` is `{ $ref: Id }` and whose `name` is inline. */
const API = (id: string, name = '{type: string}') => `openapi: 3.0.3
info: {title: Items, version: 1.0.0}
paths:
  /items:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {$ref: '#/components/schemas/Id'}
        name: ${name}
    Id: ${id}
`;

async function changes(base: string, head: string) {
  const result = await diffTexts(base, head);
  return result.changes.map((c) => c.id).sort();
}

describe('compareObject', () => {
  // The property's node is the same `$ref` on both sides: only its target says it changed, so
  // the flags must be read where it is defined, not taken as unchanged with the node.
  it('reads a flag added where a property is defined when its definition changed', async () => {
    expect(await changes(API('{type: string}'), API('{type: string, readOnly: true}'))).toContain(
      'request-read-only-added',
    );
  });

  it('says nothing of a property whose definition is unchanged, whatever else changed', async () => {
    const same = '{type: string, readOnly: true}';
    expect(await changes(API(same), API(same, '{type: integer}'))).toEqual(
      ['response-type-changed', 'request-type-changed'].sort(),
    );
  });
});

/** `GET /base` answers `Base`, `GET /extended` `Extended: allOf: [$ref Base, {…}]`; `base` holds Base's properties. */
const EXTENDED = (base: string) => `openapi: 3.0.3
info: {title: Items, version: 1.0.0}
paths:
  /base:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Base'}}}}
  /extended:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Extended'}}}}
components:
  schemas:
    Base:
      type: object
      properties: {${base}}
    Extended:
      allOf:
        - $ref: '#/components/schemas/Base'
        - {type: object, properties: {extra: {type: string}}}
`;

describe('a property of a schema another merges through allOf', () => {
  const baseLine = EXTENDED('').split('\n').indexOf('    Base:') + 1;

  it.each([
    [
      'removed',
      'id: {type: string}, name: {type: string}',
      'id: {type: string}',
      'response-property-removed',
    ],
    ['added', 'id: {type: string}', 'id: {type: string}, name: {type: string}', 'response-property-added'],
  ])('%s: one change at that schema, for both operations', async (_, before, after, id) => {
    const { changes, documents } = await diffTexts(EXTENDED(before), EXTENDED(after));
    const found = changes.filter((c) => c.id === id);
    expect(found.map((c) => c.operations)).toEqual([['GET /base', 'GET /extended']]);
    const place = id.endsWith('removed') ? found[0]!.head! : found[0]!.base!;
    const side = id.endsWith('removed') ? documents.head : documents.base;
    expect(lineIn(side.get(place.file), place.pointer)).toBe(baseLine);
  });
});
