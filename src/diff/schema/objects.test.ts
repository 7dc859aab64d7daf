import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

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
