import { code, token, tokenOr } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import type { Extensions } from '../extensions.js';
import { STABILITY_LEVELS } from '../extensions.js';
import { sunsetEarlier, sunsetPassed } from '../lifecycle.js';
import type { SchemaEnv } from '../schema/compare.js';
import type { Place } from '../types.js';
import { variableChanges } from '../asyncapi/address-variables.js';
import { compareSecurity, compareSecuritySchemes } from '../security.js';
import { renamedSchemes } from '../security-renames.js';
import { operationIdChange } from '../checks/operation-id-changed.js';
import { compareBody } from './content.js';
import type { Located, OpenApiView, OperationView } from './model.js';
import type { ServerPlace } from './servers.js';
import { parseServer } from './servers.js';
import { matchOperations } from './match-operations.js';
import { unchangedPair } from './pair.js';
import type { DuplicateDeclaration, DuplicateReport } from './detail-views.js';
import type { LinkTargets } from './links.js';
import { linkTargets } from './links.js';
import { compareParameters } from './parameters.js';
import { compareResponses } from './responses.js';
import { compareWebhooks } from './webhooks.js';
import { MediaTypesGone } from './media-types-gone.js';

type Json = Record<string, unknown>;

/**
 * Compares two OpenAPI views operation by operation. An operation whose path item is identical on
 * both sides (and everything it references) is skipped without a look.
 */
export interface OpenApiCompareOptions {
  today: string;
  rootFile: string;
  extensions: Extensions;
  /** Hears of what the head document gets wrong where it is compared (a header declared twice). */
  onProblem?: (place: Place, message: string) => void;
}

export function compareOpenApi(
  env: SchemaEnv,
  base: OpenApiView,
  head: OpenApiView,
  sink: ChangeSink,
  options: OpenApiCompareOptions,
): void {
  const unchanged = env.structural.unchanged;
  const root = options.rootFile; // the base root: structural places are base places
  const globalsUnchanged =
    unchanged(root, '/security') && unchanged(root, '/consumes') && unchanged(root, '/produces');

  const pairs = matchOperations(base, head);
  const targets = linkTargets(base, head);
  const gone = new MediaTypesGone(head);
  const schemes = renamedSchemes(base.securitySchemes, head.securitySchemes);
  const compareMatched = (b: OperationView, h: OperationView) => {
    compareOperation(
      env,
      b,
      h,
      sink,
      { ...options, renamedSchemes: schemes, bodiesInParameters: base.swagger2 || head.swagger2 },
      targets,
      gone,
    );
    // Servers of its own (or its path item's) move the operation's URL, whatever the document's do.
    const bs = b.detail().servers;
    const hs = h.detail().servers;
    if (bs || hs)
      compareServers(bs ?? base.servers, hs ?? head.servers, sink, {
        operation: h.key,
        unstable: unstable(b, options.extensions),
      });
  };
  for (const [b, h] of pairs.matched) {
    // Skip an operation when it, its path item's parameters and the root security are unchanged.
    if (
      globalsUnchanged &&
      unchangedPair(env, b, h) &&
      unchangedPair(env, child(b.pathItem, 'parameters'), child(h.pathItem, 'parameters')) &&
      unchangedPair(env, child(b.pathItem, 'servers'), child(h.pathItem, 'servers'))
    )
      continue;
    compareMatched(b, h);
  }
  for (const [b, h] of pairs.moved) {
    sink.emit('operation-moved', {
      subject: `Operation ${code(b.key)}`,
      base: b,
      head: h,
      operation: b.key,
      unstable: unstable(b, options.extensions),
      data: { to: code(h.key), name: code(h.operationId!.value) },
    });
    compareMatched(b, h);
  }
  for (const b of pairs.removed) operationRemoved(b, sink, options);
  for (const h of pairs.added)
    sink.emit('operation-added', { subject: `Operation ${code(h.key)}`, head: h, operation: h.key });

  compareSecuritySchemes(base, head, sink, { operationsUsing, scopesRequired });
  compareServers(base.servers, head.servers, sink, {}, pairs.headServerPath);
  compareWebhooks(
    env,
    base.webhooks,
    head.webhooks,
    sink,
    (d, owner) => options.onProblem?.(d, duplicateMessage(d, owner)),
    new Map(
      [...pairs.matched, ...pairs.moved].filter(([b, h]) => b.key !== h.key).map(([b, h]) => [b.key, h.key]),
    ),
  );
}

/** Per operation of a view, the scopes of a scheme its security requirements name (any alternative). */
function scopesRequired(view: OpenApiView, scheme: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const op of view.operations.values()) {
    const scopes = (op.detail().security?.value ?? []).flatMap(
      (alternative) => alternative.get(scheme) ?? [],
    );
    if (scopes.length > 0) out.set(op.key, scopes);
  }
  return out;
}

/** The base operations whose security requirements (their own or the root's) name a scheme. */
function operationsUsing(view: OpenApiView, scheme: string): string[] {
  const users: string[] = [];
  for (const op of view.operations.values())
    if (op.detail().security?.value.some((alternative) => alternative.has(scheme))) users.push(op.key);
  return users;
}

/**
 * Server URLs name where an API is deployed; a description lists them per environment and moves
 * them between releases, and a 2.0 → 3.0 conversion spells them differently. What consumers build
 * on is the base path every operation's URL starts with: a base path that no server offers any more
 * is a warning, a host or scheme that changed is information. Where the base path moved into the
 * paths or out of them, the head's servers are compared as `headServerPath` (see match-operations.ts):
 * the base's own path when no URL moved, so only hosts and schemes are compared then.
 */
function compareServers(
  b: ReadonlyMap<string, ServerPlace>,
  h: ReadonlyMap<string, ServerPlace>,
  sink: ChangeSink,
  common: { operation?: string; unstable?: string } = {},
  headServerPath?: string,
): void {
  if (b.size === 0 || h.size === 0) return;
  const head = [...h.keys()].map(parseServer).map((x) => ({ ...x, path: headServerPath ?? x.path }));
  for (const [url, place] of b) {
    const same = h.get(url);
    if (same) compareServerVariables(url, place, same, sink, common);
    const server = parseServer(url);
    const samePathAs = (x: { path: string }) => x.path === server.path;
    if (
      head.some(
        (x) =>
          samePathAs(x) &&
          x.host === server.host &&
          (!x.scheme || !server.scheme || x.scheme === server.scheme),
      )
    )
      continue;
    const samePath = head.find(samePathAs);
    if (samePath)
      sink.emit('server-url-changed', {
        ...common,
        subject: `Server ${code(url)}`,
        base: place,
        data: { from: token(url), to: token(samePath.url) },
      });
    else
      sink.emit('server-base-path-changed', {
        ...common,
        subject: `Server ${code(url)}`,
        base: place,
        data: {
          from: token(server.path || '/'),
          to: [...new Set(head.map((x) => x.path || '/'))].map(token).join(', '),
        },
      });
  }
}

/**
 * The values a consumer may configure in a server the head still offers: one no longer allowed
 * (`region` lost `ap`), or a variable gone from the URL, sends the consumers configured with it
 * elsewhere. Unlike the document's list of servers, which follows deployments, the values are a
 * choice given to consumers.
 */
function compareServerVariables(
  url: string,
  b: ServerPlace,
  h: ServerPlace,
  sink: ChangeSink,
  common: { operation?: string; unstable?: string },
): void {
  if (!b.variables) return;
  for (const change of variableChanges(b.variables, h.variables))
    sink.emit('server-variable-changed', {
      ...common,
      subject: `Server ${code(b.template ?? url)}`,
      base: change.base,
      head: change.head ?? h,
      data: { detail: change.detail },
    });
}

/** The node under `key` of an object the view holds (`key` needs no pointer escaping). */
function child(place: Located<Json>, key: string): Located<unknown> {
  return { file: place.file, pointer: `${place.pointer}/${key}`, value: place.value[key] };
}

function operationRemoved(b: OperationView, sink: ChangeSink, options: OpenApiCompareOptions): void {
  const context = {
    subject: `Operation ${code(b.key)}`,
    base: b,
    operation: b.key,
    unstable: unstable(b, options.extensions),
  };
  if (!b.deprecated) sink.emit('operation-removed', context);
  else if (!b.sunset) sink.emit('deprecated-operation-removed-without-sunset', context);
  else if (!sunsetPassed(b.sunset, options.today))
    sink.emit('operation-removed-before-sunset', { ...context, data: { to: token(b.sunset) } });
  else sink.emit('deprecated-operation-removed', { ...context, data: { to: token(b.sunset) } });
}

/** The base operation's stability level when it exempts breaking changes (draft, alpha). */
function unstable(op: OperationView, extensions: Extensions): string | undefined {
  return op.stability && extensions.unstableLevels.has(op.stability) ? op.stability : undefined;
}

/** The options, with the security schemes the head renamed (security-renames.ts). */
interface OperationOptions extends OpenApiCompareOptions {
  renamedSchemes: ReadonlyMap<string, string>;
  /** A side is Swagger 2.0: its request body is made of `body`/`formData` parameters and `consumes`. */
  bodiesInParameters: boolean;
}

function compareOperation(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  options: OperationOptions,
  targets: LinkTargets,
  gone: MediaTypesGone,
): void {
  const op = h.key;
  const common = { operation: op, unstable: unstable(b, options.extensions) };
  const subject = `Operation ${code(op)}`;
  if (!b.deprecated && h.deprecated)
    sink.emit('operation-deprecated', { ...common, subject, base: b, head: h });
  if (b.operationId && b.operationId.value !== h.operationId?.value)
    sink.emit('operation-id-changed', {
      ...common,
      subject,
      base: b.operationId,
      head: h.operationId ?? h,
      data: operationIdChange(b.operationId.value, h.operationId?.value),
    });
  const rank = (level: string | undefined) =>
    STABILITY_LEVELS.indexOf(level as (typeof STABILITY_LEVELS)[number]);
  if (
    b.stability &&
    h.stability &&
    rank(b.stability) >= 0 &&
    rank(h.stability) >= 0 &&
    rank(h.stability) < rank(b.stability)
  )
    sink.emit('stability-decreased', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: token(b.stability), to: token(h.stability) },
    });
  if (b.deprecated && h.deprecated && b.sunset && (!h.sunset || sunsetEarlier(h.sunset, b.sunset)))
    sink.emit('sunset-brought-forward', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: token(b.sunset), to: tokenOr(h.sunset) },
    });
  const onDuplicate: DuplicateReport = (d, owner) => options.onProblem?.(d, duplicateMessage(d, owner));
  compareParameters(env, b, h, sink, common, options.today, onDuplicate);
  // A request body identical on both sides, refs included, says nothing: not read (on GitHub's
  // 22.0.0 -> 23.0.2, 70 of the 123 bodies of the operations compared).
  if (options.bodiesInParameters || !unchangedPair(env, child(b, 'requestBody'), child(h, 'requestBody')))
    compareBody(
      env,
      b.detail().requestBody,
      h.detail().requestBody,
      b,
      h,
      sink,
      common,
      (d) => onDuplicate(d, code(h.key)),
      gone,
    );
  compareResponses(env, b, h, sink, common, targets, onDuplicate, gone);
  compareSecurity(b.detail().security, h.detail().security, sink, {
    ...common,
    subject: code(op),
    fallbackBase: b,
    fallbackHead: h,
    renamedSchemes: options.renamedSchemes,
  });
}

/**
 * A name declared twice in one list, said as what it is: the first declaration is the one compared,
 * and which of the two consumers follow the document does not say.
 */
function duplicateMessage(d: DuplicateDeclaration, owner: string): string {
  const cased = d.first === d.name ? '' : ` (first as ${code(d.first)}: header names ignore case)`;
  return `${d.what} ${code(d.name)} of ${owner} is declared twice${cased}; only the first declaration was compared.`;
}
