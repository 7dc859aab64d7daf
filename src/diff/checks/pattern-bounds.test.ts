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
  ])('%s → %s admits more: widened', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-widened info']);
  });

  it.each([
    ['^[a-z]{1,10}$', '^[a-z]{1,5}$'],
    ['^[a-z0-9]+$', '^[a-z]+$'],
  ])('%s → %s admits less: narrowed', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-narrowed warning']);
  });

  it.each([
    ['^[a-z]{2,5}$', '^[a-z0-9]{1,3}$'], // wider class, narrower bounds
    ['^[a-z]{1,5}$', '^[0-9]{1,5}$'], // another class
    ['^[a\\-z]+$', '^[a-z]+$'], // an escaped dash is no range
    ['^[^a]+$', '^[^ab]+$'], // negated classes are not read
    ['^[a-z]{1,5}$', '[a-z]{1,10}'], // anchors dropped as well
  ])('%s → %s is not decided: changed (the near cases)', async (from, to) => {
    expect(await reported(from, to)).toEqual(['request-pattern-changed warning']);
  });
});
