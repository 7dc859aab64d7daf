import { describe, expect, it } from 'vitest';
import { markdownCellCode, markdownCellMessage, markdownCellText } from './inert-cell.js';
import { MAX_MESSAGE_CHARS, MAX_VALUE_CHARS } from './inert-text.js';

const PIPES = '|'.repeat(5_000);

describe('cell writers', () => {
  it('escape every pipe once more than running text, inside code spans too', () => {
    expect(markdownCellText('a|b')).toBe('a\\\\|b');
    expect(markdownCellCode('a|b')).toBe('`a\\|b`');
    expect(markdownCellMessage('x `a|b` c|d')).toBe('x `a\\|b` c\\\\|d');
  });

  it('stay within their bound as shown, the pipes escaped, the cut said', () => {
    for (const cell of [markdownCellText(PIPES), markdownCellMessage(`Field \`${PIPES}\` ${PIPES}`)]) {
      expect(cell.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(cell).toMatch(/… \(\d+ more characters\)`?$/);
    }
    expect(markdownCellCode(PIPES).length).toBeLessThanOrEqual(MAX_VALUE_CHARS + 2);
  });
});
