/**
 * Which values an assertion keyword speaks of. `maximum` asserts nothing of a string and
 * `maxLength` nothing of a number (JSON Schema 2020-12 validation §6.2–6.5: each such keyword
 * "validates only" instances of its type and ignores the rest): beside a `type` that excludes its
 * type, it constrains nothing the schema admits, and changing it changes no valid value.
 */
import type { ComparedTypes, TypeSet } from './compared-types.js';

export type Vocabulary = 'number' | 'string' | 'array' | 'object';

/**
 * The type each keyword speaks of, as written in a schema object: the one table both the bounds'
 * comparison (`bothMayHold`) and the types a schema implies (compared-types.ts) read.
 */
export const KEYWORD_VOCABULARY = {
  properties: 'object',
  required: 'object',
  additionalProperties: 'object',
  patternProperties: 'object',
  propertyNames: 'object',
  minProperties: 'object',
  maxProperties: 'object',
  dependentRequired: 'object',
  dependentSchemas: 'object',
  dependencies: 'object',
  unevaluatedProperties: 'object',
  items: 'array',
  prefixItems: 'array',
  additionalItems: 'array',
  unevaluatedItems: 'array',
  contains: 'array',
  minContains: 'array',
  maxContains: 'array',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
} as const satisfies Record<string, Vocabulary>;

/**
 * Whether a keyword of this vocabulary can matter to the pair: both sides may hold such a value
 * (an untyped side holds any). When one side cannot, the type comparison already says that those
 * values came or went, and the keyword's bound on them would only repeat it — or, when neither
 * side admits them, report a change to values no one can send or read.
 */
export function bothMayHold([b, h]: ComparedTypes, vocabulary: Vocabulary): boolean {
  return mayHold(b, vocabulary) && mayHold(h, vocabulary);
}

function mayHold(types: TypeSet | undefined, vocabulary: Vocabulary): boolean {
  return types === undefined || types.has(vocabulary) || (vocabulary === 'number' && types.has('integer'));
}
