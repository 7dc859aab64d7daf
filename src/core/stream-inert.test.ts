import { describe, expect, it } from 'vitest';
import { runnerInert } from './stream-inert.js';

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
});
