import { describe, expect, it } from 'vitest';
import { START_OF_FILE } from '../../core/finding.js';
import type { LocatedDocument } from '../../core/located-document.js';
import { refScope } from '../ref-scope.js';
import { inheritanceIndex } from './inheritors.js';

const doc = (file: string, value: unknown): LocatedDocument => ({
  file,
  value,
  rangeOf: () => START_OF_FILE,
});

/** `parents` discriminator parents, each extended by `perParent` children through `allOf`. */
function polymorphic(parents: number, perParent: number): Map<string, LocatedDocument> {
  const schemas: Record<string, unknown> = {};
  for (let p = 0; p < parents; p++) {
    schemas[`P${p}`] = { type: 'object', discriminator: { propertyName: 'kind' } };
    for (let c = 0; c < perParent; c++)
      schemas[`P${p}C${c}`] = { allOf: [{ $ref: `#/components/schemas/P${p}` }, { type: 'object' }] };
  }
  return new Map([['api.yaml', doc('api.yaml', { openapi: '3.0.3', components: { schemas } })]]);
}

describe('inheritanceIndex', () => {
  it('names each parent its extending schemas, in the order the documents hold them', () => {
    const scope = refScope(polymorphic(2, 3));
    expect([...scope.inheritors({ file: 'api.yaml', pointer: '/components/schemas/P1' })]).toEqual([
      ['P1C0', '#/components/schemas/P1C0'],
      ['P1C1', '#/components/schemas/P1C1'],
      ['P1C2', '#/components/schemas/P1C2'],
    ]);
    expect(scope.inheritors({ file: 'api.yaml', pointer: '/components/schemas/P1C0' }).size).toBe(0);
  });

  it('finds children in other documents, by the file their $ref leads to', () => {
    const docs = new Map([
      [
        'pet.yaml',
        doc('pet.yaml', { components: { schemas: { Pet: { discriminator: { propertyName: 'kind' } } } } }),
      ],
      [
        'api.yaml',
        doc('api.yaml', {
          components: { schemas: { Cat: { allOf: [{ $ref: 'pet.yaml#/components/schemas/Pet' }] } } },
        }),
      ],
    ]);
    const scope = refScope(docs);
    // Named as the parent's file reaches it: the discriminator resolves its subtypes from there.
    expect([...scope.inheritors({ file: 'pet.yaml', pointer: '/components/schemas/Pet' })]).toEqual([
      ['Cat', 'api.yaml#/components/schemas/Cat'],
    ]);
  });

  it('resolves each allOf $ref once, however many parents are asked about (linear, not per parent)', () => {
    const docs = polymorphic(50, 20);
    const base = refScope(docs);
    let resolved = 0;
    const index = inheritanceIndex({
      documents: docs,
      resolve: (file, ref, at) => {
        resolved++;
        return base.resolve(file, ref, at);
      },
    });
    for (let p = 0; p < 50; p++)
      expect(index.of({ file: 'api.yaml', pointer: `/components/schemas/P${p}` }).size).toBe(20);
    expect(resolved).toBe(50 * 20);
  });

  it('names the schemas extending an extending schema too, nearest first, and ends on a cycle', () => {
    const schemas = {
      Pet: { discriminator: { propertyName: 'kind' } },
      Lion: { allOf: [{ $ref: '#/components/schemas/Cat' }] },
      Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }] },
      Cub: { allOf: [{ $ref: '#/components/schemas/Lion' }, { $ref: '#/components/schemas/Pet' }] },
      Loop: { allOf: [{ $ref: '#/components/schemas/Cub' }] },
      Pet2: { allOf: [{ $ref: '#/components/schemas/Loop' }] },
    };
    const scope = refScope(new Map([['api.yaml', doc('api.yaml', { components: { schemas } })]]));
    const of = (name: string) => [
      ...scope.inheritors({ file: 'api.yaml', pointer: `/components/schemas/${name}` }).keys(),
    ];
    expect(of('Pet')).toEqual(['Cat', 'Cub', 'Lion', 'Loop', 'Pet2']);
    expect(of('Cat')).toEqual(['Lion', 'Cub', 'Loop', 'Pet2']);
    // Pet2 → Loop → Cub → Lion: a schema extending its own descendant names none of them twice.
    schemas.Lion.allOf.push({ $ref: '#/components/schemas/Pet2' });
    const cyclic = refScope(new Map([['api.yaml', doc('api.yaml', { components: { schemas } })]]));
    expect([...cyclic.inheritors({ file: 'api.yaml', pointer: '/components/schemas/Lion' }).keys()]).toEqual([
      'Cub',
      'Loop',
      'Pet2',
    ]);
  });
});
