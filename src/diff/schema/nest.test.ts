import { describe, expect, it } from 'vitest';
import type { SchemaDelta } from './compare.js';
import { nest } from './delta-lists.js';
import { AT_ROOT, fieldPathOf, pathSegments, under } from './field-path.js';

describe('nest', () => {
  const base = { file: 'api.json', pointer: '/components/schemas/Pet/properties/name' };
  const inner: SchemaDelta = {
    kind: 'type-changed',
    path: fieldPathOf(['name']),
    base,
    data: { from: 'string', to: 'integer' },
    reached: 3,
    written: { base, below: fieldPathOf(['name']) },
  };

  it('puts the segment in front of each path and keeps every other field', () => {
    const out: SchemaDelta[] = [];
    nest(out, 'owner', [inner]);
    expect(out).toEqual([{ ...inner, path: fieldPathOf(['owner', 'name']) }]);
    expect(out[0]!.reached).toBe(3);
    expect(out[0]!.written).toBe(inner.written);
  });

  // A memoised comparison's deltas are nested again by every schema that reaches it: nesting them
  // under one parent must leave them as they were for the next.
  it('leaves the nested deltas as they were, so each parent nests them alike', () => {
    const first: SchemaDelta[] = [];
    const second: SchemaDelta[] = [];
    nest(first, 'owner', [inner]);
    nest(first, 'pets', first.slice());
    nest(second, 'seller', [inner]);
    expect(pathSegments(inner.path)).toEqual(['name']);
    expect(first.map((d) => pathSegments(d.path))).toEqual([
      ['owner', 'name'],
      ['pets', 'owner', 'name'],
    ]);
    expect(second.map((d) => pathSegments(d.path))).toEqual([['seller', 'name']]);
  });
});

describe('a field path', () => {
  it('is shared below the segment nest puts in front, not copied', () => {
    const inner: SchemaDelta = { kind: 'type-changed', path: fieldPathOf(['pets', '[]']), data: {} };
    const out: SchemaDelta[] = [];
    nest(out, 'owner', [inner]);
    expect(out[0]!.path).toEqual(under('owner', inner.path));
    expect(out[0]!.path!.below).toBe(inner.path);
  });

  it('reads back as the segments it was made of, outermost first', () => {
    expect(pathSegments(fieldPathOf(['owner', 'pets', '[]']))).toEqual(['owner', 'pets', '[]']);
    expect(pathSegments(fieldPathOf([]))).toEqual([]);
    expect(fieldPathOf([])).toBe(AT_ROOT);
  });
});
