/**
 * Avro type expressions as written in a payload schema: named types, names resolved to their
 * definitions, and what kind of type each is (what the comparison in avro.ts matches on).
 */
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';

/** A type expression where it is written: a name, a `{ type: … }` object or a union array. */
export interface Typed extends Place {
  value: unknown;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
/** Writer type → the reader types it promotes to (Avro 1.x "Schema Resolution"). */
export const PROMOTES: Record<string, readonly string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};
export const MAX_DEPTH = 64;

/** Named types (record, enum, fixed) by full and simple name: later uses refer to them by name. */
export function namedTypes(root: Typed): Map<string, Typed> {
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

export interface Side {
  names: Map<string, Typed>;
}

/** A type as used: a name resolved to its definition, `{ type: "string" }` read as `"string"`. */
export function resolve(t: Typed, side: Side): Typed {
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
export function kindOf(t: Typed): string {
  const v = t.value;
  if (Array.isArray(v)) return 'union';
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v.type === 'string') return v.type === 'error' ? 'record' : v.type;
  return 'unknown';
}

/** How a change names the type: a named type by its name, `fixed(<size>)`, else its kind. */
export function label(t: Typed): string {
  const v = t.value;
  const kind = kindOf(t);
  if (isRecord(v) && typeof v.name === 'string' && ['record', 'enum', 'fixed'].includes(kind)) return v.name;
  if (kind === 'fixed' && isRecord(v)) return `fixed(${String(v.size)})`;
  return kind;
}

/** A primitive's `logicalType`: how to read its bytes (timestamp-millis, decimal…). */
export function logicalType(t: Typed): string | undefined {
  return isRecord(t.value) && typeof t.value.logicalType === 'string' ? t.value.logicalType : undefined;
}
