import { describe, expect, it } from 'vitest';
import { fold, foldedText, wrap } from './text.js';

describe('wrap', () => {
  it('breaks a word longer than the width, never inside a surrogate pair', () => {
    expect(wrap('ab cdefghij k', 4)).toEqual(['ab', 'cdef', 'ghij', 'k']);
    expect(wrap('a📦📦', 2)).toEqual(['a', '📦', '📦']);
  });
});

describe('fold', () => {
  it('leaves a line within the width as it is, spaces and all', () => {
    expect(fold('  12:3  error  short', 80)).toEqual(['  12:3  error  short']);
  });

  it('breaks at a space, continuation lines indented under the line by four more spaces', () => {
    expect(fold('  aaa bbb ccc ddd', 12)).toEqual(['  aaa bbb', '      ccc', '      ddd']);
  });

  it('continues at the indent it is given', () => {
    expect(fold('aaa bbb ccc', 9, 6)).toEqual(['aaa bbb', '      ccc']);
  });

  it('breaks inside a word with no space, every line within the width', () => {
    const lines = fold(`x ${'w'.repeat(50)}`, 20);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines.slice(1).every((l) => l.startsWith('    w'))).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(`x${'w'.repeat(50)}`);
  });
});

describe('foldedText', () => {
  it('folds each line and keeps the final newline', () => {
    expect(
      foldedText(`ok\n${'a '.repeat(60)}\n`, 70)
        .split('\n')
        .every((l) => l.length <= 70),
    ).toBe(true);
    expect(foldedText('ok\n', undefined)).toBe('ok\n');
  });
});
