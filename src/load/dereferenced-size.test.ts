import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import type { LocatedDocument } from '../core/located-document.js';
import { dereferencedSize } from './dereferenced-size.js';

const NOWHERE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function documents(files: Record<string, unknown>): Map<string, LocatedDocument> {
  return new Map(
    Object.entries(files).map(([file, value]) => [file, { file, value, rangeOf: () => NOWHERE }]),
  );
}

/**
 * `S<i>` combines `S<i-1>` twice, `depth` levels deep; `cycle`: `S0` also refers to itself, as a
 * resource linking back to its own kind does (a Stripe customer's invoices name the customer).
 * `via`: each reference goes through an alias schema `A<i>` that is only `$ref: S<i>`.
 */
function fanOut(depth: number, options: { cycle?: boolean; via?: 'alias' | 'description' } = {}) {
  const ref = (i: number) =>
    options.via === 'alias'
      ? { $ref: `#/components/schemas/A${i}` }
      : options.via === 'description'
        ? { $ref: `#/components/schemas/S${i}`, description: 'a sibling keyword' }
        : { $ref: `#/components/schemas/S${i}` };
  const schemas: Record<string, unknown> = {
    S0: {
      type: 'object',
      properties: options.cycle ? { a: { type: 'string' }, next: ref(0) } : { a: { type: 'string' } },
    },
  };
  for (let i = 1; i <= depth; i++) schemas[`S${i}`] = { allOf: [ref(i - 1), ref(i - 1)] };
  if (options.via === 'alias')
    for (let i = 0; i <= depth; i++) schemas[`A${i}`] = { $ref: `#/components/schemas/S${i}` };
  return { root: ref(depth), components: { schemas } };
}

/** An OpenAPI document holding these members besides its required ones (swagger-parser wants them). */
function api(members: Record<string, unknown>): Record<string, unknown> {
  return { openapi: '3.0.3', info: { title: 'Fan-out', version: '1' }, paths: {}, ...members };
}

/** Values of what swagger-parser makes of the document for its schema check, walked as a tree. */
async function valuesOfDereferenced(value: Record<string, unknown>): Promise<number> {
  const dereferenced = await SwaggerParser.dereference(structuredClone(value) as never, {
    dereference: { circular: 'ignore' },
  });
  const count = (v: unknown): number =>
    v === null || typeof v !== 'object' ? 1 : Object.values(v).reduce<number>((n, c) => n + count(c), 1);
  return count(dereferenced);
}

describe('dereferencedSize', () => {
  it('counts what swagger-parser’s dereferencer makes of a document, value for value', async () => {
    for (const doc of [
      api({ a: 'x', b: [1, 2, { c: 3 }] }),
      api(fanOut(4)),
      api(fanOut(4, { cycle: true })),
      api(fanOut(4, { via: 'alias' })),
      api({ Node: { properties: { next: { $ref: '#/Node' } } }, use: { $ref: '#/Node' } }),
    ])
      expect(dereferencedSize(documents({ 'api.yaml': doc }), 'api.yaml', 1_000_000)).toBe(
        await valuesOfDereferenced(doc),
      );
  });

  it('grows with the number of paths when references fan out, and stops just past the limit', () => {
    expect(dereferencedSize(documents({ 'api.yaml': fanOut(200) }), 'api.yaml', 1_000_000)).toBe(1_000_001);
    // Through aliases: the dereferencer follows the chain, so the count does too.
    expect(
      dereferencedSize(documents({ 'api.yaml': fanOut(200, { via: 'alias' }) }), 'api.yaml', 1_000_000),
    ).toBe(1_000_001);
    // A `$ref` with a keyword beside it is not remembered by the dereferencer: its crawl fans out
    // itself, and a crawl past the limit counts as past it.
    expect(
      dereferencedSize(documents({ 'api.yaml': fanOut(200, { via: 'description' }) }), 'api.yaml', 1_000_000),
    ).toBe(1_000_001);
  });

  it('counts a reference whose target reaches a cycle as itself, everywhere: the dereferencer leaves it in place', () => {
    // 2^200 paths without the cycle; with it, every S<i> reaches S0's reference to itself.
    const size = dereferencedSize(
      documents({ 'api.yaml': fanOut(200, { cycle: true }) }),
      'api.yaml',
      1_000_000,
    );
    expect(size).toBeLessThan(10_000);
  });

  it('follows references into other files, and counts one it cannot follow as written', async () => {
    const docs = documents({
      'api.yaml': {
        a: { $ref: 'schemas/s.yaml#/S' },
        b: { $ref: 'schemas/s.yaml#/S' },
        c: { $ref: 'missing.yaml#/x' },
        d: { $ref: '../../etc/passwd' },
      },
      'schemas/s.yaml': { S: { type: 'string', enum: ['x', 'y'] } },
    });
    // root, a and b each the S object (type, enum with 2 items: 5 values), c and d as written (2 each)
    expect(dereferencedSize(docs, 'api.yaml', 1000)).toBe(1 + 2 * 5 + 2 * 2);
  });
});
