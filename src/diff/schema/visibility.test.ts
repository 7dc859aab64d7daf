import { describe, expect, it } from 'vitest';
import { START_OF_FILE } from '../../core/finding.js';
import type { LocatedDocument } from '../../core/located-document.js';
import { refScope } from '../ref-scope.js';
import { definedVisibility } from './defined-flags.js';

/** A document whose component schemas are `schemas`, and a property `{ $ref: <to> }` beside them. */
function property(
  schemas: Record<string, unknown>,
  to: string,
  flags = { readOnly: false, writeOnly: false },
) {
  const value = { openapi: '3.0.3', components: { schemas } };
  const doc: LocatedDocument = { file: 'api.yaml', value, rangeOf: () => START_OF_FILE };
  const scope = refScope(new Map([['api.yaml', doc]]));
  const node = { file: 'api.yaml', pointer: '/x', value: { $ref: `#/components/schemas/${to}` } };
  return { scope, prop: { ...flags, node } };
}

/** `n` schemas S0 … S(n-1), each `allOf` the next; the last holds `last`. */
function chain(n: number, last: Record<string, unknown>): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n - 1; i++) schemas[`S${i}`] = { allOf: [{ $ref: `#/components/schemas/S${i + 1}` }] };
  schemas[`S${n - 1}`] = last;
  return schemas;
}

describe('definedVisibility', () => {
  it('finds both flags where the schema is defined, each wherever it is written', () => {
    const { scope, prop } = property(
      {
        Id: { allOf: [{ $ref: '#/components/schemas/Stored' }, { writeOnly: true }] },
        Stored: { type: 'string', readOnly: true },
      },
      'Id',
    );
    expect(definedVisibility(scope, prop)).toEqual({ readOnly: true, writeOnly: true });
  });

  it('keeps a flag written beside the property and still looks for the other', () => {
    const { scope, prop } = property({ Id: { writeOnly: true } }, 'Id', { readOnly: true, writeOnly: false });
    expect(definedVisibility(scope, prop)).toEqual({ readOnly: true, writeOnly: true });
  });

  it('reads a bounded number of schema objects, the same for each flag', () => {
    // 32 schema objects: the property's node, then each schema and the allOf member leading on.
    const seen = property(chain(16, { readOnly: true, writeOnly: true }), 'S0');
    expect(definedVisibility(seen.scope, seen.prop)).toEqual({ readOnly: true, writeOnly: true });
    const beyond = property(chain(17, { readOnly: true, writeOnly: true }), 'S0');
    expect(definedVisibility(beyond.scope, beyond.prop)).toEqual({ readOnly: false, writeOnly: false });
  });
});
