import { describe, expect, it } from 'vitest';
import { LineCounter } from './line-counter.js';

/** For each offset of the text and one past its end: its 0-based line and where that line starts. */
function expectedLines(text: string): { line: number; start: number }[] {
  const out: { line: number; start: number }[] = [];
  let line = 0;
  let start = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    out.push({ line, start });
    if (text[offset] === '\n') [line, start] = [line + 1, offset + 1];
  }
  return out;
}

/** Every offset of the text, and one past its end, looked up in the given order. */
function expectAllOffsets(text: string, order: 'forwards' | 'backwards' | 'scattered'): void {
  const expected = expectedLines(text);
  const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
  if (order === 'backwards') offsets.reverse();
  // A stride coprime with the count visits every offset once, jumping back and forth.
  if (order === 'scattered')
    for (let i = 0; i < offsets.length; i++) offsets[i] = (i * 7919) % offsets.length;
  const counter = new LineCounter(text);
  const answers = offsets.map((offset) => ({ offset, ...counter.lineAt(offset) }));
  expect(answers).toEqual(offsets.map((offset) => ({ offset, ...expected[offset] })));
}

const lines = (count: number, width: number, end = '\n') =>
  Array.from({ length: count }, (_, i) => String(i).padEnd(width, 'x')).join(end);

describe('LineCounter', () => {
  const texts: Record<string, string> = {
    empty: '',
    'one line, no line break': lines(1, 5000),
    'one long line and a final line break (minified with a newline)': lines(1, 5000) + '\n',
    'fewer lines than a block': lines(15, 3) + '\n',
    'exactly one block': lines(16, 3) + '\n',
    'one block and a line': lines(17, 3),
    'many short lines': lines(700, 7) + '\n',
    'many long lines': lines(300, 90) + '\n',
    'short lines, then one very long line': lines(100, 4) + '\n' + 'y'.repeat(20_000) + '\n' + lines(20, 2),
    'long lines, then short ones': lines(40, 200) + '\n' + lines(400, 3),
    'CRLF line ends': lines(200, 10, '\r\n'),
    'line breaks only': '\n'.repeat(100),
  };
  for (const [name, text] of Object.entries(texts))
    it(`answers as a count from the start of the text: ${name}`, () => {
      expectAllOffsets(text, 'forwards');
      expectAllOffsets(text, 'backwards');
      expectAllOffsets(text, 'scattered');
    });
});
