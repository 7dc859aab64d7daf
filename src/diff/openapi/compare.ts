import type { ChangeSink } from '../emit.js';
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
}

const UNSTABLE = new Set(['draft', 'alpha']);
const STABILITY_ORDER = ['draft', 'alpha', 'beta', 'stable'];

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
    compareOperation(env, b, h, sink);
  }
  for (const b of pairs.removed) operationRemoved(b, sink, options.today);
  for (const h of pairs.added)
    sink.emit('operation-added', { subject: `Operation \`${h.key}\``, head: h, operation: h.key });

  compareSecuritySchemes(base.securitySchemes, head.securitySchemes, sink);
  for (const [url, place] of base.servers) {
    if (!head.servers.has(url))
      sink.emit('server-removed', { subject: `Server \`${url}\``, base: place, data: { detail: '' } });
  }
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

function operationRemoved(b: OperationView, sink: ChangeSink, today: string): void {
  const context = { subject: `Operation \`${b.key}\``, base: b, operation: b.key, unstable: unstable(b) };
  if (!b.deprecated) sink.emit('operation-removed', context);
  else if (!b.sunset) sink.emit('deprecated-operation-removed-without-sunset', context);
  else if (b.sunset.slice(0, 10) > today)
    sink.emit('operation-removed-before-sunset', { ...context, data: { to: b.sunset } });
  else sink.emit('deprecated-operation-removed', { ...context, data: { to: b.sunset } });
}

function unstable(op: OperationView): string | undefined {
  return op.stability && UNSTABLE.has(op.stability) ? op.stability : undefined;
}

function compareOperation(env: SchemaEnv, b: OperationView, h: OperationView, sink: ChangeSink): void {
  const op = h.key;
  const common = { operation: op, unstable: unstable(b) };
  if (!b.deprecated && h.deprecated)
    sink.emit('operation-deprecated', { ...common, subject: `Operation \`${op}\``, base: b, head: h });
  if (
    b.stability &&
    h.stability &&
    STABILITY_ORDER.indexOf(h.stability) < STABILITY_ORDER.indexOf(b.stability)
  )
    sink.emit('stability-decreased', {
      ...common,
      subject: `Operation \`${op}\``,
      base: b,
      head: h,
      data: { from: b.stability, to: h.stability },
    });
  compareParameters(env, b, h, sink, common);
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

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

function compareParameters(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  common: Common,
): void {
  // Path parameters are positional: `{id}` renamed to `{orderId}` is the same parameter.
  const bNames = pathParamNames(b.path);
  const hNames = pathParamNames(h.path);
  const rename = new Map(bNames.map((n, i) => [n, hNames[i] ?? n]));
  const key = (p: ParameterView, renamed: boolean) =>
    `${p.in} ${p.in === 'path' && renamed ? (rename.get(p.name) ?? p.name) : p.name}`.toLowerCase();
  const headParams = new Map(h.detail().parameters.map((p) => [key(p, false), p]));
  const subject = (p: ParameterView) =>
    `${p.in[0]!.toUpperCase()}${p.in.slice(1)} parameter \`${p.name}\` of \`${h.key}\``;
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
          base: bp,
          head: moved,
          data: { from: bp.in, to: moved.in },
        });
      } else sink.emit('request-parameter-removed', { ...common, subject: subject(bp), base: bp, head: h });
      continue;
    }
    seen.add(k);
    if (unchangedPair(env, bp, hp)) continue;
    if (!bp.required && hp.required)
      sink.emit('request-parameter-became-required', { ...common, subject: subject(hp), base: bp, head: hp });
    if (bp.required && !hp.required)
      sink.emit('request-parameter-became-optional', { ...common, subject: subject(hp), base: bp, head: hp });
    if (bp.style !== hp.style || bp.explode !== hp.explode)
      sink.emit('request-parameter-style-changed', {
        ...common,
        subject: subject(hp),
        base: bp,
        head: hp,
        data: {
          from: `${bp.style}${bp.explode ? ', explode' : ''}`,
          to: `${hp.style}${hp.explode ? ', explode' : ''}`,
        },
      });
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
      base: b,
      head: hp,
    });
  }
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
    if (bh.schema && hh.schema)
      sink.emitSchema(compareSchemas(env, bh.schema, hh.schema, 'response'), 'response', {
        ...common,
        subject: (field) =>
          field ? `Field \`${field}\` of response header \`${name}\` of \`${op}\` (${status})` : subject,
      });
  }
}
