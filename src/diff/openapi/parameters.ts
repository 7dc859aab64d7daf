/**
 * An operation's parameters compared: matched by location and name (path parameters by position),
 * a removed one judged by its deprecation and sunset, a moved one said as moved.
 */
import { code, token, tokenOr } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import { sunsetEarlier, sunsetPassed } from '../lifecycle.js';
import type { Place } from '../types.js';
import type { SchemaEnv } from '../schema/compare.js';
import type { OperationView } from './model.js';
import type { DuplicateReport, ParameterView } from './detail-views.js';
import { parameterKey, parameterWhat } from './detail-views.js';
import type { Common } from './pair.js';
import { serialisationChanged, styleChange, unchangedPair, valueDeltas } from './pair.js';

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

export function compareParameters(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  common: Common,
  today: string,
  onDuplicate: DuplicateReport,
): void {
  // Path parameters are positional: `{id}` renamed to `{orderId}` is the same parameter.
  const bNames = pathParamNames(b.path);
  const hNames = pathParamNames(h.path);
  const rename = new Map(bNames.map((n, i) => [n, hNames[i] ?? n]));
  // A template variable is in the URL whether or not a parameter declares it: declaring one where it
  // was missing, or dropping the declaration while the template keeps it, changes nothing consumers
  // send (what the declaration says of its values has nothing on the other side to compare with).
  const inBaseTemplate = (p: ParameterView) =>
    p.in === 'path' && bNames[hNames.indexOf(p.name)] !== undefined;
  const inHeadTemplate = (p: ParameterView) =>
    p.in === 'path' && hNames.includes(rename.get(p.name) ?? p.name);
  // Parameter names are case-sensitive, header names aside (HTTP field names are not).
  const key = (p: ParameterView, renamed: boolean) =>
    parameterKey(p.in, p.in === 'path' && renamed ? (rename.get(p.name) ?? p.name) : p.name);
  // The head's parameters declared twice: said once each, as problems; the first one is compared.
  for (const d of h.detail().duplicates) onDuplicate(d, d.inPathItem ? `path ${code(h.path)}` : code(h.key));
  // Swagger 2.0 form fields (`in: formData`) against a 3.x body: the form moved into the body's
  // schema, where it is compared; a side without a body has no form to move them into.
  const formMoved = (from: OperationView, to: OperationView) =>
    from.detail().parameters.some((p) => p.in === 'formData') &&
    !to.detail().parameters.some((p) => p.in === 'formData') &&
    to.detail().requestBody !== undefined;
  const skipForm = formMoved(b, h) || formMoved(h, b);
  const compared = (p: ParameterView) => !(skipForm && p.in === 'formData');
  const headParams = new Map(
    h
      .detail()
      .parameters.filter(compared)
      .map((p) => [key(p, false), p]),
  );
  const named = (p: ParameterView) => `${parameterWhat(p)} ${code(p.name)}`;
  const subject = (p: ParameterView) => `${named(p)} of ${code(h.key)}`;
  const seen = new Set<string>();
  const movedTo = headByName(h);
  for (const bp of b.detail().parameters.filter(compared)) {
    const k = key(bp, true);
    const hp = headParams.get(k);
    if (!hp) {
      const moved = movedTo.get(bp.name.toLowerCase())?.find((p) => p.in !== bp.in && sameMovedName(bp, p));
      if (!moved && inHeadTemplate(bp)) continue;
      if (moved) {
        seen.add(key(moved, false));
        sink.emit('request-parameter-location-changed', {
          ...common,
          subject: subject(bp),
          sharedSubject: named(bp),
          base: bp,
          head: moved,
          data: { from: token(bp.in), to: token(moved.in) },
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
    // Consumers plan their move off a deprecated parameter by its announced date, as off an operation.
    if (bp.deprecated && hp.deprecated && bp.sunset && (!hp.sunset || sunsetEarlier(hp.sunset, bp.sunset)))
      sink.emit('request-parameter-sunset-brought-forward', {
        ...context,
        data: { from: token(bp.sunset), to: tokenOr(hp.sunset) },
      });
    if (bp.allowEmptyValue && !hp.allowEmptyValue)
      sink.emit('request-parameter-empty-value-disallowed', context);
    if (bp.allowReserved && !hp.allowReserved) sink.emit('request-parameter-reserved-disallowed', context);
    if (serialisationChanged(bp, hp))
      sink.emit('request-parameter-style-changed', { ...context, data: styleChange(bp, hp) });
    sink.emitSchema(valueDeltas(env, bp, hp, 'request'), 'request', {
      ...common,
      subject: (field) =>
        field ? `${namedField(field)} of ${subject(hp).replace(/^./, (c) => c.toLowerCase())}` : subject(hp),
    });
  }
  orderChanged(b, h, { keyOf: (p) => key(p, true), headParams, seen, compared }, sink, common);
  for (const [k, hp] of headParams) {
    if (seen.has(k) || inBaseTemplate(hp)) continue;
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

/**
 * The head's parameters by lower-cased name, in their order: where a parameter the head no longer
 * has in its place went (`in` changed; see sameMovedName for when the case must match too). Looked up, not searched for per removed parameter: an
 * operation with thousands of renamed parameters made that quadratic.
 */
function headByName(h: OperationView): Map<string, ParameterView[]> {
  const out = new Map<string, ParameterView[]>();
  for (const p of h.detail().parameters) {
    const name = p.name.toLowerCase();
    const same = out.get(name);
    if (same) same.push(p);
    else out.set(name, [p]);
  }
  return out;
}

/**
 * Whether a parameter found in another location has the removed one's name. Query, path and cookie
 * names are case-sensitive (OpenAPI: "Parameter names are case sensitive"; a server reads
 * `?Token=` and `?token=` apart): query `Token` → cookie `token` is one removed, another added.
 * A header's name is an HTTP field name, which ignores case (RFC 9110 §5.1): on either side of the
 * move its case says nothing, so header `X-Token` → query `x-token` is the header moved.
 */
function sameMovedName(from: ParameterView, to: ParameterView): boolean {
  return from.name === to.name || from.in === 'header' || to.in === 'header';
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
    sink.emit('request-parameter-removed-before-sunset', { ...context, data: { to: token(bp.sunset) } });
  else sink.emit('request-deprecated-parameter-removed', context);
}

/**
 * The parameters both sides list, in another order: one info change per operation (see the check
 * for why it is not a break). Added, removed and moved parameters are not counted: their own
 * changes say them.
 */
function orderChanged(
  b: OperationView,
  h: OperationView,
  match: {
    keyOf: (p: ParameterView) => string;
    headParams: ReadonlyMap<string, ParameterView>;
    seen: ReadonlySet<string>;
    compared: (p: ParameterView) => boolean;
  },
  sink: ChangeSink,
  common: Common,
): void {
  const before = b
    .detail()
    .parameters.filter(
      (p) => match.compared(p) && match.seen.has(match.keyOf(p)) && match.headParams.has(match.keyOf(p)),
    );
  const kept = new Set(before.map((p) => match.headParams.get(match.keyOf(p))!));
  const after = [...match.headParams.values()].filter((p) => kept.has(p));
  const differs = (p: ParameterView, i: number) => match.headParams.get(match.keyOf(p)) !== after[i];
  const moved = before.findIndex(differs);
  if (moved < 0) return;
  const last = before.findLastIndex(differs);
  // Only the stretch that changed, so a long list stays readable: "…, per_page, before → …, before, per_page".
  const names = (list: ParameterView[]) =>
    `${moved > 0 ? '…, ' : ''}${list
      .slice(moved, last + 1)
      .map((p) => token(p.name))
      .join(', ')}${last < list.length - 1 ? ', …' : ''}`;
  sink.emit('request-parameter-order-changed', {
    ...common,
    subject: `Parameters of ${code(h.key)}`,
    base: before[moved]!,
    head: after[moved]!,
    data: { from: names(before), to: names(after) },
  });
}
