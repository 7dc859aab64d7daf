/**
 * The values consumers put into AsyncAPI addresses: server `variables` (`{env}.broker.example.com`)
 * and channel `parameters` (`orders/{region}`); OpenAPI server `variables` alike. A consumer configured with a value the head no longer
 * offers, or relying on a default that moved, connects or subscribes somewhere else; a parameter read
 * from another place in the message (`location`) is filled differently. Adding one breaks nobody.
 */
import { code, token, tokenOr } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import type { Deref } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import { isRecord } from '../json.js';

export interface AddressVariable extends Place {
  /** Allowed values (`enum`; a 2.x parameter's `schema.enum`); absent: any. */
  values?: string[];
  default?: string;
  location?: string;
  /** A 2.x channel parameter's `schema.type`, `pattern`, `format` and bounds: more bounds on the values. */
  type?: string;
  pattern?: string;
  format?: string;
  bounds?: Partial<Record<Bound, number>>;
}

/** The bounds of a 2.x channel parameter's schema that narrow its values when raised (min) or lowered (max). */
const BOUNDS = ['minLength', 'maxLength', 'minimum', 'maximum'] as const;
type Bound = (typeof BOUNDS)[number];

/** Reads `owner[key]` (`variables` of a server, `parameters` of a channel), refs followed. */
export function readAddressVariables(
  owner: Place,
  raw: unknown,
  deref: Deref,
): Map<string, AddressVariable> | undefined {
  if (!isRecord(raw)) return undefined;
  const out = new Map<string, AddressVariable>();
  for (const [name, entry] of Object.entries(raw)) {
    const v = deref({ file: owner.file, pointer: appendPointer(owner.pointer, name), value: entry });
    const value = isRecord(v.value) ? v.value : {};
    // 2.x channel parameters hold their values in a schema; 3.0 parameters and server variables inline.
    const schema = isRecord(value.schema) ? value.schema : value;
    out.set(name, {
      file: v.file,
      pointer: v.pointer,
      ...(Array.isArray(schema.enum) ? { values: schema.enum.map(String) } : {}),
      ...(schema.default !== undefined ? { default: String(schema.default) } : {}),
      ...(typeof value.location === 'string' ? { location: value.location } : {}),
      ...(typeof schema.type === 'string' ? { type: schema.type } : {}),
      ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
      ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
      ...boundsOf(schema),
    });
  }
  return out;
}

function boundsOf(schema: Record<string, unknown>): { bounds?: Partial<Record<Bound, number>> } {
  const bounds: Partial<Record<Bound, number>> = {};
  for (const k of BOUNDS) if (typeof schema[k] === 'number') bounds[k] = schema[k];
  return Object.keys(bounds).length > 0 ? { bounds } : {};
}

/** The bounds the head raised (a minimum) or lowered (a maximum), or newly set: values the base allowed that it may not. */
function narrowedBounds(bv: AddressVariable, hv: AddressVariable): string[] {
  return BOUNDS.flatMap((k) => {
    const from = bv.bounds?.[k];
    const to = hv.bounds?.[k];
    if (to === undefined || from === to) return [];
    const narrower = from === undefined || (k.startsWith('min') ? to > from : to < from);
    return narrower ? [`${k} ${from ?? 'none'} → ${to}`] : [];
  });
}

/**
 * One change to a variable: `kind` 'pattern' is a pattern replaced by another, which may narrow or
 * widen (text cannot tell), so it is said apart from the changes that surely take values away.
 */
export interface VariableChange {
  name: string;
  base: Place;
  head?: Place;
  detail: string;
  kind?: 'pattern';
}

/** What changed about the base's variables that consumers may rely on, one clause each. */
export function variableChanges(
  b: ReadonlyMap<string, AddressVariable>,
  h: ReadonlyMap<string, AddressVariable> | undefined,
): VariableChange[] {
  const out: VariableChange[] = [];
  for (const [name, bv] of b) {
    const hv = h?.get(name);
    if (!hv) {
      out.push({ name, base: bv, detail: `${code(name)} was removed` });
      continue;
    }
    const gone = bv.values ? bv.values.filter((x) => hv.values && !hv.values.includes(x)).map(token) : [];
    if (!bv.values && hv.values) gone.push(`any value but ${hv.values.map(token).join(', ')}`);
    const clauses: string[] = [];
    if (gone.length > 0) clauses.push(`no longer allows ${gone.join(', ')}`);
    if (bv.default !== undefined && bv.default !== hv.default)
      clauses.push(`default ${token(bv.default)} → ${tokenOr(hv.default)}`);
    if (hv.type !== undefined && hv.type !== bv.type && !widerType(bv.type, hv.type))
      clauses.push(`type ${tokenOr(bv.type, 'any')} → ${token(hv.type)}`);
    // A pattern replaced by another may narrow or widen, which text cannot tell: only a new one surely does.
    if (hv.pattern !== undefined && bv.pattern === undefined)
      clauses.push(`pattern ${token(hv.pattern)} was added`);
    if (hv.pattern !== undefined && bv.pattern !== undefined && hv.pattern !== bv.pattern)
      out.push({
        name,
        base: bv,
        head: hv,
        detail: `${code(name)} pattern ${token(bv.pattern)} → ${token(hv.pattern)}`,
        kind: 'pattern',
      });
    if (hv.format !== undefined && hv.format !== bv.format)
      clauses.push(`format ${tokenOr(bv.format)} → ${token(hv.format)}`);
    clauses.push(...narrowedBounds(bv, hv));
    if (bv.location !== undefined && bv.location !== hv.location)
      clauses.push(`location ${token(bv.location)} → ${tokenOr(hv.location)}`);
    if (clauses.length > 0)
      out.push({ name, base: bv, head: hv, detail: `${code(name)} ${clauses.join('; ')}` });
  }
  return out;
}

/**
 * Is every value of type `from` one of type `to`, as written in an address (text)? An integer is a
 * number, and any value is a string there.
 */
function widerType(from: string | undefined, to: string): boolean {
  return to === 'string' || (from === 'integer' && to === 'number');
}

/** One change per variable, listing the operations that reach it (`operations`). */
export function compareAddressVariables(
  b: ReadonlyMap<string, AddressVariable> | undefined,
  h: ReadonlyMap<string, AddressVariable> | undefined,
  sink: ChangeSink,
  context: {
    id: 'server-variable-changed' | 'channel-parameter-changed';
    subject: string;
    head: Place;
    operations: readonly { id: string; address: string }[];
  },
): void {
  if (!b) return;
  for (const change of variableChanges(b, h)) {
    const id =
      change.kind === 'pattern' && context.id === 'channel-parameter-changed'
        ? 'channel-parameter-pattern-changed'
        : context.id;
    const emit = (op?: { id: string; address: string }) =>
      sink.emit(id, {
        subject: context.subject,
        base: change.base,
        head: change.head ?? context.head,
        ...(op ? { operation: op.id, channel: op.address } : {}),
        data: { detail: change.detail },
      });
    if (context.operations.length === 0) emit();
    for (const op of context.operations) emit(op);
  }
}
