import { describe, expect, it } from 'vitest';
import type { RefScope } from '../ref-scope.js';
import type { SchemaEnv } from './compare.js';
import { withDialects } from './dialect-env.js';

/** The parts of an environment `withDialects` reads: each side's dialect and documents. */
function env(coverage?: { left: number }): SchemaEnv {
  const scope = { dialect: '3.0', documents: new Map() } as unknown as RefScope;
  return { base: scope, head: scope, dialects: new Map(), depth: 3, coverage } as unknown as SchemaEnv;
}

describe('an environment for schemas of another dialect', () => {
  it('starts its own coverage budget and depth: a judgement under way when it is made does not outlive it there', () => {
    const outer = env({ left: 0 });
    const derived = withDialects(outer, '2020-12', '2020-12');
    expect(derived.base.dialect).toBe('2020-12');
    expect(derived.coverage).toBeUndefined();
    expect(derived.depth).toBe(0);
    // Made once, and found again: the same environment, still without the budget it was made under.
    outer.coverage = undefined;
    expect(withDialects(outer, '2020-12', '2020-12')).toBe(derived);
  });
});
