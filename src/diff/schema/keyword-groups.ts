/**
 * Which schema keywords a view reads, in groups (view-keywords.ts `mergeKeywords`): the lists of
 * bound and subschema keywords, and a bit per group of keywords a step of the merge reads, so a
 * schema object is looked at once for the steps it needs.
 */
export const SUBSCHEMA_KEYWORDS = ['contains', 'propertyNames', 'contentSchema'] as const;
export const LOWER = ['minimum', 'minLength', 'minItems', 'minProperties', 'minContains'] as const;
export const UPPER = ['maximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const;

/**
 * Groups of keywords that `mergeKeywords` reads only when the schema object holds one of them. A
 * schema object holds a handful of keywords; looking up each of some thirty keywords it lacks, on
 * objects of as many shapes as a description has, costs more than listing its keys once.
 */
export const BOUNDS = 1;
export const ARRAY = 2;
export const OBJECT = 4;
export const SUBSCHEMAS = 8;
export const TYPES = 16;
export const VALUES = 32;
export const ADDITIONAL = 64;
export const ALTERNATIVES = 128;
const KEYWORD_GROUPS: ReadonlyMap<string, number> = groupsByKeyword([
  [BOUNDS, [...LOWER, ...UPPER, 'exclusiveMinimum', 'exclusiveMaximum']],
  [ARRAY, ['prefixItems', 'items', 'additionalItems', 'unevaluatedItems']],
  [
    OBJECT,
    ['patternProperties', 'dependentRequired', 'dependentSchemas', 'dependencies', 'unevaluatedProperties'],
  ],
  [SUBSCHEMAS, [...SUBSCHEMA_KEYWORDS, 'not', 'if']],
  [TYPES, ['type', 'nullable', 'x-nullable', 'enum', 'const']],
  [VALUES, ['format', 'contentMediaType', 'contentEncoding', 'pattern', 'enum', 'const']],
  [ADDITIONAL, ['additionalProperties', 'unevaluatedProperties']],
  [ALTERNATIVES, ['oneOf', 'anyOf']],
]);

/** Keyword → the groups it belongs to (a keyword may be read by more than one step). */
function groupsByKeyword(groups: readonly (readonly [number, readonly string[]])[]): Map<string, number> {
  const byKeyword = new Map<string, number>();
  for (const [group, keywords] of groups)
    for (const keyword of keywords) byKeyword.set(keyword, (byKeyword.get(keyword) ?? 0) | group);
  return byKeyword;
}

/** The groups of the keywords a schema object holds. */
export function keywordGroups(s: Record<string, unknown>): number {
  let groups = 0;
  for (const key in s) groups |= KEYWORD_GROUPS.get(key) ?? 0;
  return groups;
}
