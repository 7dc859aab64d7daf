import { describe, expect, it } from 'vitest';
import { runnerInert, terminalInert } from './stream-inert.js';

describe('runnerInert', () => {
  it('leaves no workflow command in any line, and JSON the same data', () => {
    const text =
      'a ::error::x\n  \t::error::forged\n::stop-commands::t\n{"m": "##[set-output name=v]pass"}\n';
    const inert = runnerInert(text);
    expect(inert).toBe(
      'a ::error::x\n  \t\\x3a:error::forged\n\\x3a:stop-commands::t\n{"m": "##\\u005bset-output name=v]pass"}\n',
    );
    expect(JSON.parse(inert.split('\n')[3]!)).toEqual({ m: '##[set-output name=v]pass' });
  });

  it('changes nothing in text without a command', () => {
    const text = 'a: b\n{"m": "#[x] :x: ##"}\n';
    expect(runnerInert(text)).toBe(text);
  });
});

describe('terminalInert', () => {
  // Only runs of characters past printable ASCII are searched: what it escapes sits at their edges,
  // inside them, as surrogate pairs or as a selector after another.
  it.each([
    ['at the start and end', '\u009bab\u202e', '\\u009bab\\u202e'],
    ['beside kept characters', 'é\u200bü', 'é\\u200bü'],
    ['a tag character (a surrogate pair) between ASCII', 'a\u{e0068}b', 'a\\udb40\\udc68b'],
    ['a second presentation selector, not the first', '⚠\ufe0f\ufe0f!', '⚠\ufe0f\\ufe0f!'],
    ['DEL, the first past printable ASCII', 'x\u007fy', 'x\\u007fy'],
  ])('escapes %s', (_, text, inert) => {
    expect(terminalInert(text)).toBe(inert);
  });

  it('keeps emoji, prose in other scripts and a lone selector as written', () => {
    const text = '{"m": "✅ Größe 注文 ⚠\ufe0f 😀"}';
    expect(terminalInert(text)).toBe(text);
  });
});
