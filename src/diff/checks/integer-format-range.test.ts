/**
 * An integer's format says a range (int32: -2^31 … 2^31 - 1); a format changed beside bounds is
 * judged by the integers each side admits, through the real door: two documents diffed, the field
 * both sent and read.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

/** What changing a field's schema from `from` to `to` (flow-style YAML) reports, sorted. */
async function reported(from: string, to: string): Promise<string[]> {
  const doc = (schema: string) => `openapi: 3.0.3
info: { title: T, version: 1.0.0 }
paths:
  /things:
    post:
      requestBody: { content: { application/json: { schema: { type: object, properties: { n: ${schema} } } } } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, properties: { n: ${schema} } } } }
`;
  const result = await diffTexts(doc(from), doc(to));
  return result.changes.map((c) => `${c.id} ${c.severity}`).sort();
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

describe('an integer format changed beside bounds', () => {
  it.each([
    [`{ type: integer, format: int32 }`, `{ type: integer, minimum: ${INT32_MIN}, maximum: ${INT32_MAX} }`],
    [`{ type: integer, minimum: ${INT32_MIN}, maximum: ${INT32_MAX} }`, `{ type: integer, format: int32 }`],
    [
      `{ type: integer, format: int32, minimum: 0, maximum: 10 }`,
      `{ type: integer, format: int16, minimum: 0, maximum: 10 }`,
    ],
    [
      `{ type: integer, format: int64, minimum: 1, maximum: 99 }`,
      `{ type: integer, format: int32, minimum: 1, maximum: 99 }`,
    ],
    [`{ type: integer, format: uint8 }`, `{ type: integer, format: int16, minimum: 0, maximum: 255 }`],
  ])('%s → %s admits the same integers: nothing reported', async (from, to) => {
    expect(await reported(from, to)).toEqual([]);
  });

  it('a format dropped for a maximum alone admits more below: the format finding stays', async () => {
    expect(
      await reported(`{ type: integer, format: int32 }`, `{ type: integer, maximum: ${INT32_MAX} }`),
    ).toEqual(['request-format-removed info', 'response-format-removed error']);
  });

  it('a format that admits every former integer and more is a widening, not a change', async () => {
    expect(await reported(`{ type: integer, format: int16 }`, `{ type: integer, format: int32 }`)).toEqual([
      'request-format-widened info',
      'response-format-widened error',
    ]);
  });

  it('a wider format beside new bounds that admit fewer is the bounds narrowing, said once', async () => {
    expect(
      await reported(
        `{ type: integer, format: int32 }`,
        `{ type: integer, format: int64, minimum: 0, maximum: 10 }`,
      ),
    ).toEqual([
      'request-constraint-narrowed error',
      'request-constraint-narrowed error',
      'response-constraint-narrowed info',
      'response-constraint-narrowed info',
    ]);
  });

  it('a narrower format is still reported when it narrows what is admitted', async () => {
    expect(await reported(`{ type: integer }`, `{ type: integer, format: int32 }`)).toEqual([
      'request-format-added error',
      'response-format-added info',
    ]);
  });

  it('a number keeps its format finding: int32 on a number also says whole', async () => {
    expect(
      await reported(
        `{ type: number, format: int32 }`,
        `{ type: number, minimum: ${INT32_MIN}, maximum: ${INT32_MAX} }`,
      ),
    ).toEqual(['request-format-removed info', 'response-format-removed error']);
  });
});
