/**
 * What a schema says of `null`, object by object, and how the objects merged into one view (a
 * `$ref`'s target and siblings, `allOf` members) add up to its nullability, by dialect.
 */
import { isRecord } from '../json.js';
import type { Json } from '../json.js';
import type { SchemaDialect } from '../ref-scope.js';
import type { SchemaView } from './view.js';

/** A branch that only admits `null` (`{type: 'null'}`, `{const: null}`, `{enum: [null]}`). */
export function isNullOnly(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (
    value.type === 'null' ||
    (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null')
  )
    return true;
  if ('const' in value && value.const === null) return true;
  return Array.isArray(value.enum) && value.enum.length === 1 && value.enum[0] === null;
}

/**
 * Keys that leave a schema object's values alone: words for readers, not constraints. A placeholder
 * branch (`isNullPlaceholder`) may carry them, as generated ones do (`description`).
 */
const ANNOTATIONS = new Set(['title', 'description']);

/**
 * OpenAPI 3.0's idiom for "or null" beside a reference, which 3.0 cannot make nullable itself:
 * `anyOf: [{$ref: …}, {type: object, nullable: true}]`, as OpenAPI.NET.OData writes every nullable
 * navigation property (all of Microsoft Graph) since the OpenAPI maintainers proposed it there
 * (microsoft/OpenAPI.NET.OData#190). Read literally the second branch admits every object; its
 * authors and the clients generated from it (Kiota) read it as null. Only in the 3.0 dialect (3.1
 * writes `type: 'null'`, where `nullable` is no keyword), only a branch saying nothing but
 * `type: object` and `nullable: true` (titles and descriptions aside), and only beside another
 * branch: alone, it is a free-form object.
 */
export function isNullPlaceholder(value: unknown, dialect: SchemaDialect): boolean {
  if (dialect !== '3.0' || !isRecord(value) || value.type !== 'object' || value.nullable !== true)
    return false;
  for (const key in value) if (key !== 'type' && key !== 'nullable' && !ANNOTATIONS.has(key)) return false;
  return true;
}

/**
 * What one schema object says of `null`: `admits` when every keyword of it that lists what is
 * allowed lists null, `excludes` when one leaves it out, undefined when none lists anything. With
 * JSON Schema 2020-12 (OpenAPI 3.1) `type: [string, 'null']` beside `enum: [a, b]` does not admit it
 * (the enum leaves null out), nor does `type: string` beside `enum: [a, null]`, and `nullable` is no
 * keyword. OpenAPI 3.0's `nullable: true` (2.0's `x-nullable`) is read as its authors mostly mean
 * it: null allowed, listed in the enum or not.
 */
export function nullStance(
  s: Json,
  types: string[] | undefined,
  values: unknown[] | undefined,
  dialect: SchemaDialect,
): 'admits' | 'excludes' | undefined {
  if (dialect === '3.0' && (s.nullable === true || s['x-nullable'] === true)) return 'admits';
  const byType = types?.includes('null');
  const byValues = values?.includes(null);
  if (byType === undefined && byValues === undefined) return undefined;
  return byType !== false && byValues !== false ? 'admits' : 'excludes';
}

/**
 * Null admitted or left out by one schema object merged into the view. 2020-12: the objects merged
 * all apply (a `$ref`'s target and siblings, `allOf` members), so null is allowed only if none
 * leaves it out. 3.0: one that admits it makes the view nullable (`nullable: true` beside an
 * `allOf` of a non-null schema is how 3.0 documents spell a nullable reference).
 */
export function noteNull(
  view: SchemaView,
  stance: 'admits' | 'excludes' | undefined,
  dialect: SchemaDialect,
): void {
  if (dialect === '3.0') {
    if (stance === 'admits') view.nullable = true;
  } else if (stance === 'excludes') {
    view.nullExcluded = true;
    view.nullable = false;
  } else if (stance === 'admits' && !view.nullExcluded) view.nullable = true;
}
