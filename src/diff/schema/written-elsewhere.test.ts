/**
 * A schema the head writes alike at another place (a parameter listed in another position) is not
 * compared again (sameness.sameElsewhere), unless a `$ref` it meets leads to a schema that changed:
 * that change is still reported, through the real door.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

const api = (parameters: string[], maximum: number) => `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
${parameters.map((p) => `        - ${p}`).join('\n')}
      responses: { '200': { description: ok } }
components:
  schemas:
    Limit: { type: integer, maximum: ${maximum} }
`;
const FILTER = `{ name: filter, in: query, schema: { type: object, properties: { max: { $ref: '#/components/schemas/Limit' } } } }`;
const PAGE = `{ name: page, in: query, schema: { type: integer } }`;

describe('a parameter schema written alike in another position', () => {
  it('says only that the order changed', async () => {
    const result = await diffTexts(api([FILTER, PAGE], 10), api([PAGE, FILTER], 10));
    expect(result.changes.map((c) => c.id)).toEqual(['request-parameter-order-changed']);
  });

  it('still says what changed in a schema one of its `$ref`s leads to', async () => {
    const result = await diffTexts(api([FILTER, PAGE], 10), api([PAGE, FILTER], 5));
    expect(result.changes.map((c) => c.id).sort()).toEqual([
      'request-constraint-narrowed',
      'request-parameter-order-changed',
    ]);
  });
});
