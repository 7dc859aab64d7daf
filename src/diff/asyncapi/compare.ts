import type { ChangeSink } from '../emit.js';
import type { Extensions } from '../extensions.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSecuritySchemes } from '../security.js';
import { renamedSchemes as renamedSecuritySchemes } from '../security-renames.js';
import { compareChannels } from './compare-channels.js';
import { compareOperations } from './compare-operations.js';
import { compareServers, servedBy } from './compare-servers.js';
import type { AsyncApiView, AsyncOperation } from './model.js';

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
  const removedChannels = compareChannels(env, base, head, sink);
  const renamedSchemes = renamedSecuritySchemes(base.securitySchemes, head.securitySchemes);
  compareOperations(env, base.operations, head.operations, sink, {
    removedChannels,
    unstable,
    renamedSchemes,
  });
  compareServers(env, base, head, sink, renamedSchemes);
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
