/**
 * Patterns rewritten atom by atom — a quantifier's bounds, a character class's characters — said as
 * widened or narrowed only where that is provable, through the real door: two documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

/** What changing a request body's string pattern from `from` to `to` reports. */
async function reported(from: string, to: string): Promise<string[]> {
  const doc = (pattern: string) => `openapi: 3.1.0
info: { title: T, version: 1.0.0 }
paths:
  /things:
    post:
      requestBody: { content: { application/json: { schema: { type: string, pattern: '${pattern}' } } } }
      responses: { '204': { description: ok } }
`;
  const result = await diffTexts(doc(from), doc(to));
  return result.changes.map((c) => `${c.id} ${c.severity}`);
}

describe('a pattern rewritten atom by atom', () => {
  it.each([
    ['^[a-z]{1,5}$', '^[a-z]{1,10}$'],
    ['^[a-z]+$', '^[a-z0-9]+$'],
    ['^[a-z]{1,5}-\\d{2}$', '^[a-z0-9]{1,10}-\\d{2,}$'],
    ['^(ab){1,2}$', '^(ab)*$'],
    ['^[a-z]+$', '^\\w+$'], // a class escape read as its characters
    ['^a-\\d+$', '^[ab]-\\d+$'], // a literal is one character
    ['^[^ab]+$', '^[^a]+$'], // a negated class leaves out fewer
    ['^[a-z]+$', '^[^0-9]+$'], // nothing of a-z is a digit
    ['^\\S+$', '^.+$'], // a line terminator is white space
    ['^[a-f\\x2D]{2}$', '^[\\w\\-]{2}$'], // \x2D and \- are the dash
  ])('%s → %s admits more: widened', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-widened info']);
  });

  it.each([
    ['^[0-9]{3}$', '^\\d{3}$'],
    ['^[_a-zA-Z0-9]+$', '^\\w+$'],
    ['^[^\\D]$', '^[0-9]$'],
  ])('%s → %s says the same: nothing reported', async (from, to) => {
    expect(await reported(from, to)).toEqual([]);
  });

  it.each([
    ['^[a-z]{1,10}$', '^[a-z]{1,5}$'],
    ['^[a-z0-9]+$', '^[a-z]+$'],
    ['^\\w+$', '^[a-z]+$'],
    ['^[^a]+$', '^[^ab]+$'],
    ['^.+$', '^[^\\s]+$'],
  ])('%s → %s admits less: narrowed', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-narrowed warning']);
  });

  it.each([
    ['^[a-z]{2,5}$', '^[a-z0-9]{1,3}$'], // wider class, narrower bounds
    ['^[a-z]{1,5}$', '^[0-9]{1,5}$'], // another class
    ['^[a\\-z]+$', '^[a-z]+$'], // an escaped dash is no range
    ['^\\w+$', '^[^_]+$'], // neither holds the other
    ['^[a-z]+$', '^\\p{L}+$'], // a property escape is not read
    ['^[\\d-z]+$', '^[0-9a-z-]+$'], // a set before a dash: an error with the u flag
    ['^[]a]+$', '^[a]+$'], // ECMA-262's empty class, not a `]`
    ['^[a-z]+$', '^\\u{61}+$'], // an escape only the u flag reads
    ['^\u{1F600}$', '^..$'], // one code point with the u flag, two code units without
    ['^[a-z]{1,5}$', '[a-z]{1,10}'], // anchors dropped as well
  ])('%s → %s is not decided: changed (the near cases)', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-changed warning']);
  });

  // `\-` outside a class is an identity escape without the u flag and a syntax error with it (only
  // syntax characters and `/` may be escaped so): validators that compile patterns with u (ajv by
  // default) reject the schema, others read a dash. Whichever way it is read, nothing is decided.
  it.each([
    ['^[a-z]+\\-\\d{1,2}$', '^[a-z]+\\-\\d{1,5}$'], // bounds widened beside it
    ['[A-Z]{3}\\-\\d+', '^[A-Z]{3}\\-\\d+$'], // anchors added around it
    ['^EU\\-\\d+$', '^EU\\-\\d+$|^US\\-\\d+$'], // an alternative added beside it
    ['^[A-Z]{3}\\-\\d+$', '^[A-Z]{3}-\\d+$'], // written as a plain dash: now compiles with u
    ['^[\\w-.]+$', '[\\w-.]+'], // a class's set before a dash, anchors dropped
    ['a{', '^a{$'], // a brace that opens no quantifier, anchors added
  ])('%s → %s does not compile with the u flag: changed, never decided', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-changed warning']);
  });
});
