/**
 * The values consumers put into AsyncAPI addresses: server `variables` (`{env}.broker.example.com`)
 * and channel `parameters` (`orders/{region}`); OpenAPI server `variables` alike. A consumer configured with a value the head no longer
 * offers, or relying on a default that moved, connects or subscribes somewhere else; a parameter read
 * from another place in the message (`location`) is filled differently. Adding one breaks nobody.
 */
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
  /** A 2.x channel parameter's `schema.type` and `schema.pattern`: more bounds on the values. */
  type?: string;
  pattern?: string;
}

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
    });
  }
  return out;
}

/** What changed about the base's variables that consumers may rely on, one clause each. */
export function variableChanges(
  b: ReadonlyMap<string, AddressVariable>,
  h: ReadonlyMap<string, AddressVariable> | undefined,
): { name: string; base: Place; head?: Place; detail: string }[] {
  const out: { name: string; base: Place; head?: Place; detail: string }[] = [];
  for (const [name, bv] of b) {
    const hv = h?.get(name);
    if (!hv) {
      out.push({ name, base: bv, detail: `\`${name}\` was removed` });
      continue;
    }
    const gone = bv.values ? bv.values.filter((x) => hv.values && !hv.values.includes(x)) : [];
    if (!bv.values && hv.values) gone.push(`any value but ${hv.values.join(', ')}`);
    const clauses: string[] = [];
    if (gone.length > 0) clauses.push(`no longer allows ${gone.join(', ')}`);
    if (bv.default !== undefined && bv.default !== hv.default)
      clauses.push(`default ${bv.default} → ${hv.default ?? 'none'}`);
    if (hv.type !== undefined && hv.type !== bv.type && !widerType(bv.type, hv.type))
      clauses.push(`type ${bv.type ?? 'any'} → ${hv.type}`);
    // A pattern replaced by another may narrow or widen, which text cannot tell: only a new one is.
    if (hv.pattern !== undefined && bv.pattern === undefined) clauses.push(`pattern ${hv.pattern} was added`);
    if (bv.location !== undefined && bv.location !== hv.location)
      clauses.push(`location ${bv.location} → ${hv.location ?? 'none'}`);
    if (clauses.length > 0)
      out.push({ name, base: bv, head: hv, detail: `\`${name}\` ${clauses.join('; ')}` });
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
    const emit = (op?: { id: string; address: string }) =>
      sink.emit(context.id, {
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
