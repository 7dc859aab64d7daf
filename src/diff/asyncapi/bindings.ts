import { token, tokenOr } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { isRecord } from '../json.js';
import type { Deref, Located } from '../openapi/model.js';
import { derefer } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import { kafkaKeyText } from './kafka-key.js';
import { compareBindingHeaders } from './http-headers.js';
import { sameBindingApartFrom } from './binding-sameness.js';
import { sharedPlaceSubject } from './shared-place.js';

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
    /** The message the bindings are a message's (emit.ts `reaches`). */
    reaches?: string;
    base: { file: string; pointer: string };
    head: { file: string; pointer: string };
    /**
     * Message bindings: the direction their message is read in and how it is named, for the schemas
     * in them (an HTTP binding's `headers`), compared as schemas rather than as a binding changed.
     */
    message?: { direction: 'request' | 'response'; where: string };
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
    if (bp && hp && sameBindingApartFrom(env, bp, hp, ['bindingVersion'])) continue;
    if (protocol === 'http' && context.message && bp && hp) {
      const { operation, channel } = context;
      compareBindingHeaders(env, bp, hp, sink, { ...context.message, operation, channel });
      if (sameBindingApartFrom(env, bp, hp, ['headers', 'bindingVersion'])) continue;
    }
    if (bp && hp && reportDestination(env, protocol, { base: bp, head: hp }, sink, context)) continue;
    const base = bp ? { file: bp.file, pointer: bp.pointer } : context.base;
    const head = hp ? { file: hp.file, pointer: hp.pointer } : context.head;
    const { subject, operation, channel, reaches } = context;
    const [bKey, hKey] = [kafkaKeyText(env.base, bp), kafkaKeyText(env.head, hp)];
    // A message trait's binding reaches every message applying it: named by the trait.
    const sharedSubject = () => sharedPlaceSubject(base);
    if (protocol === 'kafka' && bKey !== hKey)
      sink.emit('kafka-message-key-changed', {
        subject,
        sharedSubject,
        operation,
        channel,
        reaches,
        base,
        head,
        data: { from: tokenOr(bKey), to: tokenOr(hKey) },
      });
    if (protocol === 'kafka' && sameBindingApartFrom(env, bp ?? empty(base), hp ?? empty(head), KAFKA_REST))
      continue;
    sink.emit('binding-changed', {
      subject,
      sharedSubject,
      operation,
      channel,
      reaches,
      base,
      head,
      data: { name: token(protocol) },
    });
  }
}

/**
 * Where a channel binding sends messages, per protocol: the Kafka topic, the AMQP exchange or queue
 * (by `is`). Each is read as a path of keys into the binding.
 */
const DESTINATIONS: Record<string, { what: string; path: string[] }[]> = {
  kafka: [{ what: 'topic', path: ['topic'] }],
  amqp: [
    { what: 'exchange', path: ['exchange', 'name'] },
    { what: 'queue', path: ['queue', 'name'] },
  ],
};

/**
 * A destination both sides name, named differently: `binding-destination-changed` for each. True
 * when that is all that changed (beside `bindingVersion`), so no `binding-changed` is due too.
 */
function reportDestination(
  env: SchemaEnv,
  protocol: string,
  at: { base: Located<unknown>; head: Located<unknown> },
  sink: ChangeSink,
  context: { subject: string; operation?: string; channel?: string },
): boolean {
  const [b, h] = [at.base.value, at.head.value];
  const moved = (DESTINATIONS[protocol] ?? []).filter(({ path }) => {
    const [from, to] = [valueAt(b, path), valueAt(h, path)];
    return typeof from === 'string' && typeof to === 'string' && from !== to;
  });
  const { subject, operation, channel } = context;
  for (const { what, path } of moved)
    sink.emit('binding-destination-changed', {
      subject,
      operation,
      channel,
      base: { file: at.base.file, pointer: appendPointer(at.base.pointer, ...path) },
      head: { file: at.head.file, pointer: appendPointer(at.head.pointer, ...path) },
      data: {
        name: protocol,
        what,
        from: token(String(valueAt(b, path))),
        to: token(String(valueAt(h, path))),
      },
    });
  const rest = (n: Located<unknown>) => ({ ...n, value: withoutPaths(n.value, moved) });
  return moved.length > 0 && sameBindingApartFrom(env, rest(at.base), rest(at.head), ['bindingVersion']);
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), value);
}

/** The binding with the values at these paths left out (a copy along each path). */
function withoutPaths(value: unknown, moved: readonly { path: string[] }[]): unknown {
  const drop = (v: unknown, path: readonly string[]): unknown => {
    if (!isRecord(v) || path.length === 0) return v;
    const [key, ...rest] = path as [string, ...string[]];
    if (!(key in v)) return v;
    const copy = { ...v };
    if (rest.length === 0) delete copy[key];
    else copy[key] = drop(v[key], rest);
    return copy;
  };
  return moved.reduce((v, { path }) => drop(v, path), value);
}

/** What a Kafka binding holds beside its message key (compared by its own check) and version. */
const KAFKA_REST = ['key', 'bindingVersion'];

/** No binding, read as an empty one, placed where the binding would be. */
function empty(place: Place): Located<unknown> {
  return { file: place.file, pointer: place.pointer, value: {} };
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
 * `$ref`s inside, such as a Kafka key schema's); elsewhere (a trait's binding now the operation's),
 * the same as written with each `$ref` followed (binding-sameness.ts).
 */
function sameBinding(
  env: SchemaEnv,
  b: Located<unknown> | undefined,
  h: Located<unknown> | undefined,
): boolean {
  if (!b || !h) return b === h;
  if (env.structural.samePlace(b, h)) return env.structural.unchanged(b.file, b.pointer);
  return sameBindingApartFrom(env, b, h);
}
