import type { ChangeSink } from '../emit.js';
import type { Extensions } from '../extensions.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSecurity, compareSecuritySchemes } from '../security.js';
import { compareAddressVariables } from './address-variables.js';
import { compareBindings } from './bindings.js';
import { compareMessages } from './messages.js';
import type { AsyncApiView, AsyncChannel, AsyncOperation } from './model.js';
import { operationIdChange } from '../checks/operation-id-changed.js';

/**
 * Compares two AsyncAPI views (2.x and 3.0 in any combination). Channels match by id, then by
 * address; operations by their author-given id, then by (address, role) — so a 2.x → 3.0 migration
 * that keeps addresses and directions is not reported as removals.
 */
export function compareAsyncApi(
  env: SchemaEnv,
  base: AsyncApiView,
  head: AsyncApiView,
  sink: ChangeSink,
  options: { today: string; extensions: Extensions },
): void {
  const unstable = (op: AsyncOperation) =>
    op.stability && options.extensions.unstableLevels.has(op.stability) ? op.stability : undefined;
  const headByAddress = new Map([...head.channels.values()].map((c) => [c.address, c]));
  const headByShape = new Map([...head.channels.values()].reverse().map((c) => [addressShape(c.address), c]));
  const removedChannels = new Set<string>();
  for (const [key, bc] of base.channels) {
    const hc =
      head.channels.get(key) ?? headByAddress.get(bc.address) ?? headByShape.get(addressShape(bc.address));
    const subject = `Channel \`${bc.address}\``;
    if (!hc) {
      removedChannels.add(bc.address);
      sink.emit('channel-removed', { subject, base: bc, channel: bc.address });
      continue;
    }
    if (addressShape(hc.address) !== addressShape(bc.address))
      sink.emit('channel-address-changed', {
        subject: `Channel \`${key}\``,
        base: bc,
        head: hc,
        channel: hc.address,
        data: { from: bc.address, to: hc.address },
      });
    compareBindings(env, bc.bindings, hc.bindings, sink, {
      subject,
      channel: hc.address,
      base: bc,
      head: hc,
    });
    // Servers the channel left: a server gone from the document is reported as such, once.
    const onBase = bc.servers ?? [...base.servers.keys()];
    const onHead = new Set(hc.servers ?? head.servers.keys());
    for (const server of onBase) {
      if (onHead.has(server) || !head.servers.has(server)) continue;
      const users = base.operations.filter((op) => op.channelKey === key);
      for (const op of users.length > 0 ? users : [undefined])
        sink.emit('channel-server-removed', {
          subject,
          base: bc,
          head: hc,
          channel: hc.address,
          ...(op ? { operation: op.id } : {}),
          data: { name: server },
        });
    }
    compareAddressVariables(bc.parameters, renamedParameters(bc.address, hc.address, hc.parameters), sink, {
      id: 'channel-parameter-changed',
      subject,
      head: hc,
      operations: base.operations.filter((op) => op.channelKey === key),
    });
  }

  const pairs = matchOperations(base.operations, head.operations);
  for (const [b, h] of pairs.matched) compareOperation(env, b, h, sink, unstable(b));
  for (const b of pairs.removed) {
    if (removedChannels.has(b.address)) continue; // reported with its channel
    sink.emit('operation-removed', {
      subject: operationSubject(b),
      base: b,
      operation: b.id,
      channel: b.address,
      unstable: unstable(b),
    });
  }
  for (const h of pairs.added)
    sink.emit('operation-added', {
      subject: operationSubject(h),
      head: h,
      operation: h.id,
      channel: h.address,
    });

  for (const [name, bs] of base.servers) {
    const hs = head.servers.get(name);
    const subject = `Server \`${name}\``;
    if (!hs) {
      sink.emit('server-removed', { subject, base: bs, data: { detail: ` (${bs.protocol} ${bs.host})` } });
      continue;
    }
    if (bs.protocol !== hs.protocol)
      sink.emit('server-protocol-changed', {
        subject,
        base: bs,
        head: hs,
        data: { from: bs.protocol, to: hs.protocol },
      });
    if (bs.host !== hs.host)
      sink.emit('server-host-changed', { subject, base: bs, head: hs, data: { from: bs.host, to: hs.host } });
    // A server's requirements apply to every operation on its channels: one change listing them.
    const served = base.operations.filter((op) => servedBy(base, op, name));
    for (const op of served.length > 0 ? served : [undefined]) {
      const reached = op ? { operation: op.id, channel: op.address } : {};
      // A broker negotiates authentication on connect: a client set up for SASL or mutual TLS fails
      // against a listener that no longer asks for it, so dropping it breaks as adding it does.
      if (asksCredentials(bs.security) && !asksCredentials(hs.security))
        sink.emit('server-security-removed', { subject, base: bs.security ?? bs, head: hs, ...reached });
      else
        compareSecurity(bs.security, hs.security, sink, {
          subject,
          ...reached,
          fallbackBase: bs,
          fallbackHead: hs,
        });
    }
    compareAddressVariables(bs.variables, hs.variables, sink, {
      id: 'server-variable-changed',
      subject,
      head: hs,
      operations: served,
    });
    compareBindings(env, bs.bindings, hs.bindings, sink, { subject, base: bs, head: hs });
  }
  compareSecuritySchemes(base, head, sink, { operationsUsing, scopesRequired });
}

/**
 * Per operation that uses a scheme, the scopes its requirements name, on the operation or on the
 * servers it is on (2.x `{scheme: [scopes]}`; in 3.0 the `scopes` the scheme used lists).
 */
function scopesRequired(view: AsyncApiView, scheme: string): Map<string, string[]> {
  const named = (security: AsyncOperation['security']) =>
    (security?.value ?? []).flatMap((alternative) => alternative.get(scheme) ?? []);
  const out = new Map<string, string[]>();
  for (const op of view.operations) {
    if (!operationUses(view, op, scheme)) continue;
    const servers = [...view.servers.values()].filter((s) => servedBy(view, op, s.name));
    const scopes = new Set([
      ...named(op.security ?? op.serverSecurity),
      ...servers.flatMap((s) => named(s.security)),
    ]);
    if (scopes.size > 0) out.set(op.id, [...scopes]);
  }
  return out;
}

/** Does every way in need credentials (some requirement, none of them empty)? */
function asksCredentials(security: AsyncOperation['security']): boolean {
  const alternatives = security?.value ?? [];
  return alternatives.length > 0 && alternatives.every((a) => a.size > 0);
}

/** Is the operation's channel available on this server (a channel naming no servers is on all)? */
function servedBy(view: AsyncApiView, op: AsyncOperation, server: string): boolean {
  const servers = view.channels.get(op.channelKey)?.servers;
  return !servers || servers.includes(server);
}

/** The base operations whose requirements, their own or their servers', name a security scheme. */
function operationsUsing(view: AsyncApiView, scheme: string): string[] {
  return view.operations.filter((op) => operationUses(view, op, scheme)).map((op) => op.id);
}

/** Does the operation's security, or a server it is on, name the scheme? */
function operationUses(view: AsyncApiView, op: AsyncOperation, scheme: string): boolean {
  const names = (security: AsyncOperation['security']) =>
    security?.value.some((alternative) => alternative.has(scheme)) ?? false;
  if (names(op.security ?? op.serverSecurity)) return true;
  for (const server of view.servers.values())
    if (names(server.security) && servedBy(view, op, server.name)) return true;
  return false;
}

function operationSubject(op: AsyncOperation): string {
  const what = op.role === 'request' ? 'that consumers send to' : 'that consumers receive from';
  return `Operation \`${op.id}\` (${op.action} on \`${op.address}\`, ${what} it)`;
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

/**
 * An address as the broker sees it: parameter names are the document's own (`users/{userId}` and
 * `users/{id}` name one topic pattern), their positions are what consumers fill in.
 */
function addressShape(address: string): string {
  return address.replace(/\{[^}]*\}/g, '{}');
}

/**
 * The head's channel parameters under the base's names, matched by their position in the address
 * when only their names changed (as a renamed OpenAPI path parameter is the same parameter).
 */
function renamedParameters(
  baseAddress: string,
  headAddress: string,
  parameters: AsyncChannel['parameters'],
): AsyncChannel['parameters'] {
  if (!parameters || baseAddress === headAddress || addressShape(baseAddress) !== addressShape(headAddress))
    return parameters;
  const names = (a: string) => [...a.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const baseNames = names(baseAddress);
  const headNames = names(headAddress);
  const out = new Map(parameters);
  headNames.forEach((h, i) => {
    const b = baseNames[i]!;
    const p = parameters.get(h);
    if (b === h || !p) return;
    if (out.get(h) === p) out.delete(h);
    out.set(b, p);
  });
  return out;
}

function compareOperation(
  env: SchemaEnv,
  b: AsyncOperation,
  h: AsyncOperation,
  sink: ChangeSink,
  unstable: string | undefined,
): void {
  const common = { operation: h.id, channel: h.address, ...(unstable ? { unstable } : {}) };
  const subject = `Operation \`${h.id}\``;
  if (b.explicitId && b.id !== h.id)
    sink.emit('operation-id-changed', {
      ...common,
      subject: `The ${b.action} operation on \`${b.address}\``,
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
      data: { from: b.action, to: h.action },
    });
  // Same channel with a new address is `channel-address-changed`; this is a move to another channel.
  if (addressShape(b.address) !== addressShape(h.address) && b.channelKey !== h.channelKey)
    sink.emit('operation-channel-changed', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: b.address, to: h.address },
    });
  // Requirements only the servers state are compared once per server (listing its operations); an
  // operation's own, when either side has them, against what applied before or applies now.
  if (b.security || h.security)
    compareSecurity(b.security ?? b.serverSecurity, h.security ?? h.serverSecurity, sink, {
      ...common,
      subject,
      fallbackBase: b,
      fallbackHead: h,
    });
  compareBindings(env, b.bindings, h.bindings, sink, { ...common, subject, base: b, head: h });
  if (b.action !== h.action) return; // the messages now flow the other way: comparing them says nothing

  compareMessages(env, b.messages, h.messages, h.role, sink, common, { base: b, head: h });
  // The requester says where to reply (a header it sets): moved, the replies go nowhere.
  const bTo = b.reply?.replyTo;
  const hTo = h.reply?.replyTo;
  if (bTo && bTo.location !== hTo?.location)
    sink.emit('reply-address-changed', {
      ...common,
      subject,
      base: bTo.place,
      head: hTo?.place ?? h.reply?.place ?? h,
      data: { from: bTo.location, to: hTo?.location ?? 'none' },
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
      { base: b.reply?.place ?? b, head: h.reply?.place ?? h },
      'reply ',
    );
}
