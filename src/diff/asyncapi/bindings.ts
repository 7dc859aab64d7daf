import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import type { Located } from '../openapi/model.js';

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
  const protocols = new Set([...Object.keys(b?.value ?? {}), ...Object.keys(h?.value ?? {})]);
  for (const protocol of protocols) {
    const bv = b?.value[protocol];
    const hv = h?.value[protocol];
    if (JSON.stringify(bv) === JSON.stringify(hv)) continue;
    const base = b ? { file: b.file, pointer: `${b.pointer}/${protocol}` } : context.base;
    const head = h ? { file: h.file, pointer: `${h.pointer}/${protocol}` } : context.head;
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
        data: { from: keyOf(bv) ?? 'none', to: keyOf(hv) ?? 'none' },
      });
      const { key: _b, ...bRest } = (bv ?? {}) as Record<string, unknown>;
      const { key: _h, ...hRest } = (hv ?? {}) as Record<string, unknown>;
      if (JSON.stringify(bRest) === JSON.stringify(hRest)) continue;
    }
    sink.emit('binding-changed', { subject, operation, channel, base, head, data: { name: protocol } });
  }
}
