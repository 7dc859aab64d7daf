import { describe, expect, it } from 'vitest';
import { CauseKeys } from './cause-keys.js';

describe('CauseKeys', () => {
  const place = (file: string, pointer: string) => ({ file, pointer });

  it('finds a cause by equal parts, whatever objects hold them', () => {
    const keys = new CauseKeys<string>();
    keys.set('x-removed', place('a.yaml', '/p'), undefined, 'name=id;', 'first');
    expect(keys.get('x-removed', place('a.yaml', '/p'), undefined, 'name=id;')).toBe('first');
  });

  it('keeps apart what differs in kind, side, place or data', () => {
    const keys = new CauseKeys<string>();
    keys.set('x-removed', place('a.yaml', '/p'), undefined, '', 'first');
    expect(keys.get('x-added', place('a.yaml', '/p'), undefined, '')).toBeUndefined();
    expect(keys.get('x-removed', undefined, place('a.yaml', '/p'), '')).toBeUndefined();
    expect(keys.get('x-removed', place('a.yaml', '/q'), undefined, '')).toBeUndefined();
    expect(keys.get('x-removed', place('b.yaml', '/p'), undefined, '')).toBeUndefined();
    expect(keys.get('x-removed', place('a.yaml', '/p'), undefined, 'to=1;')).toBeUndefined();
  });

  it('tells an empty place from none, and parts apart wherever a separator would fall', () => {
    const keys = new CauseKeys<string>();
    keys.set('x', place('', ''), undefined, '', 'empty');
    expect(keys.get('x', undefined, undefined, '')).toBeUndefined();
    keys.set('x', place('a#', '/b'), undefined, '', 'one');
    expect(keys.get('x', place('a', '#/b'), undefined, '')).toBeUndefined();
    keys.set('x', place('f', '/a|b'), place('f', '/c'), '', 'two');
    expect(keys.get('x', place('f', '/a'), place('b|f', '/c'), '')).toBeUndefined();
  });

  it('holds falsy values', () => {
    const keys = new CauseKeys<number>();
    keys.set('x', undefined, undefined, '', 0);
    expect(keys.get('x', undefined, undefined, '')).toBe(0);
  });
});
