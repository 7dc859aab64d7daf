import { describe, expect, it } from 'vitest';
import { SameRepresentation } from './media-representations.js';

/** `text/csv; v=1; charset=utf-8` → { v: '1', charset: 'utf-8' } (as content.ts reads them). */
function params(type: string): Map<string, string> {
  return new Map(
    type
      .split(';')
      .slice(1)
      .map((part) => part.split('=').map((s) => s.trim().toLowerCase()) as [string, string]),
  );
}

describe('the head media type of one essence that is the same representation as a base one', () => {
  it('fits where the parameters both give agree, first in the head order, taken ones skipped', () => {
    const heads = [
      'text/csv; v=2',
      'text/csv; header=present',
      'text/csv; v=1; header=absent',
      'text/csv; v=1',
    ];
    const index = new SameRepresentation(heads, params, undefined);
    const all = () => true;
    // v=1 clashes with v=2; `header=present` shares no name with it and comes first.
    expect(index.first(params('text/csv; v=1'), all)).toBe('text/csv; header=present');
    // Both names shared: only the head agreeing on both fits.
    expect(index.first(params('text/csv; v=1; header=absent'), all)).toBe('text/csv; v=1; header=absent');
    expect(index.first(params('text/csv; v=3; header=absent'), all)).toBeUndefined();
    // A taken head is passed over for the next that fits.
    const left = (t: string) => t !== 'text/csv; header=present';
    expect(index.first(params('text/csv; v=1'), left)).toBe('text/csv; v=1; header=absent');
  });

  it('sets aside the parameter that never tells two types apart (JSON has no charset)', () => {
    const index = new SameRepresentation(['application/json; charset=latin1'], params, 'charset');
    expect(index.first(params('application/json; charset=utf-8'), () => true)).toBe(
      'application/json; charset=latin1',
    );
  });

  it('reads each head type a bounded number of times, however many base types clash with them', () => {
    const n = 2000;
    const heads = Array.from({ length: n }, (_, i) => `text/csv; v=h${i}`);
    let reads = 0;
    const counted = (type: string) => {
      reads++;
      return params(type);
    };
    const index = new SameRepresentation(heads, counted, undefined);
    for (let i = 0; i < n; i++) expect(index.first(params(`text/csv; v=b${i}`), () => true)).toBeUndefined();
    // Once to group it, once to key it by `v`: not once per base type.
    expect(reads).toBeLessThanOrEqual(2 * n);
  });
});
