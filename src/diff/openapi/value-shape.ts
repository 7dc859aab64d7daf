/**
 * What a parameter's or header's schema says of the shape of one value, as far as its serialisation
 * cares: whether it is an array or object (only then do `style` and `explode` change the wire), and
 * whether a single value may be a string (JSON quotes a string, `"abc"`, but writes a number or a
 * boolean as its text, `5`, `true`: a move into or out of a JSON `content` changes only those).
 */
import type { SchemaNode } from '../schema/view.js';
import { isRecord } from '../json.js';
import type { Deref } from './model.js';

export interface ValueShape {
  structured: boolean;
  admitsText: boolean;
}

/** Types whose JSON spelling is their plain text: `5`, `2.5`, `true`. */
const SPELLED_AS_TEXT = new Set(['integer', 'number', 'boolean', 'null']);

/** A schema not given, or one we cannot read, may be anything: both answers are the cautious `true`. */
export function valueShape(deref: Deref, schema: SchemaNode | undefined): ValueShape {
  if (schema === undefined) return { structured: true, admitsText: true };
  const s = deref(schema).value;
  if (!isRecord(s)) return { structured: true, admitsText: true };
  const types =
    typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : undefined;
  if (types)
    return {
      structured: types.some((t) => t === 'array' || t === 'object'),
      admitsText: types.some((t) => !SPELLED_AS_TEXT.has(t)),
    };
  // No type: the values it lists say it, else a keyword only strings have (format, pattern).
  const listed = 'const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined;
  if (listed)
    return {
      structured: listed.some((v) => typeof v === 'object' && v !== null),
      admitsText: listed.some((v) => typeof v === 'string'),
    };
  if ('format' in s || 'pattern' in s) return { structured: false, admitsText: true };
  return { structured: true, admitsText: true };
}
