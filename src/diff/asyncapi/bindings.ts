import { token, tokenOr } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { isRecord } from '../json.js';
import type { Deref, Located } from '../openapi/model.js';
import { derefer } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';

/** Bindings: the Kafka message key is its own (breaking) check; other binding changes are flagged. */
export function compareBindings(
  env: SchemaEnv,
  b: Located<Record<string, unknown>> | undefined,
  h: Located<Record<string, unknown>> | undefined,
  sink: ChangeSink,
  context: {
    subject: string;
    operation?: string;
    channel?: string;
    base: { file: string; pointer: string };
    head: { file: string; pointer: string };
  },
): void {
  if (!b && !h) return;
  if (b && h && env.structural.samePlace(b, h) && env.structural.unchanged(b.file, b.pointer)) return;
  // Bindings, and each protocol's, may be `$ref`s (to another file too): compared as they resolve.
  const [bDeref, hDeref] = [derefer(env.base), derefer(env.head)];
  const bb = b && resolvedObject(bDeref, b);
  const hb = h && resolvedObject(hDeref, h);
  const protocols = new Set([...Object.keys(bb?.value ?? {}), ...Object.keys(hb?.value ?? {})]);
  for (const protocol of protocols) {
    const bp = bb && protocolAt(bDeref, bb, protocol);
    const hp = hb && protocolAt(hDeref, hb, protocol);
    if (sameBinding(env, bp, hp)) continue;
    const bv = bp?.value;
    const hv = hp?.value;
    if (bp && hp && sameApartFrom(bv, hv, ['bindingVersion'])) continue;
    const base = bp ? { file: bp.file, pointer: bp.pointer } : context.base;
    const head = hp ? { file: hp.file, pointer: hp.pointer } : context.head;
    const { subject, operation, channel } = context;
    const keyOf = (v: unknown) =>
      v && typeof v === 'object' && 'key' in v ? JSON.stringify((v as { key: unknown }).key) : undefined;
    if (protocol === 'kafka' && keyOf(bv) !== keyOf(hv)) {
      sink.emit('kafka-message-key-changed', {
        subject,
        operation,
        channel,
        base,
        head,
        data: { from: tokenOr(keyOf(bv)), to: tokenOr(keyOf(hv)) },
      });
      if (sameApartFrom(bv ?? {}, hv ?? {}, ['key', 'bindingVersion'])) continue;
    }
    sink.emit('binding-changed', {
      subject,
      operation,
      channel,
      base,
      head,
      data: { name: token(protocol) },
    });
  }
}

/**
 * Two bindings written alike but for `keys`. `bindingVersion` names the version of the binding's
 * own specification, which describes the same wire: bumping it alone changes nothing consumers do.
 * Equal text with a `$ref` in it is not known to be equal (see sameBinding).
 */
function sameApartFrom(b: unknown, h: unknown, keys: readonly string[]): boolean {
  const rest = (v: unknown) =>
    JSON.stringify(
      isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k))) : v,
    );
  const text = rest(b);
  return text === rest(h) && !text.includes('"$ref"');
}

/** A bindings object as its `$ref`s resolve (undefined when it resolves to no object). */
function resolvedObject(deref: Deref, node: Located<unknown>): Located<Record<string, unknown>> | undefined {
  const r = deref(node);
  return isRecord(r.value) ? { ...r, value: r.value } : undefined;
}

/** One protocol's binding, `$ref` followed; undefined when the protocol has none. */
function protocolAt(
  deref: Deref,
  bindings: Located<Record<string, unknown>>,
  protocol: string,
): Located<unknown> | undefined {
  const value = bindings.value[protocol];
  if (value === undefined) return undefined;
  return deref({ file: bindings.file, pointer: appendPointer(bindings.pointer, protocol), value });
}

/**
 * Is a protocol's binding the same on both sides? At one place, what sameness says (it follows the
 * `$ref`s inside, such as a Kafka key schema's); elsewhere, the same text with no `$ref` in it,
 * since equal text can hide a change behind a reference.
 */
function sameBinding(
  env: SchemaEnv,
  b: Located<unknown> | undefined,
  h: Located<unknown> | undefined,
): boolean {
  if (!b || !h) return b === h;
  if (env.structural.samePlace(b, h)) return env.structural.unchanged(b.file, b.pointer);
  const text = JSON.stringify(b.value);
  return text === JSON.stringify(h.value) && !text.includes('"$ref"');
}
