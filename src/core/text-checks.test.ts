import { describe, expect, it } from 'vitest';
import { jsonNestingBeyond } from './text-checks.js';

describe('jsonNestingBeyond', () => {
  it('counts brackets outside strings only, escaped quotes included', () => {
    const inString = JSON.stringify({ a: '[[[[{{{{ \\" \\\\" [[[[', b: ['x'] });
    expect(jsonNestingBeyond(inString, 2)).toBeUndefined();
    expect(jsonNestingBeyond(inString, 1)).toBe(inString.lastIndexOf('['));
  });

  it('finds the first bracket past the limit after strings that end in backslashes', () => {
    const text = JSON.stringify({ a: 'ends in \\', b: [[[1]]] });
    expect(jsonNestingBeyond(text, 3)).toBe(text.indexOf('[[[') + 2);
    expect(jsonNestingBeyond(text, 4)).toBeUndefined();
  });
});
