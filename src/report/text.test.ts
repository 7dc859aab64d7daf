import { stripVTControlCharacters } from 'node:util';
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

describe('fold with colour on', () => {
  const red = '\u001b[31m';
  const dim = '\u001b[2m';
  const reset = '\u001b[0m';
  const strip = stripVTControlCharacters;
  /** Every escape whole: once Node strips whole escapes, no ESC and no `[` of one is left. */
  const escapesWhole = (line: string) => !strip(line).includes('\u001b') && !strip(line).includes('[');

  it('counts only what is shown: a coloured line as wide as the width stays one line', () => {
    const line = `  12:3  ${red}error${reset}  ${'a'.repeat(20)}  ${dim}rule-id${reset}`;
    expect(strip(line)).toHaveLength(44);
    expect(fold(line, 44)).toEqual([line]);
  });

  it('folds a coloured line where it folds the same line uncoloured', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`);
    const plain = `  1:1  error  ${words.join(' ')}  rule-id`;
    const coloured = `  1:1  ${red}error${reset}  ${words.join(' ')}  ${dim}rule-id${reset}`;
    expect(fold(coloured, 40).map(strip)).toEqual(fold(plain, 40));
  });

  it('never splits an escape, even inside a word with no space', () => {
    for (let width = 20; width < 40; width++) {
      const lines = fold(
        `x ${'w'.repeat(width - 4)}${dim}${'r'.repeat(30)}${reset}${red}${'e'.repeat(9)}${reset}`,
        width,
      );
      for (const line of lines) {
        expect(escapesWhole(line)).toBe(true);
        expect(strip(line).length).toBeLessThanOrEqual(width);
      }
    }
  });
});

describe('fold of an uncoloured line', () => {
  /** Lines of words and runs of spaces, some leading, some holding a surrogate pair: a fixed sequence. */
  function lines(): string[] {
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pieces = ['a', 'bb', 'word', 'x'.repeat(23), '📦', 'a📦b', ' ', '  ', '   '];
    return Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + next(30) }, () => pieces[next(pieces.length)]).join(next(3) === 0 ? '' : ' '),
    );
  }

  // Without an escape, a column is a character and the break is searched for; with one, each
  // column is walked: both must fold a line alike.
  it('folds where the same line with a colour escape at its start folds', () => {
    const reset = '\u001b[0m';
    for (const line of lines())
      for (const width of [3, 5, 9, 24, 70])
        for (const indent of [undefined, 0, 2, 4]) {
          // A continuation indent as wide as the line leaves no room: no width a report folds at.
          if ((indent ?? line.length - line.trimStart().length + 4) >= width) continue;
          const walked = fold(`${reset}${line}`, width, indent).map(stripVTControlCharacters);
          expect(fold(line, width, indent), JSON.stringify({ line, width, indent })).toEqual(walked);
        }
  });
});
