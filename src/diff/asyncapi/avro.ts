/**
 * Avro payloads judged by Avro's own schema resolution, not as JSON Schema (whose keywords an Avro
 * schema does not use: compared as JSON Schema, a record's fields were invisible). A consumer and
 * the provider each hold a schema; data written with one is read with the other:
 *
 * - what consumers read (`response`): the provider writes with the head, consumers read with the
 *   base they were built against;
 * - what consumers send (`request`): they write with the base, the provider reads with the head.
 *
 * Reading works when every field the reader expects is written or has a `default`, every written
 * enum symbol and union branch is known to the reader (or the enum has a `default`), and every
 * written primitive promotes to the reader's (int → long → float → double, string ↔ bytes). The
 * findings reuse the schema checks (field added or removed, type widened, enum value added…), whose
 * levels already follow that direction; Avro's rules only decide which of them a change is.
 */
import { code, jsonValue, token } from '../../core/inert-text.js';
import { isRecord } from '../json.js';
import type { Json } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { SchemaDelta, SchemaDeltaKind, SchemaDirection } from '../schema/compare.js';
import type { Place } from '../types.js';
import { fieldPathOf } from '../schema/field-path.js';
import type { Side, Typed } from './avro-types.js';
import { kindOf, label, logicalType, MAX_DEPTH, namedTypes, PROMOTES, resolve } from './avro-types.js';

/** One comparison: both sides' named types, the direction data flows, and the deltas found so far. */
interface Comparison {
  b: Side;
  h: Side;
  direction: SchemaDirection;
  out: SchemaDelta[];
  /** Pairs of types already compared: a recursive record meets itself again. */
  seen: Set<string>;
}

/** Compares two Avro schemas (payload nodes) for consumers in `direction`. */
export function compareAvro(base: Typed, head: Typed, direction: SchemaDirection): SchemaDelta[] {
  const c: Comparison = {
    b: { names: namedTypes(base) },
    h: { names: namedTypes(head) },
    direction,
    out: [],
    seen: new Set(),
  };
  compareTypes(c, base, head, [], 0);
  return c.out;
}

function push(
  c: Comparison,
  kind: SchemaDeltaKind,
  path: readonly string[],
  bt: Typed,
  ht: Typed,
  data: Record<string, string> = {},
): void {
  c.out.push({ kind, path: fieldPathOf(path), base: place(bt), head: place(ht), data });
}

function place(t: Typed): Place {
  return { file: t.file, pointer: t.pointer };
}

function compareTypes(c: Comparison, bt0: Typed, ht0: Typed, path: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const bt = resolve(bt0, c.b);
  const ht = resolve(ht0, c.h);
  const key = `${bt.file}#${bt.pointer}|${ht.file}#${ht.pointer}`;
  if (c.seen.has(key)) return;
  c.seen.add(key);
  const bk = kindOf(bt);
  const hk = kindOf(ht);
  if (bk === 'union' || hk === 'union') return compareUnion(c, bt, ht, path, depth);
  if (bk !== hk) return compareKinds(c, bt, ht, path);
  switch (bk) {
    case 'record':
      return compareFields(c, bt, ht, path, depth);
    case 'enum':
      return compareSymbols(c, bt, ht, path);
    case 'array':
    case 'map':
      return compareElements(c, bt, ht, path, depth);
    case 'fixed':
      if (sizeOf(bt) !== sizeOf(ht))
        push(c, 'type-changed', path, bt, ht, { from: token(label(bt)), to: token(label(ht)) });
      return;
    default:
      return compareLogicalTypes(c, bt, ht, path);
  }
}

function sizeOf(t: Typed): unknown {
  return isRecord(t.value) ? t.value.size : undefined;
}

/** A type that became another kind: widened or narrowed when one promotes to the other. */
function compareKinds(c: Comparison, bt: Typed, ht: Typed, path: string[]): void {
  const bk = kindOf(bt);
  const hk = kindOf(ht);
  const widens = PROMOTES[bk]?.includes(hk) ?? false;
  const narrows = PROMOTES[hk]?.includes(bk) ?? false;
  if (widens && narrows) return; // string ↔ bytes: read either way
  const kind = widens ? 'type-widened' : narrows ? 'type-narrowed' : 'type-changed';
  push(c, kind, path, bt, ht, { from: token(label(bt)), to: token(label(ht)) });
}

function compareSymbols(c: Comparison, bt: Typed, ht: Typed, path: string[]): void {
  const bv = valueOf(bt);
  const hv = valueOf(ht);
  const symbols = (v: Json) => (Array.isArray(v.symbols) ? v.symbols.map(String) : []);
  const added = symbols(hv).filter((s) => !symbols(bv).includes(s));
  const removed = symbols(bv).filter((s) => !symbols(hv).includes(s));
  // The reader's enum `default` stands in for symbols it does not know.
  const readerDefault = c.direction === 'response' ? bv.default : hv.default;
  const shown = (list: string[]) => list.map((s) => jsonValue(JSON.stringify(s))).join(', ');
  if (added.length > 0 && !(c.direction === 'response' && readerDefault !== undefined))
    push(c, 'enum-value-added', path, bt, ht, { values: shown(added), count: String(added.length) });
  if (removed.length > 0 && !(c.direction === 'request' && readerDefault !== undefined))
    push(c, 'enum-value-removed', path, bt, ht, { values: shown(removed), count: String(removed.length) });
}

/** An array's `items` or a map's `values`. */
function compareElements(c: Comparison, bt: Typed, ht: Typed, path: string[], depth: number): void {
  const array = kindOf(bt) === 'array';
  const key = array ? 'items' : 'values';
  const bv = valueOf(bt);
  const hv = valueOf(ht);
  if (bv[key] === undefined || hv[key] === undefined) return;
  compareTypes(
    c,
    { file: bt.file, pointer: appendPointer(bt.pointer, key), value: bv[key] },
    { file: ht.file, pointer: appendPointer(ht.pointer, key), value: hv[key] },
    [...path, array ? '[]' : '*'],
    depth + 1,
  );
}

/** Same primitive: a logical type says how to read the bytes (timestamp-millis vs -micros…). */
function compareLogicalTypes(c: Comparison, bt: Typed, ht: Typed, path: string[]): void {
  const from = logicalType(bt);
  const to = logicalType(ht);
  if (from === to) return;
  if (from === undefined) push(c, 'format-added', path, bt, ht, { to: token(to!) });
  else if (to === undefined) push(c, 'format-removed', path, bt, ht, { from: token(from) });
  else push(c, 'format-changed', path, bt, ht, { from: token(from), to: token(to) });
}

function valueOf(t: Typed): Json {
  return isRecord(t.value) ? t.value : {};
}

interface Field {
  name: string;
  aliases: string[];
  hasDefault: boolean;
  default: unknown;
  at: Typed;
  type: Typed;
}

function fieldsOf(t: Typed): Field[] {
  const v = isRecord(t.value) && Array.isArray(t.value.fields) ? t.value.fields : [];
  return v.flatMap((f, i) =>
    isRecord(f) && typeof f.name === 'string'
      ? [
          {
            name: f.name,
            aliases: Array.isArray(f.aliases) ? f.aliases.map(String) : [],
            hasDefault: f.default !== undefined,
            default: f.default,
            at: { file: t.file, pointer: appendPointer(t.pointer, 'fields', i), value: f },
            type: { file: t.file, pointer: appendPointer(t.pointer, 'fields', i, 'type'), value: f.type },
          },
        ]
      : [],
  );
}

function compareFields(c: Comparison, bt: Typed, ht: Typed, path: string[], depth: number): void {
  const hf = fieldsOf(ht);
  const headLeft = new Set(hf);
  for (const f of fieldsOf(bt)) {
    // A reader's alias names the writer's field under its former name: a rename with an alias.
    const g =
      hf.find((x) => x.name === f.name) ??
      hf.find((x) => x.aliases.includes(f.name) || f.aliases.includes(x.name));
    if (!g) {
      push(c, f.hasDefault ? 'property-removed' : 'required-property-removed', [...path, f.name], f.at, ht, {
        closed: 'false',
      });
      continue;
    }
    headLeft.delete(g);
    compareDefaults(c, f, g, [...path, g.name]);
    compareTypes(c, f.type, g.type, [...path, g.name], depth + 1);
  }
  for (const g of headLeft)
    push(c, g.hasDefault ? 'property-added' : 'required-property-added', [...path, g.name], bt, g.at, {
      closed: 'false',
    });
}

function compareDefaults(c: Comparison, f: Field, g: Field, path: string[]): void {
  const from = f.hasDefault ? JSON.stringify(f.default) : undefined;
  const to = g.hasDefault ? JSON.stringify(g.default) : undefined;
  if (from === to) return;
  if (from === undefined) push(c, 'default-added', path, f.at, g.at, { to: jsonValue(to!) });
  else if (to === undefined) push(c, 'default-removed', path, f.at, g.at, { from: jsonValue(from) });
  else push(c, 'default-changed', path, f.at, g.at, { from: jsonValue(from), to: jsonValue(to) });
}

function compareUnion(c: Comparison, bt: Typed, ht: Typed, path: string[], depth: number): void {
  const bb = branchesOf(bt, c.b);
  const hb = branchesOf(ht, c.h);
  const bKeys = new Map(bb.map((x) => [branchKey(x), x]));
  const hKeys = new Map(hb.map((x) => [branchKey(x), x]));
  const names = (list: Typed[]) => list.map((x) => code(label(x))).join(', ');
  const addedBranches = hb.filter((x) => !bKeys.has(branchKey(x)));
  const removedBranches = bb.filter((x) => !hKeys.has(branchKey(x)));
  if (addedBranches.some((x) => kindOf(x) === 'null')) push(c, 'nullable-added', path, bt, ht);
  if (removedBranches.some((x) => kindOf(x) === 'null')) push(c, 'nullable-removed', path, bt, ht);
  const added = addedBranches.filter((x) => kindOf(x) !== 'null');
  const removed = removedBranches.filter((x) => kindOf(x) !== 'null');
  // One type became another inside the union ("int" → "long"): judged as that type change.
  if (added.length === 1 && removed.length === 1) {
    compareTypes(c, removed[0]!, added[0]!, path, depth + 1);
  } else {
    if (added.length > 0) push(c, 'branch-added', path, bt, ht, { values: names(added) });
    if (removed.length > 0) push(c, 'branch-removed', path, bt, ht, { values: names(removed) });
  }
  for (const [k, x] of bKeys) {
    const y = hKeys.get(k);
    if (y && kindOf(x) !== 'null') compareTypes(c, x, y, path, depth + 1);
  }
}

/** A union's branches, resolved (a type that is not a union is its own one branch). */
function branchesOf(t: Typed, side: Side): Typed[] {
  return Array.isArray(t.value)
    ? t.value.map((v, i) => resolve({ file: t.file, pointer: appendPointer(t.pointer, i), value: v }, side))
    : [t];
}

/** Branches match by kind, named types by name: a union holds at most one of each. */
function branchKey(t: Typed): string {
  const kind = kindOf(t);
  return ['record', 'enum', 'fixed'].includes(kind) ? `${kind} ${label(t)}` : kind;
}

/** Is this schema format Avro (any version, JSON or YAML spelling)? */
export function isAvro(format: string | undefined): boolean {
  return format !== undefined && /^application\/vnd\.apache\.avro(\+(json|yaml))?(;|$)/i.test(format.trim());
}
