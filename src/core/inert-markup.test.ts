import { describe, expect, it } from 'vitest';
import { htmlText, mermaidLabel, sarifText } from './inert-markup.js';

const ESC = '\u001b';

describe('htmlText', () => {
  it('escapes markup characters and controls', () => {
    expect(htmlText(`<script>"'&\`\n${ESC}`)).toBe('&#60;script&#62;&#34;&#39;&#38;&#96; \\x1b');
  });
});

describe('mermaidLabel', () => {
  it('cannot end the label, add directives, click handlers, statements or HTML', () => {
    const out = mermaidLabel('a"]; click A call evil() %%{init: {"theme":"dark"}}%%\n<b>`md`</b>');
    expect(out.replace(/#\d+;/g, '')).not.toMatch(/["[\]();%{}<>`#\n]/);
    expect(out).toContain('#34;');
    expect(out).toContain('#37;#37;#123;init');
  });

  it('keeps letters, digits and common id characters readable', () => {
    expect(mermaidLabel('orders-api v2.1 / Zürich')).toBe('orders-api v2.1 / Zürich');
  });
});

describe('sarifText', () => {
  it('escapes embedded-link brackets and backslashes', () => {
    expect(sarifText('see [x](0) \\ ok')).toBe('see \\[x\\](0) \\\\ ok');
  });
});
