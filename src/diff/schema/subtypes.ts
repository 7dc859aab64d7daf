/**
 * OpenAPI's inheritance model: `Pet` holds `discriminator: { propertyName: petType }` and no
 * `oneOf`, `Cat` is `allOf: [{ $ref: Pet }, …]`, and an operation answers with `Pet`. A pet whose
 * `petType` selects `Cat` must be a valid `Cat`, so each schema the discriminator selects (its
 * `mapping`, and the schemas extending the holder by name, `Lion: allOf: [{ $ref: Cat }]` too) is
 * one of the holder's alternatives, though no keyword of the holder leads to it: a property `Cat`
 * loses is lost from `Pet`'s answers. Likewise a `Cat` whose `petType` selects `Lion` must be a
 * valid `Lion`. Those subtypes are compared as the paired alternatives of a choice are
 * (alternatives.ts), under their names (`<Cat>.meow`); a value that comes or goes is the
 * discriminator's own change.
 */
import { appendPointer } from '../pointers.js';
import { isRecord } from '../json.js';
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import type { Alternative } from './alternatives.js';
import { comparePairedAlternatives } from './alternatives.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { placeKey } from '../cause-keys.js';
import type { Retarget } from './discriminator.js';
import { mappingRef, selectableTargets, targetName } from './discriminator.js';
import { heldDiscriminator, inheritors } from './inheritors.js';
import type { SchemaView } from './view.js';
import { pathSegments } from './field-path.js';

/**
 * The subtypes of a schema in the inheritance model compared side by side: the schema each value
 * selects in the base with the one it selects in the head, once per pair of schemas (two values may
 * select one). Nothing when either side is no such schema (a choice's discriminator selects among
 * its branches, compared already).
 */
export function compareSubtypes(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  retargets: readonly Retarget[],
): void {
  if (!inheritsModel(b) || !inheritsModel(h)) return;
  const before = subtypesOf(env, 'base', b);
  const after = subtypesOf(env, 'head', h);
  const pairs: [Alternative, Alternative][] = [];
  const paired = new Set<string>();
  for (const [value, x] of before) {
    const y = after.get(value);
    const key = y && `${placeKey(x.node)}\n${placeKey(y.node)}`;
    if (!y || !key || paired.has(key)) continue;
    paired.add(key);
    pairs.push([x, y]);
  }
  const found: SchemaDelta[] = [];
  comparePairedAlternatives(env, pairs, direction, found, { retargets, labelled: true });
  // A subtype holds the holder's own keywords too (its `allOf` member): a change to those is the
  // holder's, said once at its own path (`name`), not again under each subtype (`<Cat>.name`).
  const holders = new Set(out.map((d) => changeAt(d, pathSegments(d.path))));
  for (const d of found) if (!holders.has(changeAt(d, pathSegments(d.path).slice(1)))) out.push(d);
}

/** A change as a reader meets it: what happened, to which field, with what values. */
function changeAt(delta: SchemaDelta, path: readonly string[]): string {
  return JSON.stringify([delta.kind, path, delta.data]);
}

/**
 * For the sameness of elements (equality.ts): the schemas the discriminator of the schema at `at`
 * selects when it holds the inheritance model, which no `$ref` of its own leads to. A change to
 * `Cat` is a change to `Pet`, and to every operation that reaches `Pet`.
 */
export function subtypePlaces(scope: RefScope): (at: Place, value: unknown) => readonly Place[] {
  return (at, value) => {
    const held = heldDiscriminator(value);
    if (!held) return NO_PLACES;
    const discriminator = { file: at.file, pointer: appendPointer(at.pointer, ...held.at) };
    const mapping = held.discriminator.mapping;
    const written = isRecord(mapping) ? Object.values(mapping).filter((v) => typeof v === 'string') : [];
    return [...written, ...inheritors(scope, discriminator).values()].flatMap((ref) => {
      const target = scope.resolve(at.file, mappingRef(ref), discriminator.pointer);
      return target && placeKey(target) !== placeKey(at)
        ? [{ file: target.file, pointer: target.pointer }]
        : [];
    });
  };
}

const NO_PLACES: readonly Place[] = [];

/**
 * A view whose discriminator selects among the schemas extending its holder, over no branches of
 * its own: the holder, a schema extending it, or one that merges it.
 */
function inheritsModel(view: SchemaView): boolean {
  return !!view.discriminator?.propertyName && !view.alternatives;
}

/**
 * Each discriminator value a value of the view may carry with the schema it selects, named as a
 * branch `$ref` is; the view itself (a mapping entry may name it) is no subtype of its own. A mapping
 * entry that cannot be followed is reported as any unresolved `$ref` is: that subtype is not compared.
 */
function subtypesOf(env: SchemaEnv, side: 'base' | 'head', view: SchemaView): Map<string, Alternative> {
  const scope = side === 'base' ? env.base : env.head;
  const d = view.discriminator!.place;
  const out = new Map<string, Alternative>();
  for (const [value, ref] of selectableTargets(scope, view)) {
    const node = scope.resolve(d.file, mappingRef(ref), d.pointer);
    if (!node) env.onUnresolved(side, d, mappingRef(ref));
    else if (placeKey(node) !== placeKey(view.place)) out.set(value, { node, label: targetName(ref) });
  }
  return out;
}
