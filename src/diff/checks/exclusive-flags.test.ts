/**
 * OpenAPI 3.0's boolean `exclusiveMaximum`/`exclusiveMinimum` only qualify a `maximum`/`minimum`
 * beside them (JSON Schema draft Wright-00 §5.3): alone they limit nothing, so setting or dropping
 * one alone changes no value anyone may send or read. Beside their bound they still count.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

/** What changing an integer field from `from` to `to` (extra keywords) reports, sent and read. */
async function reported(from: string, to: string): Promise<string[]> {
  const schema = (more: string) => `{ type: integer${more ? `, ${more}` : ''} }`;
  const doc = (more: string) => `openapi: 3.0.3
info: { title: T, version: 1.0.0 }
paths:
  /things:
    post:
      requestBody: { content: { application/json: { schema: ${schema(more)} } } }
      responses: { '200': { description: ok, content: { application/json: { schema: ${schema(more)} } } } }
`;
  const result = await diffTexts(doc(from), doc(to));
  return result.changes.map((c) => `${c.id} ${c.severity}`).sort();
}

describe('a boolean exclusive flag of OpenAPI 3.0', () => {
  it.each([
    ['no keyword', 'exclusiveMaximum: true'],
    ['exclusiveMaximum: true', 'no keyword'],
    ['no keyword', 'exclusiveMinimum: true'],
    ['exclusiveMinimum: true', 'no keyword'],
    ['exclusiveMaximum: false', 'exclusiveMaximum: true'],
  ])('%s → %s without its bound limits nothing: no change', async (from, to) => {
    const keywords = (text: string) => (text === 'no keyword' ? '' : text);
    expect(await reported(keywords(from), keywords(to))).toEqual([]);
  });

  it('beside its bound narrows what is sent and widens nothing read', async () => {
    expect(await reported('maximum: 20', 'maximum: 20, exclusiveMaximum: true')).toEqual([
      'request-constraint-narrowed error',
      'response-constraint-narrowed info',
    ]);
  });

  it('left alone while its bound goes: the bound removed', async () => {
    expect(await reported('minimum: 10, exclusiveMinimum: true', 'exclusiveMinimum: true')).toEqual([
      'request-constraint-widened info',
      'response-constraint-widened error',
    ]);
  });
});
