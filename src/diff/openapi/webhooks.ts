/**
 * Webhooks (OpenAPI 3.1 `webhooks`, the 3.0 `x-webhooks` extension) and callbacks: requests the
 * provider sends to its consumers. Their roles turn around: consumers *read* the request body the
 * provider sends (judged like a response: it may only narrow) and *send* the answer (judged like a
 * request: what the provider accepts back may only widen). A webhook or callback that disappears
 * leaves consumers' handlers waiting for calls that no longer come.
 */
import type { ChangeSink } from '../emit.js';
import { appendPointer } from '../pointers.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareContent } from './content.js';
import { unchangedPair } from './pair.js';
import type { BodyView, Deref, MediaView } from './model.js';
import { HTTP_METHODS, readBody } from './model.js';
import type { Place } from '../types.js';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface WebhookView extends Place {
  /** `webhook orderCreated (POST)`, `callback onEvent of POST /subscriptions (POST {$request.body#/url})` */
  key: string;
  /** The request body, read only for webhooks that changed (memoised). */
  body(): BodyView | undefined;
}

/** Every webhook and callback operation of a 3.x document, by key. */
export function readWebhooks(doc: Json, file: string, deref: Deref): Map<string, WebhookView> {
  const out = new Map<string, WebhookView>();
  const addItem = (pointer: string, raw: unknown, name: (method: string) => string) => {
    const item = deref({ file, pointer, value: raw });
    if (!isRecord(item.value)) return;
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isRecord(op)) continue;
      const place = { file: item.file, pointer: appendPointer(item.pointer, method), value: op };
      let body: BodyView | undefined | null = null;
      out.set(name(method.toUpperCase()), {
        file: place.file,
        pointer: place.pointer,
        key: name(method.toUpperCase()),
        body: () => (body === null ? (body = readBody(place, deref)) : body),
      });
    }
  };
  for (const key of ['webhooks', 'x-webhooks'])
    if (isRecord(doc[key]))
      for (const [name, item] of Object.entries(doc[key]))
        addItem(appendPointer('', key, name), item, (m) => `webhook ${name} (${m})`);
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref({ file, pointer: appendPointer('/paths', path), value: rawItem });
    if (!isRecord(item.value)) continue;
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isRecord(op) || !isRecord(op.callbacks)) continue;
      for (const [name, rawCallback] of Object.entries(op.callbacks)) {
        const pointer = appendPointer(item.pointer, method, 'callbacks', name);
        const callback = deref({ file: item.file, pointer, value: rawCallback });
        if (!isRecord(callback.value)) continue;
        for (const [expression, cbItem] of Object.entries(callback.value))
          addItem(
            appendPointer(callback.pointer, expression),
            cbItem,
            (m) => `callback ${name} of ${method.toUpperCase()} ${path} (${m} ${expression})`,
          );
      }
    }
  }
  return out;
}

export function compareWebhooks(
  env: SchemaEnv,
  base: ReadonlyMap<string, WebhookView>,
  head: ReadonlyMap<string, WebhookView>,
  sink: ChangeSink,
): void {
  for (const [key, b] of base) {
    const h = head.get(key);
    const subject = `\`${key}\``;
    if (!h) {
      sink.emit('webhook-removed', { subject, base: b, operation: key });
      continue;
    }
    // As for operations: a webhook identical on both sides, and all it references, is skipped.
    if (unchangedPair(env, b, h)) continue;
    const none = new Map<string, MediaView>();
    const bBody = b.body();
    const hBody = h.body();
    compareContent(env, bBody?.content ?? none, hBody?.content ?? none, 'response', sink, {
      operation: key,
      subject: `Request body of ${subject}`,
      fieldSubject: (field) => `Field \`${field}\` of the request body of ${subject}`,
      base: bBody ?? b,
      head: hBody ?? h,
    });
  }
}
