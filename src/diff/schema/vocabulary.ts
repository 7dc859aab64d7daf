/**
 * Which values an assertion keyword speaks of. `maximum` asserts nothing of a string and
 * `maxLength` nothing of a number (JSON Schema 2020-12 validation §6.2–6.5: each such keyword
 * "validates only" instances of its type and ignores the rest): beside a `type` that excludes its
 * type, it constrains nothing the schema admits, and changing it changes no valid value.
 */
import type { ComparedTypes, TypeSet } from './compared-types.js';

export type Vocabulary = 'number' | 'string' | 'array' | 'object';

/** The type each bound and assertion keyword the comparison reads applies to. */
export const KEYWORD_VOCABULARY = {
  minimum: 'number',
  maximum: 'number',
  multipleOf: 'number',
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  minItems: 'array',
  maxItems: 'array',
  minContains: 'array',
  maxContains: 'array',
  uniqueItems: 'array',
  minProperties: 'object',
  maxProperties: 'object',
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
