/**
 * A key written twice in one object of a JSON text is a parse problem whatever the file's size: the
 * JSON.parse fast path for large files (which silently kept the last value) now falls back to the
 * yaml parser when the text writes more keys than the parsed value holds.
 */
import { describe, expect, it } from 'vitest';
import { keyColonBound, writesDuplicateKeys, writtenKeyCount } from './json-keys.js';
import { FAST_JSON_MIN_CHARS, parseLocated } from './located-document.js';
import { parseLargeJson } from './located-json.js';
import { diffTexts } from '../../test/support/diff-pair.js';

describe('counting the keys a JSON text writes', () => {
  it('counts colons after a key, whatever the spacing, and none inside strings', () => {
    const text = '{"a": 1, "b" :{"c":"x:y"}, "d"\n:\t[{"e": "http://h:80"}], "f\\"": "\\\\"}';
    expect(writtenKeyCount(text)).toBe(6);
    expect(keyColonBound(text)).toBe(6);
  });

  it('bounds from above: a string value opening with a colon counts, the exact count does not', () => {
    const text = '{"sep": ":", "pad": "  : x", "esc": "a\\": b"}';
    expect(writtenKeyCount(text)).toBe(3);
    expect(keyColonBound(text)).toBe(5);
  });

  it('tells a duplicate from a value that only looks like a key', () => {
    expect(writesDuplicateKeys('{"a": 1, "a": 2}', 1)).toBe(true);
    expect(writesDuplicateKeys('{"a": {"b": 1, "b": 2}}', 2)).toBe(true);
    expect(writesDuplicateKeys('{"a": ":", "b": 2}', 2)).toBe(false);
    expect(writesDuplicateKeys('{"a": [{"b": 1}, {"b": 2}]}', 3)).toBe(false);
  });
});

/** A large JSON contract (over the fast path's threshold), with `extra` members in `info`. */
const large = (extra: string) =>
  `{\n  "openapi": "3.0.3",\n  "info": {"title": "T", "version": "1", "x-pad": "${'x'.repeat(FAST_JSON_MIN_CHARS)}"${extra}},\n  "paths": {}\n}\n`;

describe('large JSON with a key written twice', () => {
  it('is refused by the fast path and reported as in a small file, on its line', () => {
    const text = large(',\n  "title": "U"');
    expect(parseLargeJson('big.json', text)).toBeUndefined();
    const parsed = parseLocated('big.json', text);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error')
      expect(parsed.problems[0]).toMatchObject({ code: 'duplicate-key', range: { start: { line: 4 } } });
  });

  it('still takes the fast path when a value only looks like a key', () => {
    const parsed = parseLargeJson('big.json', large(', "x-sep": ": "'));
    expect(parsed?.document.treeShaped).toBe(true);
  });

  it('makes the diff say the same problem as for a small file', async () => {
    const diff = async (text: string) =>
      (await diffTexts(text, text, {}, 'api.json')).problems.map(
        (p) => `${p.side} ${p.code} ${p.line}: ${p.message}`,
      );
    const small =
      '{\n  "openapi": "3.0.3",\n  "info": {"title": "T", "version": "1",\n  "title": "U"},\n  "paths": {}\n}\n';
    const expected = [
      'base syntax 4: Does not parse (base): the key "title" appears twice in the same mapping; keys must be unique.',
      'head syntax 4: Does not parse (head): the key "title" appears twice in the same mapping; keys must be unique.',
    ];
    expect(await diff(small)).toEqual(expected);
    expect(await diff(large(',\n  "title": "U"'))).toEqual(expected);
  });
});
