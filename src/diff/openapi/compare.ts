import type { ChangeSink } from '../emit.js';
import type { Extensions } from '../extensions.js';
import { STABILITY_LEVELS } from '../extensions.js';
import { sunsetPassed } from '../lifecycle.js';
import type { Place } from '../types.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSchemas } from '../schema/compare.js';
import { compareSecurity, compareSecuritySchemes } from '../security.js';
import type {
  BodyView,
  MediaView,
  OpenApiView,
  OperationView,
  ParameterView,
  ResponseView,
} from './model.js';

/**
 * Compares two OpenAPI views operation by operation. An operation whose path item is identical on
 * both sides (and everything it references) is skipped without a look.
 */
export interface OpenApiCompareOptions {
  today: string;
  rootFile: string;
  extensions: Extensions;
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
  for (const [b, h] of pairs.matched) {
    // Skip an operation when it, its path item's parameters and the root security are unchanged.
    if (
      globalsUnchanged &&
      unchangedPair(env, b, h) &&
      unchangedPair(env, child(b.pathItem, 'parameters'), child(h.pathItem, 'parameters'))
    )
      continue;
    compareOperation(env, b, h, sink, options);
  }
  for (const b of pairs.removed) operationRemoved(b, sink, options);
  for (const h of pairs.added)
    sink.emit('operation-added', { subject: `Operation \`${h.key}\``, head: h, operation: h.key });

  compareSecuritySchemes(base.securitySchemes, head.securitySchemes, sink, (scheme) =>
    operationsUsing(base, scheme),
  );
  compareServers(base.servers, head.servers, sink);
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
 * is a warning, a host or scheme that changed is information.
 */
function compareServers(
  b: ReadonlyMap<string, Place>,
  h: ReadonlyMap<string, Place>,
  sink: ChangeSink,
): void {
  if (b.size === 0 || h.size === 0) return;
  const head = [...h.keys()].map(parseServer);
  for (const [url, place] of b) {
    const server = parseServer(url);
    if (
      head.some(
        (x) =>
          x.path === server.path &&
          x.host === server.host &&
          (!x.scheme || !server.scheme || x.scheme === server.scheme),
      )
    )
      continue;
    const samePath = head.find((x) => x.path === server.path);
    if (samePath)
      sink.emit('server-url-changed', {
        subject: `Server \`${url}\``,
        base: place,
        data: { from: url, to: samePath.url },
      });
    else
      sink.emit('server-base-path-changed', {
        subject: `Server \`${url}\``,
        base: place,
        data: { from: server.path || '/', to: [...new Set(head.map((x) => x.path || '/'))].join(', ') },
      });
  }
}

function parseServer(url: string): { url: string; scheme: string; host: string; path: string } {
  const m = /^(?:([a-z][a-z0-9+.-]*):)?(?:\/\/([^/]*))?(.*)$/i.exec(url.trim())!;
  const path = (m[3] ?? '').replace(/\/+$/, '');
  return { url, scheme: (m[1] ?? '').toLowerCase(), host: (m[2] ?? '').toLowerCase(), path };
}

/** Same element on both sides and identical, refs included: nothing to compare. */
export function unchangedPair(env: SchemaEnv, b: Place, h: Place): boolean {
  return env.structural.samePlace(b, h) && env.structural.unchanged(b.file, b.pointer);
}

function child(place: Place, key: string): Place {
  return { file: place.file, pointer: `${place.pointer}/${key}` };
}

function matchOperations(base: OpenApiView, head: OpenApiView) {
  const matched: [OperationView, OperationView][] = [];
  const headLeft = new Map(head.operations);
  const baseLeft: OperationView[] = [];
  for (const [key, b] of base.operations) {
    const h = headLeft.get(key);
    if (h) {
      matched.push([b, h]);
      headLeft.delete(key);
    } else baseLeft.push(b);
  }
  const byMatchKey = new Map<string, OperationView>();
  for (const h of headLeft.values()) byMatchKey.set(h.matchKey, h);
  const removed: OperationView[] = [];
  for (const b of baseLeft) {
    const h = byMatchKey.get(b.matchKey);
    if (h) {
      matched.push([b, h]);
      byMatchKey.delete(b.matchKey);
      headLeft.delete(h.key);
    } else removed.push(b);
  }
  return { matched, removed, added: [...headLeft.values()] };
}

function operationRemoved(b: OperationView, sink: ChangeSink, options: OpenApiCompareOptions): void {
  const context = {
    subject: `Operation \`${b.key}\``,
    base: b,
    operation: b.key,
    unstable: unstable(b, options.extensions),
  };
  if (!b.deprecated) sink.emit('operation-removed', context);
  else if (!b.sunset) sink.emit('deprecated-operation-removed-without-sunset', context);
  else if (!sunsetPassed(b.sunset, options.today))
    sink.emit('operation-removed-before-sunset', { ...context, data: { to: b.sunset } });
  else sink.emit('deprecated-operation-removed', { ...context, data: { to: b.sunset } });
}

/** The base operation's stability level when it exempts breaking changes (draft, alpha). */
function unstable(op: OperationView, extensions: Extensions): string | undefined {
  return op.stability && extensions.unstableLevels.has(op.stability) ? op.stability : undefined;
}

function compareOperation(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  options: OpenApiCompareOptions,
): void {
  const op = h.key;
  const common = { operation: op, unstable: unstable(b, options.extensions) };
  const subject = `Operation \`${op}\``;
  if (!b.deprecated && h.deprecated)
    sink.emit('operation-deprecated', { ...common, subject, base: b, head: h });
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
      data: { from: b.stability, to: h.stability },
    });
  if (b.deprecated && h.deprecated && b.sunset && (!h.sunset || sunsetEarlier(h.sunset, b.sunset)))
    sink.emit('sunset-brought-forward', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: b.sunset, to: h.sunset ?? 'none' },
    });
  compareParameters(env, b, h, sink, common, options.today);
  compareBody(env, b.detail().requestBody, h.detail().requestBody, b, h, sink, common);
  compareResponses(env, b, h, sink, common);
  compareSecurity(b.detail().security, h.detail().security, sink, {
    ...common,
    subject: `\`${op}\``,
    fallbackBase: b,
    fallbackHead: h,
  });
}

type Common = { operation: string; unstable?: string };

/** Is sunset date `a` before `b`? Unparseable dates count as earlier (the promise got vaguer). */
function sunsetEarlier(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || (!Number.isNaN(tb) && ta < tb);
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

function compareParameters(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  common: Common,
  today: string,
): void {
  // Path parameters are positional: `{id}` renamed to `{orderId}` is the same parameter.
  const bNames = pathParamNames(b.path);
  const hNames = pathParamNames(h.path);
  const rename = new Map(bNames.map((n, i) => [n, hNames[i] ?? n]));
  const key = (p: ParameterView, renamed: boolean) =>
    `${p.in} ${p.in === 'path' && renamed ? (rename.get(p.name) ?? p.name) : p.name}`.toLowerCase();
  const headParams = new Map(h.detail().parameters.map((p) => [key(p, false), p]));
  const named = (p: ParameterView) => `${p.in[0]!.toUpperCase()}${p.in.slice(1)} parameter \`${p.name}\``;
  const subject = (p: ParameterView) => `${named(p)} of \`${h.key}\``;
  const seen = new Set<string>();
  for (const bp of b.detail().parameters) {
    const k = key(bp, true);
    const hp = headParams.get(k);
    if (!hp) {
      const moved = h
        .detail()
        .parameters.find((p) => p.name.toLowerCase() === bp.name.toLowerCase() && p.in !== bp.in);
      if (moved) {
        seen.add(key(moved, false));
        sink.emit('request-parameter-location-changed', {
          ...common,
          subject: subject(bp),
          sharedSubject: named(bp),
          base: bp,
          head: moved,
          data: { from: bp.in, to: moved.in },
        });
      } else
        parameterRemoved(
          bp,
          { ...common, subject: subject(bp), sharedSubject: named(bp), base: bp, head: h, causeSide: 'base' },
          sink,
          today,
        );
      continue;
    }
    seen.add(k);
    if (unchangedPair(env, bp, hp)) continue;
    const context = { ...common, subject: subject(hp), sharedSubject: named(hp), base: bp, head: hp };
    if (!bp.required && hp.required) sink.emit('request-parameter-became-required', context);
    if (bp.required && !hp.required) sink.emit('request-parameter-became-optional', context);
    if (bp.allowEmptyValue && !hp.allowEmptyValue)
      sink.emit('request-parameter-empty-value-disallowed', context);
    if ((bp.structured || hp.structured) && (bp.style !== hp.style || bp.explode !== hp.explode))
      sink.emit('request-parameter-style-changed', { ...context, data: styleChange(bp, hp) });
    if (bp.schema && hp.schema)
      sink.emitSchema(compareSchemas(env, bp.schema, hp.schema, 'request'), 'request', {
        ...common,
        subject: (field) =>
          field ? `Field \`${field}\` of ${subject(hp).replace(/^./, (c) => c.toLowerCase())}` : subject(hp),
      });
  }
  for (const [k, hp] of headParams) {
    if (seen.has(k)) continue;
    sink.emit(hp.required ? 'request-parameter-added-required' : 'request-parameter-added', {
      ...common,
      subject: subject(hp),
      sharedSubject: named(hp),
      base: b,
      head: hp,
      causeSide: 'head',
    });
  }
}

/** A parameter removed: judged by its deprecation and sunset date, like an operation. */
function parameterRemoved(
  bp: ParameterView,
  context: Common & {
    subject: string;
    sharedSubject: string;
    base: Place;
    head: Place;
    causeSide: 'base';
  },
  sink: ChangeSink,
  today: string,
): void {
  if (!bp.deprecated) sink.emit('request-parameter-removed', context);
  else if (bp.sunset && !sunsetPassed(bp.sunset, today))
    sink.emit('request-parameter-removed-before-sunset', { ...context, data: { to: bp.sunset } });
  else sink.emit('request-deprecated-parameter-removed', context);
}

function styleChange(b: { style: string; explode: boolean }, h: { style: string; explode: boolean }) {
  return {
    from: `${b.style}${b.explode ? ', explode' : ''}`,
    to: `${h.style}${h.explode ? ', explode' : ''}`,
  };
}

function compareBody(
  env: SchemaEnv,
  b: BodyView | undefined,
  h: BodyView | undefined,
  bOp: OperationView,
  hOp: OperationView,
  sink: ChangeSink,
  common: Common,
): void {
  const subject = `Request body of \`${hOp.key}\``;
  if (!b && !h) return;
  if (!b) {
    if (h!.required) sink.emit('request-body-added-required', { ...common, subject, base: bOp, head: h });
    return;
  }
  if (!h) {
    sink.emit('request-body-removed', { ...common, subject, base: b, head: hOp });
    return;
  }
  if (!b.required && h.required)
    sink.emit('request-body-became-required', { ...common, subject, base: b, head: h });
  if (b.required && !h.required)
    sink.emit('request-body-became-optional', { ...common, subject, base: b, head: h });
  compareContent(env, b.content, h.content, 'request', sink, {
    ...common,
    subject,
    fieldSubject: (field, mediaType) =>
      `Request field \`${field}\` of \`${hOp.key}\`${mediaSuffix(mediaType, h.content)}`,
    base: b,
    head: h,
  });
}

function mediaSuffix(mediaType: string, content: Map<string, MediaView>): string {
  return content.size > 1 ? ` (${mediaType})` : '';
}

function compareContent(
  env: SchemaEnv,
  b: Map<string, MediaView>,
  h: Map<string, MediaView>,
  direction: 'request' | 'response',
  sink: ChangeSink,
  context: Common & {
    subject: string;
    fieldSubject: (field: string, mediaType: string) => string;
    base: { file: string; pointer: string };
    head: { file: string; pointer: string };
  },
): void {
  const { fieldSubject, subject, base, head, ...common } = context;
  for (const [mediaType, bm] of b) {
    const hm = h.get(mediaType);
    if (!hm) {
      sink.emit(`${direction}-media-type-removed`, {
        ...common,
        subject,
        base: bm,
        head,
        data: { name: mediaType },
      });
      continue;
    }
    if (bm.schema && hm.schema)
      sink.emitSchema(compareSchemas(env, bm.schema, hm.schema, direction), direction, {
        ...common,
        subject: (field) =>
          field ? fieldSubject(field, mediaType) : `${subject}${mediaSuffix(mediaType, h)}`,
      });
  }
  for (const [mediaType, hm] of h)
    if (!b.has(mediaType))
      sink.emit(`${direction}-media-type-added`, {
        ...common,
        subject,
        base,
        head: hm,
        data: { name: mediaType },
      });
}

const isSuccess = (status: string) => /^2/.test(status);

function compareResponses(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  common: Common,
): void {
  for (const [status, br] of b.detail().responses) {
    const hr = h.detail().responses.get(status);
    const subject = `Response ${status} of \`${h.key}\``;
    if (!hr) {
      sink.emit(isSuccess(status) ? 'response-success-status-removed' : 'response-status-removed', {
        ...common,
        subject,
        base: br,
        head: h,
      });
      continue;
    }
    if (unchangedPair(env, br, hr)) continue;
    compareHeaders(env, br, hr, sink, common, h.key, status);
    compareContent(env, br.content, hr.content, 'response', sink, {
      ...common,
      subject,
      fieldSubject: (field, mediaType) =>
        `Response field \`${field}\` of \`${h.key}\` (${status}${hr.content.size > 1 ? `, ${mediaType}` : ''})`,
      base: br,
      head: hr,
    });
  }
  for (const [status, hr] of h.detail().responses) {
    if (b.detail().responses.has(status)) continue;
    sink.emit(isSuccess(status) ? 'response-success-status-added' : 'response-status-added', {
      ...common,
      subject: `Response ${status} of \`${h.key}\``,
      base: b,
      head: hr,
    });
  }
}

function compareHeaders(
  env: SchemaEnv,
  br: ResponseView,
  hr: ResponseView,
  sink: ChangeSink,
  common: Common,
  op: string,
  status: string,
): void {
  for (const [name, bh] of br.headers) {
    const hh = hr.headers.get(name);
    const subject = `Response header \`${name}\` of \`${op}\` (${status})`;
    if (!hh) {
      sink.emit(bh.required ? 'response-required-header-removed' : 'response-header-removed', {
        ...common,
        subject,
        base: bh,
        head: hr,
      });
      continue;
    }
    if (bh.required && !hh.required)
      sink.emit('response-header-became-optional', { ...common, subject, base: bh, head: hh });
    if ((bh.structured || hh.structured) && (bh.style !== hh.style || bh.explode !== hh.explode))
      sink.emit('response-header-style-changed', {
        ...common,
        subject,
        base: bh,
        head: hh,
        data: styleChange(bh, hh),
      });
    if (bh.schema && hh.schema)
      sink.emitSchema(compareSchemas(env, bh.schema, hh.schema, 'response'), 'response', {
        ...common,
        subject: (field) =>
          field ? `Field \`${field}\` of response header \`${name}\` of \`${op}\` (${status})` : subject,
      });
  }
}
