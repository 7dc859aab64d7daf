/**
 * What a parameter's or header's schema says of the shape of one value, as far as its serialisation
 * cares: whether it may be an array or an object (only then do `style` and `explode` change the
 * wire, and `explode` under `style: simple` only for an object), and whether a single value may be
 * a string (JSON quotes a string, `"abc"`, but writes a number or a boolean as its text, `5`,
 * `true`: a move into or out of a JSON `content` changes only those).
 */
import type { SchemaNode } from '../schema/view.js';
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { Deref } from './model.js';

export interface ValueShape {
  /** A value may be an array: its items are written as its style and explode say. */
  list: boolean;
  /** A value may be an object: its names and values are written as its style and explode say. */
  object: boolean;
  admitsText: boolean;
}

/** Types whose JSON spelling is their plain text: `5`, `2.5`, `true`. */
const SPELLED_AS_TEXT = new Set(['integer', 'number', 'boolean', 'null']);

/** A schema not given, or one we cannot read, may be anything: every answer is the cautious `true`. */
const ANYTHING: ValueShape = { list: true, object: true, admitsText: true };

export function valueShape(deref: Deref, schema: SchemaNode | undefined): ValueShape {
  if (schema === undefined) return ANYTHING;
  const node = deref(schema);
  const s = node.value;
  if (!isRecord(s)) return ANYTHING;
  // Alternatives without a type of their own: what any of them admits (read one level deep).
  const keyword = s.type !== undefined ? undefined : Array.isArray(s.oneOf) ? 'oneOf' : 'anyOf';
  const branches = keyword ? s[keyword] : undefined;
  if (keyword && Array.isArray(branches) && branches.length > 0)
    return branches
      .map((value: unknown, i) => {
        const pointer = appendPointer(node.pointer, keyword, String(i));
        return ownShape(deref({ file: node.file, pointer, value }).value);
      })
      .reduce(eitherShape);
  return ownShape(s);
}

/** The shape of a value of these JSON types; no types known: anything. */
export function shapeOfTypes(types: Iterable<string> | undefined): ValueShape {
  if (types === undefined) return ANYTHING;
  const listed = [...types];
  return {
    list: listed.includes('array'),
    object: listed.includes('object'),
    admitsText: listed.some((t) => !SPELLED_AS_TEXT.has(t)),
  };
}

/** A schema's shape by its own keywords (type, listed values, string-only keywords). */
function ownShape(s: unknown): ValueShape {
  if (!isRecord(s)) return ANYTHING;
  const types =
    typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : undefined;
  if (types) return shapeOfTypes(types);
  // No type: the values it lists say it, else a keyword only strings have (format, pattern).
  const listed = 'const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined;
  if (listed)
    return {
      list: listed.some(Array.isArray),
      object: listed.some(isRecord),
      admitsText: listed.some((v) => typeof v === 'string'),
    };
  if ('format' in s || 'pattern' in s) return { list: false, object: false, admitsText: true };
  return ANYTHING;
}

/**
 * The shapes of the values both sides admit: the only ones whose spelling a serialisation change
 * alters for a consumer. A value only one side admits (a list the provider now sends, an object it
 * no longer reads) breaks or not by that alone, and the schema's comparison reports it: judged
 * again by its serialisation, one cause was two errors.
 */
function eitherShape(a: ValueShape, b: ValueShape): ValueShape {
  return { list: a.list || b.list, object: a.object || b.object, admitsText: a.admitsText || b.admitsText };
}

export function sharedShape(b: ValueShape, h: ValueShape): ValueShape {
  return { list: b.list && h.list, object: b.object && h.object, admitsText: b.admitsText && h.admitsText };
}
