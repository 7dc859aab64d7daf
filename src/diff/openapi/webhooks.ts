/**
 * Webhooks (OpenAPI 3.1 `webhooks`, the 3.0 `x-webhooks` extension) and callbacks: requests the
 * provider sends to its consumers. Their roles turn around: consumers *read* the request the
 * provider sends — its parameters (headers such as a signature, query, path, cookie) and its body
 * — judged like a response: it may only narrow; and they *send* the answer, its headers and body,
 * judged like a request: what the provider accepts back may only widen. A webhook or callback that
 * disappears leaves consumers' handlers waiting for calls that no longer come.
 */
import { code, token } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareContent } from './content.js';
import { unchangedPair } from './pair.js';
import type { DuplicateDeclaration, DuplicateReport, MediaView, ParameterView } from './detail-views.js';
import { parameterKey, parameterWhat } from './detail-views.js';
import type { FieldChecks } from './sent-fields.js';
import { compareSentFields } from './sent-fields.js';
import { isSuccess, pairStatuses } from './responses.js';
import type { Place } from '../types.js';
import type { CallbackIdentity, WebhookView } from './read-webhooks.js';

export function compareWebhooks(
  env: SchemaEnv,
  base: ReadonlyMap<string, WebhookView>,
  head: ReadonlyMap<string, WebhookView>,
  sink: ChangeSink,
  /** Hears of a part header a head body or answer declares twice, as an operation's do. */
  onDuplicate?: DuplicateReport,
  /**
   * Base operations paired with a head operation of another key (moved, a path parameter renamed):
   * their callbacks are theirs still, paired under the head operation.
   */
  operationPairs: ReadonlyMap<string, string> = new Map(),
): void {
  const successor = successors(base, head, operationPairs);
  for (const [key, b] of base) {
    const h = head.get(key) ?? successor.get(b);
    if (!h) {
      sink.emit('webhook-removed', {
        subject: capitalised(b.label),
        base: b,
        operation: b.operation,
      });
      continue;
    }
    if (h.key !== key) reportSuccessor(b, h, sink, operationPairs);
    // As for operations: a webhook identical on both sides, with its path item's parameters and all
    // they reference, is skipped.
    const itemParametersUnchanged = unchangedPair(env, b.itemParameters, h.itemParameters);
    if (itemParametersUnchanged && unchangedPair(env, b, h)) continue;
    // Its parameters as written unchanged, refs included: nothing to read or compare. Most changed
    // webhooks' are (222 of GitHub's 261 differ in one example of their body).
    if (!(itemParametersUnchanged && unchangedPair(env, ownParameters(b), ownParameters(h))))
      compareParameters(env, b, h, sink, onDuplicate);
    const none = new Map<string, MediaView>();
    const bBody = b.body();
    const hBody = h.body();
    compareContent(env, bBody?.content ?? none, hBody?.content ?? none, 'response', sink, {
      operation: h.operation,
      subject: `Request body of ${h.label}`,
      fieldSubject: (field) => `${namedField(field)} of the request body of ${h.label}`,
      // The request body is a payload the API sends: a field of a schema shared with others is one of it.
      sharedLabel: `${kind(h)} payload`,
      base: bBody ?? b,
      head: hBody ?? h,
      ...(onDuplicate ? { onDuplicate: (d: DuplicateDeclaration) => onDuplicate(d, h.label) } : {}),
    });
    compareAnswers(env, b, h, sink, onDuplicate);
  }
}

/** The operation's own `parameters` as written (its path item's are `itemParameters`). */
function ownParameters(view: WebhookView): Place & { value: unknown } {
  return { file: view.file, pointer: `${view.pointer}/parameters`, value: view.value.parameters };
}

/**
 * The parameters the provider sends with a webhook or callback request, which consumers read: one
 * gone, or now optional, breaks the handlers that read it (a signature header they verify); one
 * new, or now always sent, is one they never looked for. Paired as an operation's are: by location
 * and name, a header's name ignoring case (RFC 9110), so `X-Hub-Signature` written
 * `x-hub-signature` is the same header, while a query parameter's case tells two apart.
 */
const WEBHOOK_PARAMETER_CHECKS: FieldChecks = {
  direction: 'response',
  removed: {
    required: 'webhook-required-parameter-removed',
    optional: 'webhook-parameter-removed',
    deprecated: 'webhook-deprecated-parameter-removed',
  },
  becameOptional: 'webhook-parameter-became-optional',
  styleChanged: 'webhook-parameter-style-changed',
  looser: {
    allowEmptyValue: 'webhook-parameter-empty-value-allowed',
    allowReserved: 'webhook-parameter-reserved-allowed',
  },
  sunsetBroughtForward: 'webhook-parameter-sunset-brought-forward',
};

/**
 * The headers of what consumers answer, which the provider reads: one it now requires, newly or
 * anew, breaks consumers who do not send it; one it no longer reads is still sent, its meaning
 * gone (a `Retry-After` no longer honoured); one now optional or new and optional changes nothing
 * consumers send.
 */
const ANSWER_HEADER_CHECKS: FieldChecks = {
  direction: 'request',
  removed: {
    required: 'webhook-response-header-removed',
    optional: 'webhook-response-header-removed',
    deprecated: 'webhook-response-deprecated-header-removed',
  },
  addedRequired: 'webhook-response-header-added-required',
  becameRequired: 'webhook-response-header-became-required',
  styleChanged: 'webhook-response-header-style-changed',
};

function compareParameters(
  env: SchemaEnv,
  b: WebhookView,
  h: WebhookView,
  sink: ChangeSink,
  onDuplicate: DuplicateReport | undefined,
): void {
  const bases = b.parameters();
  const heads = h.parameters();
  // The head's parameters declared twice: said once each, as problems; the first one is compared.
  if (onDuplicate) for (const d of heads.duplicates) onDuplicate(d, h.label);
  const byKey = (list: readonly ParameterView[]) => new Map(list.map((p) => [parameterKey(p.in, p.name), p]));
  const named = (p: ParameterView) => `${parameterWhat(p)} ${code(p.name)}`;
  compareSentFields(
    env,
    byKey(bases.parameters),
    byKey(heads.parameters),
    WEBHOOK_PARAMETER_CHECKS,
    {
      common: { operation: h.operation },
      subject: (p) => `${named(p)} of ${h.label}`,
      sharedSubject: named,
      sharedLabel: `${kind(h)} parameter`,
      // A list that changed mostly keeps its other parameters as they were: each such pair is skipped.
      unchanged: (bp, hp) => unchangedPair(env, bp, hp),
      baseOwner: b,
      headOwner: h,
    },
    sink,
  );
}

/**
 * What consumers answer a webhook or callback with: the provider reads it, so it is judged like a
 * request — what the provider accepts back may only widen. Statuses pair as an operation's
 * responses do (a code with the range holding it); a status no longer listed is the provider
 * accepting less, one added accepting more.
 */
function compareAnswers(
  env: SchemaEnv,
  b: WebhookView,
  h: WebhookView,
  sink: ChangeSink,
  onDuplicate: DuplicateReport | undefined,
): void {
  const bases = b.answers();
  const heads = h.answers();
  const { pairs, removed, added } = pairStatuses(bases, heads);
  const operation = h.operation;
  for (const status of removed) answerRemoved(sink, h, status, bases.get(status)!, h);
  for (const [range, codes] of narrowedRanges(pairs, heads))
    answerRemoved(
      sink,
      h,
      `${range} (now only ${codes.join(', ')})`,
      bases.get(range)!,
      heads.get(codes[0]!)!,
    );
  for (const [bStatus, hStatus] of pairs) {
    const status = bStatus === hStatus ? bStatus : `${bStatus}, now ${hStatus}`;
    const [bAnswer, hAnswer] = [bases.get(bStatus)!, heads.get(hStatus)!];
    const owner = `${h.label} (${token(hStatus)})`;
    if (onDuplicate) for (const d of hAnswer.duplicateHeaders) onDuplicate(d, owner);
    compareSentFields(
      env,
      bAnswer.headers,
      hAnswer.headers,
      ANSWER_HEADER_CHECKS,
      {
        common: { operation },
        subject: (header) => `Response header ${code(header.name)} of response ${status} of ${h.label}`,
        sharedLabel: `${kind(h)} response header`,
        baseOwner: bAnswer,
        headOwner: hAnswer,
      },
      sink,
    );
    compareContent(env, bAnswer.content, hAnswer.content, 'request', sink, {
      operation,
      subject: `Response ${status} of ${h.label}`,
      fieldSubject: (field) => `${namedField(field)} of response ${status} of ${h.label}`,
      // Consumers send it, but it is their response, not a request of the API's.
      sharedLabel: `${kind(h)} response`,
      base: bAnswer,
      head: hAnswer,
      ...(onDuplicate ? { onDuplicate: (d: DuplicateDeclaration) => onDuplicate(d, owner) } : {}),
    });
  }
  for (const status of added)
    sink.emit('webhook-response-status-added', {
      operation,
      subject: `Response ${status} of ${h.label}`,
      base: b,
      head: heads.get(status)!,
    });
}

function answerRemoved(sink: ChangeSink, h: WebhookView, status: string, base: Place, head: Place): void {
  sink.emit(
    isSuccess(status) ? 'webhook-response-success-status-removed' : 'webhook-response-status-removed',
    {
      operation: h.operation,
      subject: `Response ${status} of ${h.label}`,
      base,
      head,
    },
  );
}

/**
 * Base ranges (`2XX`) the head replaced by codes within them: an operation's consumers meet fewer
 * statuses then, but the provider reading an answer accepts fewer, so the range's other codes are
 * no longer listed.
 */
function narrowedRanges(
  pairs: readonly [string, string][],
  heads: ReadonlyMap<string, unknown>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [bStatus, hStatus] of pairs)
    if (bStatus !== hStatus && /^[1-5]xx$/i.test(bStatus) && !heads.has(bStatus))
      out.set(bStatus, [...(out.get(bStatus) ?? []), hStatus]);
  return out;
}

/**
 * A callback's URL expression moved (the provider calls elsewhere), or a webhook or callback
 * renamed. A callback whose registering operation moved and nothing else is the operation's change
 * (`operation-moved`, or none for a path parameter renamed): nothing more is said of it.
 */
function reportSuccessor(
  b: WebhookView,
  h: WebhookView,
  sink: ChangeSink,
  operationPairs: ReadonlyMap<string, string>,
): void {
  const common = { base: b, head: h, operation: h.operation };
  const [x, y] = [b.callback, h.callback];
  if (x && y && wire(x, operationPairs) !== wire(y))
    sink.emit('callback-url-changed', {
      ...common,
      subject: capitalised(x.title),
      data: { from: token(x.url), to: token(y.url) },
    });
  else if (x && y && x.name === y.name) return;
  else
    sink.emit('webhook-renamed', {
      ...common,
      subject: capitalised(b.label),
      data: { to: h.callback?.title ?? h.label },
    });
}

/**
 * Webhooks and callbacks gone from the base paired with new ones of the head that are the same
 * under another key: a webhook of the same method with the same operationId (or, without one, the
 * same operation as written); a callback of the same operation and method whose URL expression or
 * whose name (not both) changed. Only a pair that nothing else could form counts (two new webhooks alike leave
 * it removed).
 */
function successors(
  base: ReadonlyMap<string, WebhookView>,
  head: ReadonlyMap<string, WebhookView>,
  operationPairs: ReadonlyMap<string, string>,
): Map<WebhookView, WebhookView> {
  const gone = [...base.values()].filter((b) => !head.has(b.key));
  const fresh = [...head.values()].filter((h) => !base.has(h.key));
  const same = (b: WebhookView, h: WebhookView) => {
    // A callback's name only names it in the document: the same URL expression is the same callback.
    if (b.callback || h.callback)
      return (
        b.callback !== undefined &&
        h.callback !== undefined &&
        (identity(b.callback, operationPairs) === identity(h.callback) ||
          wire(b.callback, operationPairs) === wire(h.callback))
      );
    const [x, y] = [b.webhook!, h.webhook!];
    if (x.method !== y.method) return false;
    return x.operationId !== undefined ? x.operationId === y.operationId : x.text() === y.text();
  };
  const out = new Map<WebhookView, WebhookView>();
  for (const b of gone) {
    const candidates = fresh.filter((h) => same(b, h));
    if (candidates.length === 1 && gone.filter((x) => same(x, candidates[0]!)).length === 1)
      out.set(b, candidates[0]!);
  }
  return out;
}

/**
 * A callback apart from its URL expression, and apart from its name: each under its registering
 * operation, a base one under the head operation it paired with.
 */
const ownerOf = (cb: CallbackIdentity, operationPairs?: ReadonlyMap<string, string>) =>
  operationPairs?.get(cb.owner) ?? cb.owner;
const identity = (cb: CallbackIdentity, operationPairs?: ReadonlyMap<string, string>) =>
  `${ownerOf(cb, operationPairs)}|${cb.name}|${cb.method}`;
const wire = (cb: CallbackIdentity, operationPairs?: ReadonlyMap<string, string>) =>
  `${ownerOf(cb, operationPairs)}|${cb.method}|${cb.expression}`;

const kind = (view: WebhookView) => (view.callback ? 'Callback' : 'Webhook');

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
