import { isRecord } from '../json.js';
import type { Json } from '../json.js';
import type { Located, SecurityRequirements } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import { readAddressVariables } from './address-variables.js';
import type { AsyncChannel, AsyncOperation, AsyncServer } from './model.js';
import { securityAt } from './read-security.js';
import type { AsyncReading } from './reading.js';
import { atRoot, located, under } from './reading.js';

/** The document's servers by name: where consumers connect (host, protocol, variables) and how. */
export function readServers(reading: AsyncReading, rawServers: unknown): Map<string, AsyncServer> {
  const servers = new Map<string, AsyncServer>();
  for (const [name, raw] of Object.entries(isRecord(rawServers) ? rawServers : {}))
    servers.set(name, readServer(reading, name, raw));
  return servers;
}

function readServer(reading: AsyncReading, name: string, raw: unknown): AsyncServer {
  const s = atRoot(reading, appendPointer('/servers', name), raw);
  const value = isRecord(s.value) ? s.value : {};
  const variables = readAddressVariables(under(s, 'variables'), value.variables, reading.deref);
  return {
    file: s.file,
    pointer: s.pointer,
    name,
    host: hostOf(value, reading.v2),
    protocol: `${value.protocol ?? ''}${value.protocolVersion ? ` ${value.protocolVersion}` : ''}`,
    ...(variables ? { variables } : {}),
    security: securityAt(s, value.security, reading),
    bindings: located(s, 'bindings', value.bindings),
  };
}

/** 2.x `url` often starts with the scheme that 3.0 states only as `protocol`: the host is what follows. */
function hostOf(server: Json, v2: boolean): string {
  return v2
    ? String(server.url ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    : `${server.host ?? ''}${server.pathname ?? ''}`;
}

/**
 * Servers carry security too (all of 2.x before 2.4): an operation is under its channel's servers'
 * (every server when the channel names none), the first of them that states some.
 */
export function withServerSecurity(
  operations: AsyncOperation[],
  channels: ReadonlyMap<string, AsyncChannel>,
  servers: ReadonlyMap<string, AsyncServer>,
): AsyncOperation[] {
  return operations.map((op) => {
    const serverSecurity = serverSecurityOf(channels.get(op.channelKey)?.servers, servers);
    return serverSecurity ? { ...op, serverSecurity } : op;
  });
}

function serverSecurityOf(
  on: string[] | undefined,
  servers: ReadonlyMap<string, AsyncServer>,
): Located<SecurityRequirements> | undefined {
  return [...servers.values()].find((s) => s.security && (!on || on.includes(s.name)))?.security;
}
