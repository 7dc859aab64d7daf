import { code, token } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSecurity } from '../security.js';
import { alignInlineSchemes } from './inline-schemes.js';
import { compareAddressVariables } from './address-variables.js';
import { compareBindings } from './bindings.js';
import type { AsyncApiView, AsyncOperation, AsyncServer } from './model.js';

/**
 * Each base server against the head's of its name: gone, its protocol, host, security, variables and
 * bindings. `renamedSchemes`: the security schemes the head renamed, their definition kept.
 */
export function compareServers(
  env: SchemaEnv,
  base: AsyncApiView,
  head: AsyncApiView,
  sink: ChangeSink,
  renamedSchemes: ReadonlyMap<string, string>,
): void {
  for (const [name, bs] of base.servers) {
    const hs = head.servers.get(name);
    if (hs) compareServer(env, name, { bs, hs, renamedSchemes }, base, sink);
    else
      sink.emit('server-removed', {
        subject: `Server ${code(name)}`,
        base: bs,
        data: { detail: ` (${token(bs.protocol)} ${token(bs.host)})` },
      });
  }
}

function compareServer(
  env: SchemaEnv,
  name: string,
  {
    bs,
    hs,
    renamedSchemes,
  }: { bs: AsyncServer; hs: AsyncServer; renamedSchemes: ReadonlyMap<string, string> },
  base: AsyncApiView,
  sink: ChangeSink,
): void {
  const subject = `Server ${code(name)}`;
  if (bs.protocol !== hs.protocol)
    sink.emit('server-protocol-changed', {
      subject,
      base: bs,
      head: hs,
      data: { from: token(bs.protocol), to: token(hs.protocol) },
    });
  if (bs.host !== hs.host)
    sink.emit('server-host-changed', {
      subject,
      base: bs,
      head: hs,
      data: { from: token(bs.host), to: token(hs.host) },
    });
  // A server's requirements apply to every operation on its channels: one change listing them.
  const served = base.operations.filter((op) => servedBy(base, op, name));
  for (const op of served.length > 0 ? served : [undefined]) {
    const reached = op ? { operation: op.id, channel: op.address } : {};
    // A broker negotiates authentication on connect: a client set up for SASL or mutual TLS fails
    // against a listener that no longer asks for it, so dropping it breaks as adding it does.
    if (asksCredentials(bs.security) && !asksCredentials(hs.security))
      sink.emit('server-security-removed', { subject, base: bs.security ?? bs, head: hs, ...reached });
    else
      compareSecurity(bs.security, alignInlineSchemes(bs.security, hs.security, sink, reached), sink, {
        subject,
        ...reached,
        fallbackBase: bs,
        fallbackHead: hs,
        renamedSchemes,
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

/** Does every way in need credentials (some requirement, none of them empty)? */
function asksCredentials(security: AsyncOperation['security']): boolean {
  const alternatives = security?.value ?? [];
  return alternatives.length > 0 && alternatives.every((a) => a.size > 0);
}

/** Is the operation's channel available on this server (a channel naming no servers is on all)? */
export function servedBy(view: AsyncApiView, op: AsyncOperation, server: string): boolean {
  const servers = view.channels.get(op.channelKey)?.servers;
  return !servers || servers.includes(server);
}
