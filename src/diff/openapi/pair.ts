/**
 * What the comparisons of an operation's parts (parameters, bodies, responses) share: the context
 * every change of an operation carries, whether a pair is unchanged, how a style change reads.
 */
import { token } from '../../core/inert-text.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from '../schema/compare.js';
import { compareSchemas } from '../schema/compare.js';
import { withoutOwnDefault } from '../schema/delta-lists.js';
import type { SchemaNode } from '../schema/view.js';
import type { Place } from '../types.js';
import type { ValueShape } from './value-shape.js';
import { sharedShape } from './value-shape.js';

export type Common = { operation: string; unstable?: string };

/**
 * Same element on both sides and identical, refs included: nothing to compare. Asked with the
 * values the views already hold (the nodes at those places), so sameness does not look them up
 * again by pointer: splitting and walking ~100-character pointers for the 1,108 operations (and
 * their path items, responses, parameters) of GitHub's description cost ~16 ms of its compare phase.
 */
export function unchangedPair(
  env: SchemaEnv,
  b: Place & { value: unknown },
  h: Place & { value: unknown },
): boolean {
  return env.structural.sameNode(b, h);
}

type Serialisation = { style: string; explode: boolean; written?: string };

/**
 * A serialisation as the author writes it: `form (explode: true)`, `collectionFormat multi` in 2.0.
 * A `content` media type stands for its style and has no explode. The one wording of a parameter's,
 * a header's and a form part's (`encoding`) serialisation.
 */
export function serialisationSaid(s: Serialisation): string {
  if (s.written !== undefined) return s.written;
  return s.style.includes('/') ? token(s.style) : `${token(s.style)} (explode: ${s.explode})`;
}

/** The two serialisations, each as `serialisationSaid` writes it. */
export function styleChange(b: Serialisation, h: Serialisation) {
  return { from: serialisationSaid(b), to: serialisationSaid(h) };
}

/**
 * Does the serialisation change what goes on the wire for a value both sides admit (sharedShape:
 * a value only one side admits breaks by that alone, and the schema's comparison says so)? For an
 * array or object, a style or media type change does, and so does `explode` but for an array under
 * `style: simple` (`blue,black,brown` exploded or not; an object's `R,100` becomes `R=100`). A
 * single value is written alike by every style but the path's `label` (`.5`) and `matrix`
 * (`;id=5`), and explode never touches it; a `content` media type writes it as that type does:
 * `text/plain` as its text, JSON as its text too for a number or boolean (`5`) but quoted for a
 * string (`"abc"`), any other type its own way.
 */
export function serialisationChanged(b: Serialisation & ValueShape, h: Serialisation & ValueShape): boolean {
  const shared = sharedShape(b, h);
  if (shared.list || shared.object) {
    if (b.style !== h.style) return true;
    if (b.explode === h.explode) return false;
    return shared.object || b.style !== 'simple';
  }
  return singleSpelling(b, shared.admitsText) !== singleSpelling(h, shared.admitsText);
}

/** How one value is written: `plain` for the text styles and types that write it as its text. */
function singleSpelling(s: Serialisation, admitsText: boolean): string {
  if (s.style === 'label' || s.style === 'matrix') return s.style;
  if (!s.style.includes('/')) return 'plain';
  const type = s.style.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/plain') return 'plain';
  if (type === 'application/json' || type.endsWith('+json')) return admitsText ? 'json' : 'plain';
  return type;
}

/**
 * A parameter's or header's schema changes as they reach the wire. Both sides serialised as text
 * (`asText`): null may come or go, in the value or in any item or property of it, and nothing sent
 * or read changes — a client holding null leaves the value out (RFC 6570 §2.3: null is undefined;
 * OpenAPI's later style tables name that column `undefined`), and `?a=null` is the string
 * "null", which the schema's string type admits or not on its own. oasdiff reports
 * `request-parameter-became-not-nullable` as an error wherever the parameter is; only a `content`
 * media type (JSON: `?filter=null`) spells null, so only there is it judged.
 */
function asSent(deltas: SchemaDelta[], b: { asText: boolean }, h: { asText: boolean }): SchemaDelta[] {
  if (!b.asText || !h.asText) return deltas;
  return deltas.filter((d) => d.kind !== 'nullable-added' && d.kind !== 'nullable-removed');
}

type ValueField = { schema?: SchemaNode; asText: boolean; required: boolean };

/**
 * What a parameter's or header's schema changed as it reaches the wire: nothing of null where it is
 * written as text (asSent), nothing of its own default where it is always given (a required or
 * path parameter: withoutOwnDefault).
 */
export function valueDeltas(
  env: SchemaEnv,
  b: ValueField,
  h: ValueField,
  direction: SchemaDirection,
): SchemaDelta[] {
  if (!b.schema || !h.schema) return [];
  const deltas = asSent(compareSchemas(env, b.schema, h.schema, direction), b, h);
  return b.required || h.required ? withoutOwnDefault(deltas) : deltas;
}
