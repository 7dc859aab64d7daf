/** Schemas that admit every value although written out: `{}`, or words that only describe. */
import { isRecord } from '../json.js';

/** Words in a schema that describe it without restricting its values. */
const ANNOTATIONS = new Set([
  '$comment',
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'externalDocs',
  'xml',
]);

/**
 * `{}`, or a schema that only describes (`{description: any value}`): like `true`, it admits every
 * value. OpenAPI 3.0 asks arrays for `items`, and `items: {}` is how authors satisfy it; a media
 * type's `schema: {}` says "any body", as no schema does.
 */
export function admitsAnything(schema: unknown): boolean {
  if (schema === true) return true;
  if (!isRecord(schema)) return false;
  // Extensions stay: one may be the extensible enum the options name.
  for (const key in schema) if (!ANNOTATIONS.has(key)) return false;
  return true;
}
