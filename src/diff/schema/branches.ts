/**
 * The branches of a choice: each as it validates (the schema's other keywords merged in, lazily),
 * named for messages, and paired across the two sides.
 */
import { code } from '../../core/inert-text.js';
import type { RefScope } from '../ref-scope.js';
import type { SchemaEnv } from './compare.js';
import type { SchemaNode, SchemaView } from './view.js';
import { refineView, resolveSchema } from './view.js';
import { writtenTypeKey } from './compared-types.js';
import { isRecord } from '../json.js';
import { keepsMostProperties, renamedSchema } from './renames.js';

export interface Branch {
  node: SchemaNode;
  side: 'base' | 'head';
  /** The branch as it validates: the schema's other keywords and the branch's, merged (lazily). */
  readonly view: SchemaView;
  label: string;
}

/** The branches of a view: itself alone when it is no choice. */
export function branches(env: SchemaEnv, side: 'base' | 'head', view: SchemaView): Branch[] {
  const scope = side === 'base' ? env.base : env.head;
  // A branch's own null (`{type: string, nullable: true}`) is set aside with its choice's.
  const kept = (v: SchemaView) => (view.nullSetAside ? withoutNull(v) : v);
  if (!view.alternatives) return [{ node: view.node, side, view: kept(view), label: 'the former schema' }];
  return view.alternatives.map((node, i) => {
    let refined: SchemaView | undefined;
    return {
      node,
      side,
      get view() {
        refined ??= kept(
          refineView(scope, view, node, (place, ref) => env.onUnresolved(side, place, ref), env.view),
        );
        return refined;
      },
      label: branchLabel(node, i),
    };
  });
}

/**
 * A view as if it did not admit null, nor any of its alternatives — for a comparison that says what
 * became of null on its own (choice-and-schema.ts), where a null every alternative carries (3.0's
 * `nullable` beside the choice) or one alone carries would otherwise make alternatives look new or
 * lost. `nullable` is what every reader asks of a view; `nullSetAside` reaches its alternatives.
 */
export function withoutNull(view: SchemaView): SchemaView {
  return view.nullSetAside && !view.nullable ? view : { ...view, nullable: false, nullSetAside: true };
}

/**
 * Whether each side admits null, judged once per choice by what the whole choice accepts
 * (`admitsNull`: `anyOf` when any alternative does, `oneOf` when exactly one does): `anyOf: [X,
 * {type: object, nullable: true}]` admits null as `anyOf: [X], nullable: true` does, and a `oneOf`
 * whose null two alternatives admitted rejects it as one whose null none admits. The alternatives
 * are then compared with null set aside (alternatives.ts), so null moved from one alternative into
 * another, or into a `{type: 'null'}` branch, is no news.
 */
export function nullability(env: SchemaEnv, b: SchemaView, h: SchemaView): [boolean, boolean] {
  const choice = (view: SchemaView) => view.alternatives !== undefined || view.nullAlternatives !== undefined;
  if (!choice(b) && !choice(h)) return [b.nullable, h.nullable];
  return [admitsNull(env, 'base', b), admitsNull(env, 'head', h)];
}

/** How deep `admitsNull` follows choices nested in alternatives (a `$ref` may nest one in itself). */
const MAX_NESTED_CHOICES = 8;

/**
 * Whether a view admits null: its own word, or, of a choice, that of its alternatives, a choice
 * nested in one included (`anyOf: [{type: string, nullable: true}, …]`, 3.1's
 * `anyOf: [{type: [string, 'null']}, …]`, `anyOf: [{anyOf: [X, {type: 'null'}]}, …]`). A `oneOf`
 * admits null only when exactly one alternative does: `oneOf` rejects a value that matches more than
 * one, and null is such a value for `oneOf: [{type: [string, 'null']}, {type: [integer, 'null']}]`
 * (a null beside the choice, 3.0's `nullable: true`, is its own word, read first). `exclusive:
 * false` reads a `oneOf` as an `anyOf` (what its alternatives say of null, one by one). Each written
 * alternative is read once: a choice whose alternatives lead back to it (`N: anyOf: [$ref N, $ref N,
 * …]`) would otherwise be read again along every path, as many times as there are paths.
 */
export function admitsNull(
  env: SchemaEnv,
  side: 'base' | 'head',
  view: SchemaView,
  options: { exclusive: boolean } = { exclusive: true },
  depth = 0,
  seen = new Set<string>(),
): boolean {
  if (view.nullAlternatives && !view.nullSetAside)
    return oneOfAdmitsNull(env, side, view, options, depth, seen);
  if (view.nullable) return true;
  if (!view.alternatives || depth >= MAX_NESTED_CHOICES) return false;
  const admitting = countAdmitting(env, side, branches(env, side, view), options, depth, seen);
  return view.exclusive && options.exclusive ? admitting === 1 : admitting > 0;
}

/** How many of the alternatives admit null, counted up to two (enough to tell one from several). */
function countAdmitting(
  env: SchemaEnv,
  side: 'base' | 'head',
  alternatives: readonly Pick<Branch, 'node' | 'view'>[],
  options: { exclusive: boolean },
  depth: number,
  seen: Set<string>,
  admitting = 0,
): number {
  for (const x of alternatives) {
    if (admitting >= 2) break;
    const key = `${x.node.file}#${x.node.pointer}`;
    // An alternative met again along another path is the same alternative: counted once.
    if (seen.has(key)) continue;
    seen.add(key);
    if (admitsNull(env, side, x.view, options, depth + 1, seen)) admitting++;
  }
  return admitting;
}

/**
 * A `oneOf` with null-only alternatives (`nullAlternatives`): the view reads them as nullability, yet
 * null matches each of them and every other alternative that admits it, and admitted only when it
 * matches one. The others are read as they validate without that null (the view's `nullable` is
 * theirs only by the fold): `oneOf: [{$ref: X}, {type: 'null'}]` rejects null when X admits it.
 */
function oneOfAdmitsNull(
  env: SchemaEnv,
  side: 'base' | 'head',
  view: SchemaView,
  options: { exclusive: boolean },
  depth: number,
  seen: Set<string>,
): boolean {
  const folded = view.nullAlternatives!;
  if (!options.exclusive) return true;
  if (folded.count > 1 || depth >= MAX_NESTED_CHOICES) return false;
  const scope = side === 'base' ? env.base : env.head;
  const common: SchemaView = { ...view, nullable: false, nullAlternatives: undefined };
  const others = (folded.sole ? [folded.sole] : (view.alternatives ?? [])).map((node) => ({
    node,
    get view() {
      return refineView(scope, common, node, (place, ref) => env.onUnresolved(side, place, ref), env.view);
    },
  }));
  return countAdmitting(env, side, others, options, depth, seen, folded.count) === 1;
}

/**
 * A schema and a choice of one alternative on the other side, that alternative as it validates (the
 * choice's other keywords merged in) in its place; undefined when the choice has several.
 */
export function soleAlternatives(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
): [SchemaView, SchemaView] | undefined {
  const sole = (side: 'base' | 'head', view: SchemaView) =>
    view.alternatives?.length === 1 ? branches(env, side, view)[0]!.view : view;
  if (b.alternatives?.length !== 1 && h.alternatives?.length !== 1) return undefined;
  return [sole('base', b), sole('head', h)];
}

function branchLabel(node: SchemaNode, index: number): string {
  const value = node.value as Record<string, unknown> | null;
  const name = branchName(node);
  if (name) return name;
  // A branch that fixes one value is best named by it.
  if (value && 'const' in value) return JSON.stringify(value.const);
  if (value && Array.isArray(value.enum) && value.enum.length > 0 && value.enum.length <= 3)
    return value.enum.map((v) => JSON.stringify(v)).join(' | ');
  const types = value ? writtenTypes(value.type) : undefined;
  if (types) return `${types} #${index + 1}`;
  return `#${index + 1}`;
}

/**
 * A branch's `type` as a label: one type, or a 3.1 list of them (`string | integer`), null left out
 * as it is of `{type: string, nullable: true}` (null is said of the choice as a whole).
 */
function writtenTypes(type: unknown): string | undefined {
  if (typeof type === 'string') return type;
  if (!Array.isArray(type)) return undefined;
  const named = type.filter((t): t is string => typeof t === 'string');
  const nonNull = named.filter((t) => t !== 'null');
  return (nonNull.length > 0 ? nonNull : named).join(' | ') || undefined;
}

/** A branch's own name: its `$ref`, its title, or the first `$ref` among its `allOf` members. */
function branchName(node: SchemaNode): string | undefined {
  const value = node.value as Record<string, unknown> | null;
  if (!value) return undefined;
  if (typeof value.$ref === 'string') return refName(value.$ref);
  if (typeof value.title === 'string') return value.title;
  const ref = memberRef(value);
  return ref === undefined ? undefined : refName(ref);
}

/** The `$ref` a branch refers to, itself or as its first `allOf` member. */
function namingRef(node: SchemaNode): string | undefined {
  const value = node.value as Record<string, unknown> | null;
  if (!value) return undefined;
  return typeof value.$ref === 'string' ? value.$ref : memberRef(value);
}

function memberRef(value: Record<string, unknown>): string | undefined {
  if (Array.isArray(value.allOf))
    for (const member of value.allOf)
      if (member && typeof member === 'object' && typeof (member as { $ref?: unknown }).$ref === 'string')
        return (member as { $ref: string }).$ref;
  return undefined;
}

function refName(ref: string): string {
  return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
}

const SHOWN = 5;

export function labels(list: readonly { label: string }[]): string {
  const shown = list
    .slice(0, SHOWN)
    .map((x) => code(x.label))
    .join(', ');
  return list.length > SHOWN ? `${shown} and ${list.length - SHOWN} more` : shown;
}

/**
 * Pairs branches by, in turn: `$ref` name or title; discriminator value (a schema renamed with its
 * discriminator mapping updated is the same alternative); a type only one unpaired branch on each
 * side has.
 */
export function matchBranches(env: SchemaEnv, b: SchemaView, h: SchemaView, bb: Branch[], hb: Branch[]) {
  const pairs: [Branch, Branch][] = [];
  const baseLeft = new Set(bb);
  const headLeft = new Set(hb);
  const pass = (keyOf: (x: Branch, side: 'base' | 'head') => string | undefined) => {
    const byKey = new Map<string, Branch[]>();
    for (const y of headLeft) {
      const key = keyOf(y, 'head');
      if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), y]);
    }
    for (const x of [...baseLeft]) {
      const key = keyOf(x, 'base');
      const y = key === undefined ? undefined : byKey.get(key)?.shift();
      if (!y) continue;
      pairs.push([x, y]);
      baseLeft.delete(x);
      headLeft.delete(y);
    }
  };
  pass((x) => {
    const name = branchName(x.node);
    return name === undefined ? undefined : `name:${name}`;
  });
  pass((x, side) =>
    discriminatorValue(side === 'base' ? env.base : env.head, side === 'base' ? b : h, x.node),
  );
  // Without a discriminator, a property each branch fixes to a value of its own names the branch
  // as one would (`kind: {const: cat}`): a branch renamed, and perhaps changed, is still that one.
  const tags = tagsOf(env, [...baseLeft], [...headLeft]);
  if (tags) pass((x) => tags.get(x));
  const uniqueTypes = (set: Set<Branch>) => {
    const count = new Map<string, number>();
    for (const x of set) {
      const t = typeKey(env, x);
      if (t) count.set(t, (count.get(t) ?? 0) + 1);
    }
    return count;
  };
  const bTypes = uniqueTypes(baseLeft);
  const hTypes = uniqueTypes(headLeft);
  pass((x) => {
    const t = typeKey(env, x);
    return t && bTypes.get(t) === 1 && hTypes.get(t) === 1 ? t : undefined;
  });
  // Unnamed inline branches at the same position with the same type: the same alternative edited.
  pass((x) => (branchName(x.node) === undefined ? `${positionOf(x)}:${typeKey(env, x) ?? ''}` : undefined));
  // At the same position too, a branch renamed: a `$ref` to its schema renamed, an inline branch
  // retitled (a title is documentation) — each keeping most of its properties, else it is another.
  for (const x of [...baseLeft]) {
    const y = [...headLeft].find((y) => positionOf(y) === positionOf(x) && renamedBranch(env, x, y));
    if (!y) continue;
    pairs.push([x, y]);
    baseLeft.delete(x);
    headLeft.delete(y);
  }
  return { pairs, baseLeft: [...baseLeft], headLeft: [...headLeft] };
}

const positionOf = (x: Branch) => x.node.pointer.slice(x.node.pointer.lastIndexOf('/') + 1);

/** Two `$ref` branches naming one schema renamed, or two inline branches of one type retitled. */
function renamedBranch(env: SchemaEnv, x: Branch, y: Branch): boolean {
  const ref = (z: Branch) => (isRecord(z.node.value) ? z.node.value.$ref : undefined);
  if (typeof ref(x) === 'string' && typeof ref(y) === 'string') {
    const bt = resolveSchema(env.base, x.node);
    const ht = resolveSchema(env.head, y.node);
    return !bt.unresolved && !ht.unresolved && renamedSchema(env, bt.node, ht.node);
  }
  const titled = (z: Branch) => namingRef(z.node) === undefined && branchName(z.node) !== undefined;
  return titled(x) && titled(y) && typeKey(env, x) === typeKey(env, y) && keepsMostProperties(x.view, y.view);
}

/**
 * The branch's types, read from its own node (merging a view for it is not needed to match): its
 * `type`, or the one its keywords imply (compared-types.ts), so an inline branch given the
 * `type: object` its properties already said pairs with itself.
 */
function typeKey(env: SchemaEnv, x: Branch): string | undefined {
  const scope = x.side === 'base' ? env.base : env.head;
  const value = resolveSchema(scope, x.node).node.value;
  return isRecord(value) ? writtenTypeKey(value, scope.dialect) : undefined;
}

/** The value of the parent's discriminator property that selects this branch. */
function discriminatorValue(scope: RefScope, parent: SchemaView, node: SchemaNode): string | undefined {
  const d = parent.discriminator;
  if (!d?.propertyName) return undefined;
  const value = node.value as Record<string, unknown> | null;
  const ref = value && typeof value.$ref === 'string' ? value.$ref : undefined;
  if (ref) {
    const name = refName(ref);
    for (const [key, target] of d.mapping)
      if (target === ref || refName(target) === name) return `disc:${key}`;
  }
  const own = constOf(scope, node, d.propertyName);
  if (own !== undefined) return `disc:${own}`;
  return ref && d.mapping.size === 0 ? `disc:${refName(ref)}` : undefined;
}

/**
 * Each branch's value of the first property (by name) that every branch on both sides fixes to a
 * value no other branch of its side has; undefined when no property does.
 */
function tagsOf(
  env: SchemaEnv,
  bb: readonly Branch[],
  hb: readonly Branch[],
): Map<Branch, string> | undefined {
  if (bb.length === 0 || hb.length === 0) return undefined;
  const scopeOf = (x: Branch) => (x.side === 'base' ? env.base : env.head);
  for (const property of fixedProperties(scopeOf(bb[0]!), bb[0]!.node)) {
    const tags = new Map<Branch, string>();
    const distinct = (side: readonly Branch[]) => {
      const seen = new Set<string>();
      for (const x of side) {
        const value = constOf(scopeOf(x), x.node, property);
        if (value === undefined || seen.has(value)) return false;
        seen.add(value);
        tags.set(x, `tag:${property}=${value}`);
      }
      return true;
    };
    if (distinct(bb) && distinct(hb)) return tags;
  }
  return undefined;
}

/** The properties a branch fixes to one value, by name. */
function fixedProperties(scope: RefScope, node: SchemaNode): string[] {
  const schema = resolveSchema(scope, node).node.value;
  const props = isRecord(schema) && isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  return props.filter((name) => constOf(scope, node, name) !== undefined).sort();
}

/** The single value a branch fixes for a property (`const`, or a one-value `enum`). */
function constOf(scope: RefScope, node: SchemaNode, property: string): string | undefined {
  const values = valuesOf(scope, node, property);
  return values?.size === 1 ? [...values][0] : undefined;
}

function valuesOf(scope: RefScope, node: SchemaNode, property: string): Set<string> | undefined {
  const schema = resolveSchema(scope, node).node.value as Record<string, unknown> | null;
  const props =
    schema && typeof schema.properties === 'object'
      ? (schema.properties as Record<string, unknown>)
      : undefined;
  const prop = props?.[property];
  if (!prop || typeof prop !== 'object') return undefined;
  const p = resolveSchema(scope, { file: node.file, pointer: node.pointer, value: prop }).node
    .value as Record<string, unknown>;
  if ('const' in p) return new Set([String(p.const)]);
  return Array.isArray(p.enum) ? new Set(p.enum.map(String)) : undefined;
}
