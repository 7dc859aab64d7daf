import { describe, expect, it } from 'vitest';
import { jsonLocator } from './json-scanning-locator.js';

/** 1-based line and column of an offset, read from the text before it. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('jsonLocator on text its regular expressions cannot pass in one call', () => {
  // Each string, each escape and each closing-then-opening bracket a sticky expression passes costs
  // it backtracking stack: millions of them between two stops overflow it (a RangeError), in valid
  // JSON. The skip then reads on without expressions; the ranges are the same.
  const millions = 3_000_000;
  const texts: Record<string, string> = {
    'strings between two brackets': `{"a": {"b": {"c": {"d": [${'"",'.repeat(millions)}""]}}}, "z": 1}`,
    'sibling containers deep down': `{"a": {"b": {"c": {"d": [${'{},'.repeat(millions)}{}]}}}, "z": 1}`,
    'escapes in one string': `{"a": {"b": "${'\\n'.repeat(millions * 3)}"}, "z": 1}`,
    'strings, pretty-printed': `{\n  "a": [\n${'    "x",\n'.repeat(millions)}    "y"\n  ],\n  "z": 1\n}\n`,
  };
  for (const [name, text] of Object.entries(texts))
    it(`locates what follows, and where the value ends: ${name}`, { timeout: 60_000 }, () => {
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      const z = text.lastIndexOf('"z"');
      const aEnd = text.lastIndexOf(',', z);
      const locator = jsonLocator(text);
      expect(locator.rangeOf('/z')).toEqual({ start: position(text, z), end: position(text, z + 6) });
      expect(locator.rangeOf('/a')).toEqual({
        start: position(text, text.indexOf('"a"')),
        end: position(text, aEnd),
      });
    });
});
