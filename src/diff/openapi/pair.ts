/**
 * What the comparisons of an operation's parts (parameters, bodies, responses) share: the context
 * every change of an operation carries, whether a pair is unchanged, how a style change reads.
 */
import type { SchemaEnv } from '../schema/compare.js';
import type { Place } from '../types.js';

export type Common = { operation: string; unstable?: string };

/** Same element on both sides and identical, refs included: nothing to compare. */
export function unchangedPair(env: SchemaEnv, b: Place, h: Place): boolean {
  return env.structural.samePlace(b, h) && env.structural.unchanged(b.file, b.pointer);
}

type Serialisation = { style: string; explode: boolean; written?: string };

/**
 * The two serialisations as the author writes them: `form (explode: true)`, `collectionFormat multi`
 * in 2.0. A `content` media type stands for its style and has no explode; `form, explode` against
 * `form` read as if explode were a style of its own.
 */
export function styleChange(b: Serialisation, h: Serialisation) {
  const said = (s: Serialisation) =>
    s.written ?? (s.style.includes('/') ? s.style : `${s.style} (explode: ${s.explode})`);
  return { from: said(b), to: said(h) };
}
