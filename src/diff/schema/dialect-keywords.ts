/**
 * The keywords a schema object has under the rules it is read by. JSON Schema 2019-09 and 2020-12
 * introduced keywords that draft-04..07, OpenAPI 3.0's schema object and AsyncAPI's (a draft-07
 * superset) do not define: there they are unknown keywords, which validators ignore, so a
 * `prefixItems` or `unevaluatedProperties: false` written in a draft-07 schema constrains nothing and
 * changing it is no change. Keywords with an earlier spelling the core reads in every dialect
 * (`dependencies`, array-form `items`, boolean exclusive bounds) are not these: their old spelling
 * stays read, as schema-dialects.ts says.
 */
import type { Json } from '../json.js';
import type { SchemaDialect } from '../ref-scope.js';

const LATER_KEYWORDS = [
  'prefixItems',
  'unevaluatedItems',
  'unevaluatedProperties',
  'minContains',
  'maxContains',
  'dependentRequired',
  'dependentSchemas',
  'contentSchema',
] as const;

/** The object as its dialect reads it: itself, or a copy without the keywords it does not define. */
export function keywordsOfDialect(s: Json, dialect: SchemaDialect): Json {
  if (dialect === '2020-12') return s;
  let read: Json | undefined;
  for (const keyword of LATER_KEYWORDS)
    if (keyword in s) {
      read ??= { ...s };
      delete read[keyword];
    }
  return read ?? s;
}
