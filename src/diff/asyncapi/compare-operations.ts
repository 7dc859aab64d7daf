import { code, token, tokenOr } from '../../core/inert-text.js';
import { operationIdChange } from '../checks/operation-id-changed.js';
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSecurity } from '../security.js';
import { alignInlineSchemes } from './inline-schemes.js';
import { addressShape } from './address-shape.js';
import { compareBindings } from './bindings.js';
import { compareMessages } from './messages.js';
import type { AsyncOperation } from './model.js';

/** What an operation's changes carry: where it is, and its stability level when that is unstable. */
type Common = { operation: string; channel: string; unstable?: string };

/** A base operation and its head counterpart, with what their changes say and carry. */
interface OperationPair {
  b: AsyncOperation;
  h: AsyncOperation;
  subject: string;
  common: Common;
}

/**
 * Operations paired (author-given id, then address and role, then address shape and role) and
 * compared; the unpaired reported removed (unless their channel went: reported with it) or added.
 */
export function compareOperations(
  env: SchemaEnv,
  base: AsyncOperation[],
  head: AsyncOperation[],
  sink: ChangeSink,
  context: {
    removedChannels: ReadonlySet<string>;
    unstable: (op: AsyncOperation) => string | undefined;
    /** Security schemes the head renamed, their definition kept (security-renames.ts). */
    renamedSchemes: ReadonlyMap<string, string>;
  },
): void {
  const pairs = matchOperations(base, head);
  for (const [b, h] of pairs.matched)
    compareOperation(env, b, h, sink, context.unstable(b), context.renamedSchemes);
  for (const b of pairs.removed) {
    if (context.removedChannels.has(b.address)) continue; // reported with its channel
    sink.emit('operation-removed', {
      subject: operationSubject(b),
      base: b,
      operation: b.id,
      channel: b.address,
      unstable: context.unstable(b),
    });
  }
  for (const h of pairs.added)
    sink.emit('operation-added', {
      subject: operationSubject(h),
      head: h,
      operation: h.id,
      channel: h.address,
    });
}

function operationSubject(op: AsyncOperation): string {
  const what = op.role === 'request' ? 'that consumers send to' : 'that consumers receive from';
  return `Operation ${code(op.id)} (${op.action} on ${code(op.address)}, ${what} it)`;
}

function matchOperations(base: AsyncOperation[], head: AsyncOperation[]) {
  const matched: [AsyncOperation, AsyncOperation][] = [];
  const headLeft = new Set(head);
  const removed: AsyncOperation[] = [];
  const take = (pred: (h: AsyncOperation) => boolean) => {
    for (const h of headLeft)
      if (pred(h)) {
        headLeft.delete(h);
        return h;
      }
    return undefined;
  };
  const pending: AsyncOperation[] = [];
  for (const b of base) {
    const h = b.explicitId ? take((x) => x.explicitId && x.id === b.id) : undefined;
    if (h) matched.push([b, h]);
    else pending.push(b);
  }
  for (const b of pending) {
    const h = take((x) => x.address === b.address && x.role === b.role);
    if (h) {
      matched.push([b, h]);
      continue;
    }
    const shaped = take((x) => addressShape(x.address) === addressShape(b.address) && x.role === b.role);
    if (shaped) matched.push([b, shaped]);
    else removed.push(b);
  }
  return { matched, removed, added: [...headLeft] };
}

function compareOperation(
  env: SchemaEnv,
  b: AsyncOperation,
  h: AsyncOperation,
  sink: ChangeSink,
  unstable: string | undefined,
  renamedSchemes: ReadonlyMap<string, string>,
): void {
  const common: Common = { operation: h.id, channel: h.address, ...(unstable ? { unstable } : {}) };
  const subject = `Operation ${code(h.id)}`;
  const pair = { b, h, subject, common };
  compareIdentity(pair, sink);
  // Requirements only the servers state are compared once per server (listing its operations); an
  // operation's own, when either side has them, against what applied before or applies now.
  if (b.security || h.security)
    compareSecurity(
      b.security ?? b.serverSecurity,
      alignInlineSchemes(b.security, h.security, sink, common) ?? h.serverSecurity,
      sink,
      { ...common, subject, fallbackBase: b, fallbackHead: h, renamedSchemes },
    );
  compareBindings(env, b.bindings, h.bindings, sink, { ...common, subject, base: b, head: h });
  if (b.action !== h.action) return; // the messages now flow the other way: comparing them says nothing

  // Header names ignore case only where both sides' messages travel over HTTP alone.
  const httpHeaders = b.httpOnly === true && h.httpOnly === true;
  compareMessages(env, b.messages, h.messages, h.role, sink, common, { base: b, head: h, httpHeaders });
  compareReply(env, pair, sink);
}

/** What names the operation and says which way it goes: its id, its action, its channel. */
function compareIdentity({ b, h, subject, common }: OperationPair, sink: ChangeSink): void {
  if (b.explicitId && b.id !== h.id)
    sink.emit('operation-id-changed', {
      ...common,
      subject: `The ${b.action} operation on ${code(b.address)}`,
      base: b,
      head: h,
      data: operationIdChange(b.id, h.explicitId ? h.id : undefined),
    });
  if (b.action !== h.action)
    sink.emit('operation-action-changed', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: token(b.action), to: token(h.action) },
    });
  // Same channel with a new address is `channel-address-changed`; this is a move to another channel.
  if (addressShape(b.address) !== addressShape(h.address) && b.channelKey !== h.channelKey)
    sink.emit('operation-channel-changed', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: token(b.address), to: token(h.address) },
    });
}

/** AsyncAPI 3 replies: where the requester says to send them, and their messages. */
function compareReply(env: SchemaEnv, { b, h, subject, common }: OperationPair, sink: ChangeSink): void {
  // The requester says where to reply (a header it sets): moved, the replies go nowhere.
  const bTo = b.reply?.replyTo;
  const hTo = h.reply?.replyTo;
  // A reply removed with its messages is their removal, reported once as such.
  const replyRemoved = !h.reply && (b.reply?.messages.size ?? 0) > 0;
  if (bTo && !replyRemoved && bTo.location !== hTo?.location)
    sink.emit('reply-address-changed', {
      ...common,
      subject,
      base: bTo.place,
      head: hTo?.place ?? h.reply?.place ?? h,
      data: { from: token(bTo.location), to: tokenOr(hTo?.location) },
    });
  // A reply flows the other way: consumers read the reply to what they send, and the reverse.
  if (b.reply || h.reply)
    compareMessages(
      env,
      b.reply?.messages ?? new Map(),
      h.reply?.messages ?? new Map(),
      h.role === 'request' ? 'response' : 'request',
      sink,
      { ...common, channel: h.reply?.address ?? b.reply?.address ?? common.channel },
      {
        base: b.reply?.place ?? b,
        head: h.reply?.place ?? h,
        // An HTTP reply is the response on the same exchange.
        httpHeaders: b.httpOnly === true && h.httpOnly === true,
      },
      'reply ',
    );
}
