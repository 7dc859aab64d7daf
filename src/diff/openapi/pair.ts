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

export function styleChange(b: { style: string; explode: boolean }, h: { style: string; explode: boolean }) {
  return {
    from: `${b.style}${b.explode ? ', explode' : ''}`,
    to: `${h.style}${h.explode ? ', explode' : ''}`,
  };
}
