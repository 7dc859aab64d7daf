import { describe, expect, it } from 'vitest';
import { elided, renderedWithin, shortened } from './inert-cut.js';
import { plainText } from './inert-text.js';

describe('shortened', () => {
  it('keeps text within the limit, cuts longer text and says how much was left out', () => {
    expect(shortened('orders', 6)).toBe('orders');
    expect(shortened('orders-api', 6)).toBe('orders… (4 more characters)');
  });

  it('never cuts a character beyond the BMP in half', () => {
    expect(shortened('ab📦cd', 3)).toBe('ab… (4 more characters)');
  });
});

describe('renderedWithin', () => {
  const ZWSP = '\u200b';

  it('renders text that fits whole, once', () => {
    let calls = 0;
    const render = (t: string) => (calls++, plainText(t));
    expect(renderedWithin('orders', 10, render)).toBe('orders');
    expect(calls).toBe(1);
  });

  it('bounds the rendering, not the text: an escape that lengthens the text is counted', () => {
    const text = ZWSP.repeat(100);
    const out = renderedWithin(text, 60, plainText);
    expect(out.length).toBeLessThanOrEqual(60);
    const [, kept, more] = /^((?:\\u200b)*)… \((\d+) more characters\)$/.exec(out)!;
    expect(kept!.length / 6 + Number(more)).toBe(100);
  });

  it('never cuts an escape in half, and keeps as much as fits', () => {
    for (let max = 30; max < 80; max++) {
      const out = renderedWithin(`ab${ZWSP.repeat(50)}`, max, plainText);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).toMatch(/^ab(\\u200b)*… \(\d+ more characters\)$/);
      expect(out.length + 6).toBeGreaterThan(max);
    }
  });

  it('cuts the middle out with elided, the start and end kept', () => {
    const out = renderedWithin(`start${ZWSP.repeat(1000)}end`, 100, plainText, elided);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/^start(\\u200b)* … \d+ characters left out … (\\u200b)*end$/);
  });

  it('does not render a megabyte whole to find that it does not fit', () => {
    let longest = 0;
    const render = (t: string) => ((longest = Math.max(longest, t.length)), t);
    renderedWithin('x'.repeat(1_000_000), 100, render);
    expect(longest).toBeLessThan(1_000);
  });
});
