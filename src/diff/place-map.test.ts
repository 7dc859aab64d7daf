import { describe, expect, it } from 'vitest';
import { NodeMap, NodePairMap, treeShapedFiles } from './place-map.js';

describe('NodeMap', () => {
  const shaped = treeShapedFiles(
    new Map<string, { treeShaped?: true }>([
      ['a.json', { treeShaped: true }],
      ['b.json', { treeShaped: true }],
      ['c.yaml', {}],
    ]),
  );

  it('finds an object of a tree-shaped file by identity, whatever pointer string is passed', () => {
    const map = new NodeMap<string>(shaped);
    const node = { type: 'string' };
    map.set('a.json', '/x', node, 'first');
    expect(map.get('a.json', '/x', node)).toBe('first');
    // The pointer is not consulted: the object is the place (a tree has one place per object).
    expect(map.get('a.json', '/elsewhere', node)).toBe('first');
    expect(map.get('a.json', '/x', { type: 'string' })).toBeUndefined();
  });

  it('keys by place where one object can stand at several places', () => {
    const map = new NodeMap<string>(shaped);
    const aliased = { type: 'string' };
    // YAML: an alias puts the object at /x and /y.
    map.set('c.yaml', '/x', aliased, 'x');
    map.set('c.yaml', '/y', aliased, 'y');
    expect(map.get('c.yaml', '/x', aliased)).toBe('x');
    expect(map.get('c.yaml', '/y', aliased)).toBe('y');
    // One object parsed once for two files with the same text: one entry per file.
    map.set('a.json', '/x', aliased, 'in a');
    map.set('b.json', '/x', aliased, 'in b');
    expect(map.get('a.json', '/x', aliased)).toBe('in a');
    expect(map.get('b.json', '/x', aliased)).toBe('in b');
    // Scalars and absent values are keyed by place.
    map.set('a.json', '/n', 1, 'one');
    expect(map.get('a.json', '/n', 1)).toBe('one');
    expect(map.get('a.json', '/m', 1)).toBeUndefined();
  });

  it('creates once per node', () => {
    const map = new NodeMap<object>(shaped);
    const node = {};
    let created = 0;
    const make = () => (created++, {});
    const first = map.getOrCreate('a.json', '/x', node, make);
    expect(map.getOrCreate('a.json', '/x', node, make)).toBe(first);
    expect(created).toBe(1);
  });

  it('pairs keep both sides apart', () => {
    const pairs = new NodePairMap<string>(shaped, shaped);
    const b = { file: 'a.json', pointer: '/s', value: {} };
    const h1 = { file: 'b.json', pointer: '/s', value: {} };
    const h2 = { file: 'b.json', pointer: '/t', value: {} };
    pairs.set(b, h1, 'one');
    pairs.set(b, h2, 'two');
    expect(pairs.get(b, h1)).toBe('one');
    expect(pairs.get(b, h2)).toBe('two');
    expect(pairs.get(h1, b)).toBeUndefined();
  });
});
