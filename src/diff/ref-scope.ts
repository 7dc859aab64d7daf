import { parsePointer } from '../core/pointer.js';
import { refPointer } from './pointers.js';
import { resolveRef } from '../core/refs.js';
import type { LocatedDocument } from '../core/located-document.js';
import { idIndex, resolveById } from '../core/schema-ids.js';
import { PlaceMap } from './place-map.js';
import type { Inheritance } from './schema/inheritors.js';
import { inheritanceIndex } from './schema/inheritors.js';
import type { Place } from './types.js';

/**
 * The documents of one side with a memoised `$ref` resolver: a large description repeats the same
 * few thousand refs tens of thousands of times. Targets come back with normalised pointers
 * (`#/a%7Bb%7D` and `#/a{b}` are one place), so places from refs compare equal to walked ones.
 */
export interface RefScope {
  documents: ReadonlyMap<string, LocatedDocument>;
  /**
   * `at`: the pointer of the object holding the `$ref`. A ref that does not resolve from its file
   * alone is then resolved by the `$id` in force there (see core/schema-ids.ts).
   */
  resolve(fromFile: string, ref: string, at?: string): (Place & { value: unknown }) | undefined;
  /**
   * The component schemas that extend the schema at `parent` through `allOf`: name → a reference to
   * the child (schema/inheritors.ts). Indexed in one pass over the side's documents when first asked.
   */
  inheritors(parent: Place): ReadonlyMap<string, string>;
  /**
   * Whether keywords beside a schema's `$ref` count: JSON Schema 2020-12 (OpenAPI 3.1) reads them
   * as constraints of their own; a JSON Reference (OpenAPI 3.0, Swagger 2.0) stands for its target
   * alone, its siblings ignored (so do the draft-07 schemas of AsyncAPI).
   */
  refSiblings: boolean;
}

type Target = (Place & { value: unknown }) | null;

export function refScope(documents: ReadonlyMap<string, LocatedDocument>, refSiblings = true): RefScope {
  const memo = new PlaceMap<Target>();
  // By `$id`: rare, and keyed by where the ref is held, since the `$id` in force depends on it.
  const byId = new PlaceMap<Target>();
  const indexes = new Map<LocatedDocument, Map<string, string>>();
  const indexOf = (doc: LocatedDocument) => {
    let index = indexes.get(doc);
    if (!index) indexes.set(doc, (index = idIndex(doc)));
    return index;
  };
  const fromFile = (file: string, ref: string): Target => {
    const r = resolveRef(documents, file, ref);
    return r.kind === 'ok'
      ? { file: r.target.file, pointer: refPointer(r.target.pointer, parsePointer), value: r.value }
      : null;
  };
  let inheritance: Inheritance | undefined;
  const scope: RefScope = {
    documents,
    refSiblings,
    inheritors: (parent) => (inheritance ??= inheritanceIndex(scope)).of(parent),
    resolve: (file, ref, at) =>
      memo.getOrCreate(file, ref, () => fromFile(file, ref)) ??
      (at === undefined
        ? undefined
        : (byId.getOrCreate(
            file,
            `${at}#${ref}`,
            () => resolveById(documents, file, at, ref, indexOf) ?? null,
          ) ?? undefined)),
  };
  return scope;
}
