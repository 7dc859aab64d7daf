import { describe, expect, it } from 'vitest';
import type { LocatedDocument } from '../core/located-document.js';
import { refExpansion } from './ref-expansion.js';

const NOWHERE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function documents(files: Record<string, unknown>): Map<string, LocatedDocument> {
  return new Map(
    Object.entries(files).map(([file, value]) => [file, { file, value, rangeOf: () => NOWHERE }]),
  );
}

/** `S<i>` refers to `S<i-1>` `width` times: width^depth paths down to `S0`. */
function fanOut(depth: number, width: number): unknown {
  const schemas: Record<string, unknown> = { S0: { type: 'string' } };
  for (let i = 1; i <= depth; i++)
    schemas[`S${i}`] = {
      allOf: Array.from({ length: width }, () => ({ $ref: `#/components/schemas/S${i - 1}` })),
    };
  return { root: { $ref: `#/components/schemas/S${depth}` }, components: { schemas } };
}

describe('refExpansion', () => {
  it('counts every value of a document without references once', () => {
    // root object, a, b (array), 1, 2, {c}, 3
    const docs = documents({ 'api.yaml': { a: 'x', b: [1, 2, { c: 3 }] } });
    expect(refExpansion(docs, 'api.yaml', 1000)).toBe(7);
  });

  it('counts what a reference points to where it is used, in the file it leads to', () => {
    const docs = documents({
      'api.yaml': { one: { $ref: 'schemas/s.yaml#/S' }, two: { $ref: 'schemas/s.yaml#/S' } },
      // S = {type: string}: 2 values, reached twice; each ref object also counts itself and its string.
      'schemas/s.yaml': { S: { type: 'string' } },
    });
    expect(refExpansion(docs, 'api.yaml', 1000)).toBe(1 + 2 * (1 + 1 + 2));
  });

  it('counts a reference back to a value it is inside as one value (validators leave it in place)', () => {
    const docs = documents({
      'api.yaml': { Node: { properties: { next: { $ref: '#/Node' } } } },
    });
    // root, Node, properties, next ref object, its $ref string, and the back-reference as one
    expect(refExpansion(docs, 'api.yaml', 1000)).toBe(6);
  });

  it('grows with the number of paths when references fan out, and stops counting just past the limit', () => {
    // S0 = 2 values; S<i> = itself + allOf + 2 × (ref object + $ref string + S<i-1>): 10, 26, 58.
    // Document: root + its ref (1 + 1 + 58) + components + schemas + S0..S3 where written (96).
    expect(refExpansion(documents({ 'api.yaml': fanOut(3, 2) }), 'api.yaml', 10_000)).toBe(159);
    // 2^200 paths: counted in one walk over the documents, saturating at limit + 1.
    expect(refExpansion(documents({ 'api.yaml': fanOut(200, 2) }), 'api.yaml', 1_000_000)).toBe(1_000_001);
  });

  it('ignores references it cannot follow (another file not loaded, outside the repository)', () => {
    const docs = documents({
      'api.yaml': { a: { $ref: 'missing.yaml#/x' }, b: { $ref: '../../etc/passwd' } },
    });
    // root, a, its $ref string, b, its $ref string
    expect(refExpansion(docs, 'api.yaml', 1000)).toBe(5);
  });
});
