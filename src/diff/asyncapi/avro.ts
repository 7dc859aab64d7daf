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
import { appendPointer } from '../pointers.js';
import type { SchemaDelta, SchemaDeltaKind, SchemaDirection } from '../schema/compare.js';
import type { Place } from '../types.js';
import type { Json } from '../json.js';
import { isRecord } from '../json.js';

/** A type expression where it is written: a name, a `{ type: … }` object or a union array. */
interface Typed extends Place {
  value: unknown;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
/** Writer type → the reader types it promotes to (Avro 1.x "Schema Resolution"). */
const PROMOTES: Record<string, readonly string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};
const MAX_DEPTH = 64;

/** Named types (record, enum, fixed) by full and simple name: later uses refer to them by name. */
function namedTypes(root: Typed): Map<string, Typed> {
  const names = new Map<string, Typed>();
  const stack: { t: Typed; ns?: string; depth: number }[] = [{ t: root, depth: 0 }];
  while (stack.length > 0) {
    const { t, ns, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) continue;
    const at = (value: unknown, ...keys: (string | number)[]): Typed => ({
      file: t.file,
      pointer: appendPointer(t.pointer, ...keys),
      value,
    });
    if (Array.isArray(t.value)) {
      t.value.forEach((branch, i) => stack.push({ t: at(branch, i), ns, depth: depth + 1 }));
      continue;
    }
    if (!isRecord(t.value)) continue;
    const v = t.value;
    let inner = ns;
    if (typeof v.name === 'string' && ['record', 'error', 'enum', 'fixed'].includes(String(v.type))) {
      const namespace = typeof v.namespace === 'string' ? v.namespace : ns;
      const full = v.name.includes('.') || !namespace ? v.name : `${namespace}.${v.name}`;
      names.set(full, t);
      names.set(full.slice(full.lastIndexOf('.') + 1), t);
      inner = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : namespace;
    }
    if (Array.isArray(v.fields))
      v.fields.forEach((f, i) => {
        if (isRecord(f) && f.type !== undefined)
          stack.push({ t: at(f.type, 'fields', i, 'type'), ns: inner, depth: depth + 1 });
      });
    for (const key of ['items', 'values'] as const)
      if (v[key] !== undefined) stack.push({ t: at(v[key], key), ns: inner, depth: depth + 1 });
    if (isRecord(v.type) || Array.isArray(v.type))
      stack.push({ t: at(v.type, 'type'), ns: inner, depth: depth + 1 });
  }
  return names;
}

interface Side {
  names: Map<string, Typed>;
}

/** A type as used: a name resolved to its definition, `{ type: "string" }` read as `"string"`. */
function resolve(t: Typed, side: Side): Typed {
  let current = t;
  for (let hops = 0; hops < 8; hops++) {
    const v = current.value;
    if (typeof v === 'string' && !PRIMITIVES.has(v)) {
      const named = side.names.get(v);
      if (!named) return current;
      current = named;
      continue;
    }
    // `{ type: { … } }` or `{ type: [ … ] }`: the inner expression is the type.
    if (isRecord(v) && (isRecord(v.type) || Array.isArray(v.type)))
      current = { file: current.file, pointer: appendPointer(current.pointer, 'type'), value: v.type };
    else return current;
  }
  return current;
}

/** `record`, `enum`, `array`, `map`, `fixed`, `union`, a primitive, or a name nobody defined. */
function kindOf(t: Typed): string {
  const v = t.value;
  if (Array.isArray(v)) return 'union';
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v.type === 'string') return v.type === 'error' ? 'record' : v.type;
  return 'unknown';
}

function label(t: Typed): string {
  const v = t.value;
  const kind = kindOf(t);
  if (isRecord(v) && typeof v.name === 'string' && ['record', 'enum', 'fixed'].includes(kind)) return v.name;
  if (kind === 'fixed' && isRecord(v)) return `fixed(${String(v.size)})`;
  return kind;
}

const logicalType = (t: Typed) =>
  isRecord(t.value) && typeof t.value.logicalType === 'string' ? t.value.logicalType : undefined;

/** Compares two Avro schemas (payload nodes) for consumers in `direction`. */
export function compareAvro(base: Typed, head: Typed, direction: SchemaDirection): SchemaDelta[] {
  const b: Side = { names: namedTypes(base) };
  const h: Side = { names: namedTypes(head) };
  const out: SchemaDelta[] = [];
  const seen = new Set<string>();
  const place = (t: Typed): Place => ({ file: t.file, pointer: t.pointer });
  const push = (kind: SchemaDeltaKind, path: readonly string[], bt: Typed, ht: Typed, data = {}) =>
    out.push({ kind, path, base: place(bt), head: place(ht), data });

  const compare = (bt0: Typed, ht0: Typed, path: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const bt = resolve(bt0, b);
    const ht = resolve(ht0, h);
    const key = `${bt.file}#${bt.pointer}|${ht.file}#${ht.pointer}`;
    if (seen.has(key)) return; // a recursive record meets itself again
    seen.add(key);
    const bk = kindOf(bt);
    const hk = kindOf(ht);
    if (bk === 'union' || hk === 'union') return compareUnion(bt, ht, path, depth);
    if (bk !== hk) {
      const from = label(bt);
      const to = label(ht);
      const widens = PROMOTES[bk]?.includes(hk) ?? false;
      const narrows = PROMOTES[hk]?.includes(bk) ?? false;
      if (widens && narrows) return; // string ↔ bytes: read either way
      push(widens ? 'type-widened' : narrows ? 'type-narrowed' : 'type-changed', path, bt, ht, { from, to });
      return;
    }
    const bv = isRecord(bt.value) ? bt.value : {};
    const hv = isRecord(ht.value) ? ht.value : {};
    switch (bk) {
      case 'record':
        return compareFields(bt, ht, path, depth);
      case 'enum': {
        const symbols = (v: Json) => (Array.isArray(v.symbols) ? v.symbols.map(String) : []);
        const added = symbols(hv).filter((s) => !symbols(bv).includes(s));
        const removed = symbols(bv).filter((s) => !symbols(hv).includes(s));
        // The reader's enum `default` stands in for symbols it does not know.
        const readerDefault = direction === 'response' ? bv.default : hv.default;
        const shown = (list: string[]) => list.map((s) => JSON.stringify(s)).join(', ');
        if (added.length > 0 && !(direction === 'response' && readerDefault !== undefined))
          push('enum-value-added', path, bt, ht, { values: shown(added), count: String(added.length) });
        if (removed.length > 0 && !(direction === 'request' && readerDefault !== undefined))
          push('enum-value-removed', path, bt, ht, { values: shown(removed), count: String(removed.length) });
        return;
      }
      case 'array':
      case 'map': {
        const key = bk === 'array' ? 'items' : 'values';
        if (bv[key] === undefined || hv[key] === undefined) return;
        return compare(
          { file: bt.file, pointer: appendPointer(bt.pointer, key), value: bv[key] },
          { file: ht.file, pointer: appendPointer(ht.pointer, key), value: hv[key] },
          [...path, bk === 'array' ? '[]' : '*'],
          depth + 1,
        );
      }
      case 'fixed':
        if (bv.size !== hv.size) push('type-changed', path, bt, ht, { from: label(bt), to: label(ht) });
        return;
      default: {
        // Same primitive: a logical type says how to read the bytes (timestamp-millis vs -micros…).
        const from = logicalType(bt);
        const to = logicalType(ht);
        if (from === to) return;
        if (from === undefined) push('format-added', path, bt, ht, { to: to! });
        else if (to === undefined) push('format-removed', path, bt, ht, { from });
        else push('format-changed', path, bt, ht, { from, to });
      }
    }
  };

  const compareFields = (bt: Typed, ht: Typed, path: string[], depth: number): void => {
    const fieldsOf = (t: Typed) => {
      const v = isRecord(t.value) && Array.isArray(t.value.fields) ? t.value.fields : [];
      return v.flatMap((f, i) =>
        isRecord(f) && typeof f.name === 'string'
          ? [
              {
                name: f.name,
                aliases: Array.isArray(f.aliases) ? f.aliases.map(String) : [],
                hasDefault: f.default !== undefined,
                default: f.default,
                at: { file: t.file, pointer: appendPointer(t.pointer, 'fields', i), value: f } as Typed,
                type: { file: t.file, pointer: appendPointer(t.pointer, 'fields', i, 'type'), value: f.type },
              },
            ]
          : [],
      );
    };
    const bf = fieldsOf(bt);
    const hf = fieldsOf(ht);
    const headLeft = new Set(hf);
    for (const f of bf) {
      // A reader's alias names the writer's field under its former name: a rename with an alias.
      const g =
        hf.find((x) => x.name === f.name) ??
        hf.find((x) => x.aliases.includes(f.name) || f.aliases.includes(x.name));
      if (!g) {
        push(f.hasDefault ? 'property-removed' : 'required-property-removed', [...path, f.name], f.at, ht, {
          closed: 'false',
        });
        continue;
      }
      headLeft.delete(g);
      const from = f.hasDefault ? JSON.stringify(f.default) : undefined;
      const to = g.hasDefault ? JSON.stringify(g.default) : undefined;
      if (from !== to) {
        if (from === undefined) push('default-added', [...path, g.name], f.at, g.at, { to: to! });
        else if (to === undefined) push('default-removed', [...path, g.name], f.at, g.at, { from });
        else push('default-changed', [...path, g.name], f.at, g.at, { from, to });
      }
      compare(f.type, g.type, [...path, g.name], depth + 1);
    }
    for (const g of headLeft)
      push(g.hasDefault ? 'property-added' : 'required-property-added', [...path, g.name], bt, g.at, {
        closed: 'false',
      });
  };

  const compareUnion = (bt: Typed, ht: Typed, path: string[], depth: number): void => {
    const branchesOf = (t: Typed, side: Side): Typed[] =>
      Array.isArray(t.value)
        ? t.value.map((v, i) =>
            resolve({ file: t.file, pointer: appendPointer(t.pointer, i), value: v }, side),
          )
        : [t];
    // Branches match by kind, named types by name: a union holds at most one of each.
    const keyOf = (t: Typed) => {
      const kind = kindOf(t);
      return ['record', 'enum', 'fixed'].includes(kind) ? `${kind} ${label(t)}` : kind;
    };
    const bb = branchesOf(bt, b);
    const hb = branchesOf(ht, h);
    const bKeys = new Map(bb.map((x) => [keyOf(x), x]));
    const hKeys = new Map(hb.map((x) => [keyOf(x), x]));
    const names = (list: Typed[]) => list.map((x) => `\`${label(x)}\``).join(', ');
    const addedBranches = hb.filter((x) => !bKeys.has(keyOf(x)));
    const removedBranches = bb.filter((x) => !hKeys.has(keyOf(x)));
    if (addedBranches.some((x) => kindOf(x) === 'null')) push('nullable-added', path, bt, ht);
    if (removedBranches.some((x) => kindOf(x) === 'null')) push('nullable-removed', path, bt, ht);
    const added = addedBranches.filter((x) => kindOf(x) !== 'null');
    const removed = removedBranches.filter((x) => kindOf(x) !== 'null');
    // One type became another inside the union ("int" → "long"): judged as that type change.
    if (added.length === 1 && removed.length === 1) {
      compare(removed[0]!, added[0]!, path, depth + 1);
    } else {
      if (added.length > 0) push('branch-added', path, bt, ht, { values: names(added) });
      if (removed.length > 0) push('branch-removed', path, bt, ht, { values: names(removed) });
    }
    for (const [k, x] of bKeys) {
      const y = hKeys.get(k);
      if (y && kindOf(x) !== 'null') compare(x, y, path, depth + 1);
    }
  };

  compare(base, head, [], 0);
  return out;
}

/** Is this schema format Avro (any version, JSON or YAML spelling)? */
export function isAvro(format: string | undefined): boolean {
  return format !== undefined && /^application\/vnd\.apache\.avro(\+(json|yaml))?(;|$)/i.test(format.trim());
}
