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
  /** How the side's schemas read (see SchemaDialect). */
  dialect: SchemaDialect;
  /**
   * How the schema at a place reads when its side declares dialects schema by schema (`$schema`),
   * else absent (see schema-dialects.ts).
   */
  dialectAt?: (place: Place) => SchemaDialect | undefined;
}

/**
 * The rules a schema is read by, where they differ for what the compatibility core reads:
 * - `2020-12`: JSON Schema 2020-12 (OpenAPI 3.1, AsyncAPI payloads declared so). Keywords beside a
 *   `$ref` apply together with its target, as an `allOf` member's do: an instance must satisfy
 *   both, so null is allowed only where every one of them allows it. `nullable` is no keyword.
 * - `3.0`: OpenAPI 3.0's schema object, whose rules Swagger 2.0's and AsyncAPI's draft-07 schemas
 *   share here. A `$ref` is a Reference Object (a JSON Reference) standing for its target alone, its
 *   siblings ignored; `nullable: true` (2.0: `x-nullable`) admits null as authors mean it, beside an
 *   `allOf` of a schema that does not too.
 * - `draft-07`: JSON Schema draft-04 to draft-07 declared by an OpenAPI 3.1 document or schema: a
 *   `$ref` stands for its target alone, as in 3.0; null as in 2020-12 (`nullable` is no keyword).
 */
export type SchemaDialect = '2020-12' | '3.0' | 'draft-07';

/** Reads keywords beside a `$ref` (JSON Schema 2020-12): what `dialect` says of a schema's `$ref`. */
export const readsRefSiblings = (scope: { dialect: SchemaDialect }): boolean => scope.dialect === '2020-12';

type Target = (Place & { value: unknown }) | null;

export function refScope(
  documents: ReadonlyMap<string, LocatedDocument>,
  dialect: SchemaDialect = '2020-12',
  dialectAt?: RefScope['dialectAt'],
): RefScope {
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
    dialect,
    ...(dialectAt ? { dialectAt } : {}),
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
