/**
 * A pattern every string matches restricts nothing (a pattern is searched for: one that matches the
 * empty string without an assertion matches at the start of every string), through the real door:
 * two documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

/** What changing a request body's string pattern from `from` to `to` (none: no pattern) reports. */
async function reported(from: string | undefined, to: string | undefined): Promise<string[]> {
  const doc = (pattern: string | undefined) => `openapi: 3.1.0
info: { title: T, version: 1.0.0 }
paths:
  /things:
    post:
      requestBody: { content: { application/json: { schema: { type: string${pattern === undefined ? '' : `, pattern: '${pattern}'`} } } } }
      responses: { '204': { description: ok } }
`;
  const result = await diffTexts(doc(from), doc(to));
  return result.changes.map((c) => `${c.id} ${c.severity}`);
}

describe('a pattern every string matches', () => {
  it.each([
    '[\\S\\s]*',
    '\\S*',
    '[a-zA-Z0-9._-]*',
    '\\d*',
    '(ab)?',
    '[a-z]*|^arn:.+', // one alternative matches everywhere
  ])('%s added where there was none: nothing reported', async (pattern) => {
    expect(await reported(undefined, pattern)).toEqual([]);
    expect(await reported(pattern, undefined)).toEqual([]);
  });

  it('one such pattern rewritten as another: nothing reported', async () => {
    expect(await reported('[a-zA-Z0-9-.]*', '[a-zA-Z0-9-.]*|^arn:.*:ruleset/[a-zA-Z0-9-.]*')).toEqual([]);
  });

  it.each([
    '^[a-z]*$', // anchored: only letters
    '\\S+', // at least one non-space character
    '\\b[a-z]*', // a word boundary is an assertion
    '(?=a)[a-z]*', // so is a lookahead
    '\\p{L}*', // without the u flag, `p{L` and some braces: not every reading admits all
  ])('%s added is still a pattern added', async (pattern) => {
    expect(await reported(undefined, pattern)).toEqual(['request-pattern-added error']);
  });
});
