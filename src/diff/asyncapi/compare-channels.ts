import { code, token } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareAddressVariables } from './address-variables.js';
import { addressShape, renamedParameters } from './address-shape.js';
import { compareBindings } from './bindings.js';
import type { AsyncApiView, AsyncChannel } from './model.js';

/**
 * Each base channel against its head counterpart (by key, then address, then address shape): gone,
 * moved to another address, its bindings, the servers it left and its parameters. Returns the
 * addresses of the channels removed, whose operations are reported with them.
 */
export function compareChannels(
  env: SchemaEnv,
  base: AsyncApiView,
  head: AsyncApiView,
  sink: ChangeSink,
): Set<string> {
  const headByAddress = new Map([...head.channels.values()].map((c) => [c.address, c]));
  const headByShape = new Map([...head.channels.values()].reverse().map((c) => [addressShape(c.address), c]));
  const removedChannels = new Set<string>();
  for (const [key, bc] of base.channels) {
    const hc =
      head.channels.get(key) ?? headByAddress.get(bc.address) ?? headByShape.get(addressShape(bc.address));
    if (hc) compareChannel(env, { key, bc, hc }, base, head, sink);
    else {
      removedChannels.add(bc.address);
      sink.emit('channel-removed', { subject: `Channel ${code(bc.address)}`, base: bc, channel: bc.address });
    }
  }
  return removedChannels;
}

function compareChannel(
  env: SchemaEnv,
  { key, bc, hc }: { key: string; bc: AsyncChannel; hc: AsyncChannel },
  base: AsyncApiView,
  head: AsyncApiView,
  sink: ChangeSink,
): void {
  const subject = `Channel ${code(bc.address)}`;
  if (addressShape(hc.address) !== addressShape(bc.address))
    sink.emit('channel-address-changed', {
      subject: `Channel ${code(key)}`,
      base: bc,
      head: hc,
      channel: hc.address,
      data: { from: token(bc.address), to: token(hc.address) },
    });
  compareBindings(env, bc.bindings, hc.bindings, sink, {
    subject,
    channel: hc.address,
    base: bc,
    head: hc,
  });
  const users = base.operations.filter((op) => op.channelKey === key);
  // Servers the channel left: a server gone from the document is reported as such, once.
  const onBase = bc.servers ?? [...base.servers.keys()];
  const onHead = new Set(hc.servers ?? head.servers.keys());
  for (const server of onBase) {
    if (onHead.has(server) || !head.servers.has(server)) continue;
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
    operations: users,
  });
}
