import { describe, expect, it } from 'vitest';
import { PathIndex } from './path-index.js';

describe('PathIndex', () => {
  const index = new PathIndex([
    'b/x.yaml',
    'a/adr/1.md',
    'a/blueprint.yaml',
    'a-b/c.yaml',
    'a/adr/0.md',
    'z.md',
  ]);

  it('lists a folder (and only that folder, not a sibling sharing its prefix) in sorted order', () => {
    expect(index.under('a')).toEqual(['a/adr/0.md', 'a/adr/1.md', 'a/blueprint.yaml']);
    expect(index.under('a/adr/')).toEqual(['a/adr/0.md', 'a/adr/1.md']);
    expect(index.under('a-b')).toEqual(['a-b/c.yaml']);
    expect(index.under('missing')).toEqual([]);
  });

  it('lists everything for the root', () => {
    expect(index.under('')).toHaveLength(6);
    expect(index.under('.')).toEqual(index.under(''));
  });

  it('lists one folder among 100,000 paths without scanning them all', () => {
    const big = new PathIndex(Array.from({ length: 100_000 }, (_, i) => `bp${i}/blueprint.yaml`));
    expect(big.under('bp77777')).toEqual(['bp77777/blueprint.yaml']);
  });
});
