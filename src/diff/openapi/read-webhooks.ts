/**
 * Webhooks (OpenAPI 3.1 `webhooks`, the 3.0 `x-webhooks` extension) and callbacks read as the diff
 * compares them (webhooks.ts): one view per operation, named for messages, its body and answers
 * read when first asked.
 */
import { code } from '../../core/inert-text.js';
import { appendPointer } from '../pointers.js';
import type { Deref, Located } from './model.js';
import { HTTP_METHODS } from './model.js';
import type { BodyView, DuplicateDeclaration, ParameterView, ResponseView } from './detail-views.js';
import type { DetailReading } from './operation-detail.js';
import { readAnswers, readBody } from './operation-detail.js';
import { effectiveParameters, readParameters } from './read-parameters.js';
import type { Place } from '../types.js';
import { isRecord } from '../json.js';

type Json = Record<string, unknown>;

export interface WebhookView extends Place {
  /** `webhook orderCreated (POST)`, `callback onEvent of POST /subscriptions (POST {$request.body#/url})` */
  key: string;
  /**
   * How messages name it: the key for a webhook; for a callback its name, operation and where it is
   * sent (`callback \`onEvent\` of \`POST /subscriptions\` (POST to the URL in \`url\` of the request body)`).
   */
  label: string;
  /**
   * The operation its changes affect: the webhook itself, or the operation that registers the
   * callback (its callers receive it, and a blueprint names them by it).
   */
  operation: string;
  /**
   * A webhook (not a callback): its method, operationId and operation as written, for telling a
   * renamed one (its key names it in the document only) from one removed.
   */
  webhook?: { method: string; operationId?: string; text: () => string };
  /** A callback: what tells a moved or renamed callback from one removed (see CallbackIdentity). */
  callback?: CallbackIdentity;
  /** The operation object as written (what sameness compares, without looking it up again). */
  value: Json;
  /** Its path item's `parameters` as written: they apply to it without being part of `value`. */
  itemParameters: Located<unknown>;
  /**
   * The parameters the provider sends with it (path item's and operation's, refs followed), and
   * those declared twice; read only for webhooks that changed.
   */
  parameters(): { parameters: ParameterView[]; duplicates: DuplicateDeclaration[] };
  /** The request body, read only for webhooks that changed (memoised). */
  body(): BodyView | undefined;
  /** The responses consumers answer with, read only for webhooks that changed. */
  answers(): Map<string, ResponseView>;
}

/**
 * What a callback is: the operation that registers it (`POST /subscriptions`), its name, its method
 * and the URL expression it is sent to. Two callbacks are the same when their registering operations
 * pair (the operation may have moved) and the name or the expression (not both) is the same.
 */
export interface CallbackIdentity {
  owner: string;
  name: string;
  method: string;
  expression: string;
  /** Where the expression sends it, in words (`the URL in \`url\` of the request body`). */
  url: string;
  title: string;
}

/** How an operation of a webhook or callback is keyed, named in messages and reported under. */
interface Naming {
  key: (method: string) => string;
  label?: (method: string) => string;
  operation?: (method: string) => string;
  webhook?: boolean;
  callback?: (method: string) => CallbackIdentity;
}

/** Every webhook and callback operation of a 3.x document, by key. */
export function readWebhooks(r: DetailReading, file: string): Map<string, WebhookView> {
  const { doc, deref } = r;
  const out = new Map<string, WebhookView>();
  const add = (at: Place, raw: unknown, naming: Naming) =>
    addOperations(out, deref({ ...at, value: raw }), naming, r);
  for (const key of ['webhooks', 'x-webhooks'])
    if (isRecord(doc[key]))
      for (const [name, item] of Object.entries(doc[key]))
        add({ file, pointer: appendPointer('', key, name) }, item, {
          key: (m) => `webhook ${name} (${m})`,
          webhook: true,
        });
  for (const { at, item, naming } of callbackItems(doc, file, deref)) add(at, item, naming);
  return out;
}

/** The path items of every operation's `callbacks`, one per runtime expression, named after both. */
function* callbackItems(
  doc: Json,
  file: string,
  deref: Deref,
): Generator<{ at: Place; item: unknown; naming: Naming }> {
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    // Most path items declare no callback: looked for in the item itself before a pointer is built
    // to read it (a `$ref`'d item is followed first). GitHub's 1,108 operations have none.
    if (isRecord(rawItem) && typeof rawItem.$ref !== 'string' && !declaresCallbacks(rawItem)) continue;
    const item = deref({
      file,
      pointer: appendPointer('/paths', path),
      value: rawItem,
    });
    if (!isRecord(item.value)) continue;
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isRecord(op) || !isRecord(op.callbacks)) continue;
      for (const [name, rawCallback] of Object.entries(op.callbacks)) {
        const pointer = appendPointer(item.pointer, method, 'callbacks', name);
        const callback = deref({
          file: item.file,
          pointer,
          value: rawCallback,
        });
        if (!isRecord(callback.value)) continue;
        const owner = `${method.toUpperCase()} ${path}`;
        // Where the callback is written: a path item or callback `$ref`'d from another file is read there.
        for (const [expression, cbItem] of Object.entries(callback.value))
          yield {
            at: {
              file: callback.file,
              pointer: appendPointer(callback.pointer, expression),
            },
            item: cbItem,
            naming: callbackNaming(owner, name, expression),
          };
      }
    }
  }
}

function declaresCallbacks(item: Json): boolean {
  for (const method of HTTP_METHODS) {
    const op = item[method];
    if (isRecord(op) && isRecord(op.callbacks)) return true;
  }
  return false;
}

/** Callback `name` of the operation `owner` (`POST /subscriptions`), sent to `expression`. */
function callbackNaming(owner: string, name: string, expression: string): Naming {
  return {
    key: (m) => `callback ${name} of ${owner} (${m} ${expression})`,
    label: (m) => `callback ${code(name)} of ${code(owner)} (${m} to ${urlInWords(expression)})`,
    operation: () => owner,
    callback: (m) => ({
      owner,
      name,
      method: m,
      expression,
      url: urlInWords(expression),
      title: `callback ${code(name)} of ${code(owner)} (${m})`,
    }),
  };
}

/** The operations of one webhook or callback path item, named as `naming` says. */
function addOperations(
  out: Map<string, WebhookView>,
  item: Located<unknown>,
  naming: Naming,
  r: DetailReading,
): void {
  if (!isRecord(item.value)) return;
  const itemPlace = { ...item, value: item.value };
  for (const method of HTTP_METHODS) {
    const op = item.value[method];
    if (!isRecord(op)) continue;
    const place = {
      file: item.file,
      pointer: appendPointer(item.pointer, method),
      value: op,
    };
    const view = new WebhookRead(place, itemPlace, method, naming, r);
    out.set(view.key, view);
  }
}

/**
 * One webhook or callback operation as read; its body and answers read when first asked. A class:
 * GitHub's 261 x-webhooks per side share one shape and one `body` and `answers`, where object
 * literals with two spreads and their closures cost more.
 */
class WebhookRead implements WebhookView {
  readonly file: string;
  readonly pointer: string;
  readonly value: Json;
  readonly key: string;
  readonly label: string;
  readonly operation: string;
  readonly webhook?: { method: string; operationId?: string; text: () => string };
  readonly callback?: CallbackIdentity;
  readonly itemParameters: Located<unknown>;
  private bodyRead: BodyView | undefined | null = null;

  constructor(
    private readonly place: Located<Json>,
    private readonly item: Located<Json>,
    method: string,
    naming: Naming,
    private readonly reading: DetailReading,
  ) {
    const { key: name, label = (m) => code(name(m)), operation = name } = naming;
    const op = place.value;
    const m = method.toUpperCase();
    this.file = place.file;
    this.pointer = place.pointer;
    this.value = op;
    this.itemParameters = {
      file: item.file,
      pointer: appendPointer(item.pointer, 'parameters'),
      value: item.value.parameters,
    };
    this.key = name(m);
    this.label = label(m);
    this.operation = operation(m);
    if (naming.webhook)
      this.webhook = {
        method,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        text: () => JSON.stringify(op),
      };
    if (naming.callback) this.callback = naming.callback(m);
  }

  parameters(): { parameters: ParameterView[]; duplicates: DuplicateDeclaration[] } {
    return effectiveParameters(
      readParameters(this.item, this.reading),
      readParameters(this.place, this.reading),
    );
  }

  body(): BodyView | undefined {
    return this.bodyRead === null
      ? (this.bodyRead = readBody(this.place, this.reading.deref))
      : this.bodyRead;
  }

  answers(): Map<string, ResponseView> {
    return readAnswers(this.place, this.reading.deref);
  }
}

/**
 * Where a callback is sent, from its runtime expression: the URL a consumer put in a field, a query
 * parameter or a header of its request (or the provider's response). An expression that builds the
 * URL from parts is shown as written.
 */
function urlInWords(expression: string): string {
  const m = /^\{\$(request|response)\.(body#(\/[^}]*)|query\.([^}]+)|header\.([^}]+)|path\.([^}]+))\}$/.exec(
    expression.trim(),
  );
  if (!m) return code(expression);
  const [, side, , pointer, query, header, path] = m;
  const other = side === 'response' ? 'response ' : '';
  if (pointer !== undefined) {
    const field = pointer
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.');
    return field ? `the URL in ${code(field)} of the ${side} body` : `the URL the ${side} body gives`;
  }
  if (query !== undefined) return `the URL in ${other}query parameter ${code(query)}`;
  if (header !== undefined)
    return `the URL in ${side === 'response' ? 'response' : 'request'} header ${code(header)}`;
  return `the URL in ${other}path parameter ${code(path!)}`;
}
