/**
 * The discriminator of a schema compared across a change (`compare.ts`): its property, the values
 * its mapping adds or removes, and the values mapped to another schema that breaks what the former
 * one allowed (`retargetedValues`), which the alternatives' comparison leaves to this one change.
 */
import { token } from '../../core/inert-text.js';
import type { SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas } from './compare.js';
import type { SchemaView } from './view.js';
import { isRecord } from '../json.js';
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import { discriminatorHolder, inheritors } from './inheritors.js';
import { renamedSchema } from './renames.js';
import type { Push } from './keywords.js';
import { list } from './keywords.js';

/**
 * The discriminator property, and its mapping: values added or removed, and values whose target
 * changed (`retargets`, from `retargetedValues`).
 */
export function compareDiscriminator(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  push: Push,
  retargets: readonly Retarget[],
  branchesReported: ReadonlySet<string> = new Set(),
): void {
  const bd = b.discriminator;
  const hd = h.discriminator;
  if (!bd && !hd) return;
  if (!bd || !hd || bd.propertyName !== hd.propertyName) {
    // Adding or dropping a discriminator over the same alternatives changes no value's validity.
    if (!bd?.propertyName || !hd?.propertyName) return;
    push('discriminator-changed', 'discriminator', {
      detail: `property from ${token(bd.propertyName)} to ${token(hd.propertyName)}`,
    });
    return;
  }
  // A value that came or went with its alternative is that alternative's change, reported already.
  const own = (target: string) => !branchesReported.has(targetName(target));
  const bm = selectableTargets(env.base, b);
  const hm = selectableTargets(env.head, h);
  const added = [...hm.keys()].filter((k) => !bm.has(k) && own(hm.get(k)!));
  const removed = [...bm.keys()].filter((k) => !hm.has(k) && own(bm.get(k)!));
  if (added.length > 0)
    push('discriminator-mapping-added', 'discriminator', { values: list(added.map(token)) });
  if (removed.length > 0)
    push('discriminator-mapping-removed', 'discriminator', { values: list(removed.map(token)) });
  if (retargets.length > 0)
    push('discriminator-changed', 'discriminator', {
      detail: `${retargets.length === 1 ? 'value' : 'values'} ${list(retargets.map((r) => `${token(r.value)} from ${token(r.from)} to ${token(r.to)}`))}`,
    });
}

/** A discriminator value mapped to another schema: its former target's name and its new one's. */
export interface Retarget {
  value: string;
  from: string;
  to: string;
}

/**
 * The discriminator values (same property on both sides) whose mapping names another schema that
 * breaks what the former one allowed — unless the new target describes the same thing (a schema
 * renamed with its mapping updated is no change). One change: the alternatives the value selected
 * are not compared again (`compareAlternatives`), their properties are that change.
 */
export function retargetedValues(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
): Retarget[] {
  const bd = b.discriminator;
  const hd = h.discriminator;
  if (!bd?.propertyName || bd.propertyName !== hd?.propertyName) return [];
  return [...bd.mapping.keys()].flatMap((value) => {
    const from = bd.mapping.get(value)!;
    const to = hd.mapping.get(value);
    if (to === undefined || to === from) return [];
    const bt = env.base.resolve(bd.place.file, mappingRef(from), bd.place.pointer);
    const ht = env.head.resolve(hd.place.file, mappingRef(to), hd.place.pointer);
    // The schema it selected, renamed (and perhaps changed) with the mapping following it: still the
    // alternative the value selects, whose changes are said property by property.
    if (bt && ht && renamedSchema(env, bt, ht, bd.propertyName)) return [];
    const breaks =
      !bt || !ht || compareSchemas(env, bt, ht, direction).some((d) => env.breaks(d.kind, direction));
    return breaks ? [{ value, from: targetName(from), to: targetName(to) }] : [];
  });
}

/**
 * Every value the discriminator of this view (which has one) may take, with a reference to the
 * schema it selects: its mapping and the schemas it selects by name (discriminatorValues).
 */
export function discriminatorTargets(scope: RefScope, view: SchemaView): ReadonlyMap<string, string> {
  const d = view.discriminator!;
  return discriminatorValues(d.mapping, implicitTargets(scope, view, d.place));
}

/**
 * The values the discriminator property may take, each with the schema it selects: the explicit
 * `mapping`, and the implicit one — a schema no mapping entry names is selected by its name (`Cat`
 * for `#/components/schemas/Cat`). Dropping a mapping thus changes the values (`cat` → `Cat`), on
 * the wire, though the schemas stay the same.
 */
function discriminatorValues(
  mapping: ReadonlyMap<string, string>,
  implicit: readonly string[],
): ReadonlyMap<string, string> {
  const out = new Map(mapping);
  const mapped = new Set([...mapping.values()].map(targetName));
  for (const ref of implicit) {
    const name = targetName(ref);
    if (!mapped.has(name) && !out.has(name)) out.set(name, ref);
  }
  return out;
}

/**
 * The values a value of this schema (which has a discriminator) may carry, each with the schema it
 * selects: all of them where the discriminator is held, but a component schema that inherits it
 * through `allOf` (`Cat` extending `Pet`) is selected by its own values and those of the schemas
 * extending it in turn (`Lion`) — the values of its siblings are none of its consumers' concern.
 */
export function selectableTargets(scope: RefScope, view: SchemaView): ReadonlyMap<string, string> {
  const values = discriminatorTargets(scope, view);
  const holder = discriminatorHolder(view.discriminator!.place);
  const own = /^\/components\/schemas\/[^/]+$/.exec(view.place.pointer);
  if (!own || (view.place.file === holder.file && view.place.pointer === holder.pointer)) return values;
  const names = new Set([targetName(view.place.pointer), ...scope.inheritors(view.place).keys()]);
  return new Map([...values].filter(([, target]) => names.has(targetName(target))));
}

/**
 * The schemas a discriminator selects by name unless mapped: the `$ref`ed `oneOf`/`anyOf` branches,
 * or, on a schema without them, the schemas that extend it through `allOf` (inheritors.ts).
 */
function implicitTargets(scope: RefScope, view: SchemaView, discriminator: Place): string[] {
  if (!view.alternatives) return [...inheritors(scope, discriminator).values()];
  return view.alternatives.flatMap((branch) => {
    const ref = isRecord(branch.value) ? branch.value.$ref : undefined;
    return typeof ref === 'string' ? [ref] : [];
  });
}

/** The schema a mapping value names, as a branch `$ref` is labelled (`#/components/schemas/Cat` → Cat). */
export function targetName(value: string): string {
  const ref = mappingRef(value);
  return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
}

/** A mapping value is a reference or, by the spec, a bare schema name. */
export function mappingRef(value: string): string {
  return value.includes('#') || value.includes('/') || value.includes('.')
    ? value
    : `#/components/schemas/${value}`;
}
