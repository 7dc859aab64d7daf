import { describe, expect, it } from 'vitest';
import { appendPointer, decodeSegment, getAtPointer, ownMember, parsePointer, toPointer } from './pointer.js';

describe('JSON pointers', () => {
  it('parses RFC 6901 pointers and URI fragments, escapes decoded', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('#')).toEqual([]);
    expect(parsePointer('/paths/~1orders~1{id}/get')).toEqual(['paths', '/orders/{id}', 'get']);
    expect(parsePointer('#/components/schemas/Order%20Line')).toEqual([
      'components',
      'schemas',
      'Order Line',
    ]);
    expect(parsePointer('/a~01/~0~1/%E2%9C%93')).toEqual(['a~1', '~/', '✓']);
    // A malformed percent escape is kept as written rather than thrown.
    expect(parsePointer('/100%/x')).toEqual(['100%', 'x']);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('plain')).toEqual(['plain']);
  });

  it('round-trips through toPointer', () => {
    const segments = ['paths', '/a~b/{c}', 'get', '200', ''];
    expect(parsePointer(toPointer(segments))).toEqual(segments);
    expect(appendPointer('/paths', '/x', 0)).toBe('/paths/~1x/0');
    expect(decodeSegment('~0~1')).toBe('~/');
  });

  it('reads own properties only', () => {
    const value = JSON.parse('{"a": {"__proto__": {"b": 1}, "list": [10, 20]}}') as unknown;
    expect(getAtPointer(value, '/a/__proto__/b')).toBe(1);
    expect(getAtPointer(value, '/a/list/1')).toBe(20);
    expect(getAtPointer(value, '/a/constructor')).toBeUndefined();
    expect(getAtPointer(value, '/a/list/5')).toBeUndefined();
  });

  it('finds no inherited member, whatever its name', () => {
    const plain = JSON.parse('{"x": null, "n": 0}') as unknown;
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(ownMember(plain, key)).toBeUndefined();
    expect(ownMember(plain, 'x')).toBeNull();
    expect(ownMember(plain, 'n')).toBe(0);
    expect(ownMember([1, 2], 'length')).toBe(2);
    expect(ownMember([1, 2], 'map')).toBeUndefined();
    expect(ownMember('text', 'length')).toBeUndefined();
    expect(ownMember(null, 'x')).toBeUndefined();
  });
});
