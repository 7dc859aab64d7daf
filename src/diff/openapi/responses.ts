/** An operation's responses compared status by status: their headers and their content. */
import { code, token } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import type { SchemaEnv } from '../schema/compare.js';
import { append } from '../../core/arrays.js';
import { compareContent } from './content.js';
import { componentSubject } from './component-subject.js';
import type { MediaTypesGone } from './media-types-gone.js';
import type { LinkTargets } from './links.js';
import { compareLinks } from './links.js';
import type { OperationView } from './model.js';
import type { DuplicateReport, ResponseView } from './detail-views.js';
import type { Common } from './pair.js';
import { unchangedPair } from './pair.js';
import type { FieldChecks } from './sent-fields.js';
import { compareSentFields } from './sent-fields.js';

export const isSuccess = (status: string) => /^2/.test(status);

export function compareResponses(
  env: SchemaEnv,
  b: OperationView,
  h: OperationView,
  sink: ChangeSink,
  common: Common,
  targets: LinkTargets,
  onDuplicate: DuplicateReport,
  gone?: MediaTypesGone,
): void {
  const bResponses = b.detail().responses;
  const hResponses = h.detail().responses;
  const { pairs, removed, added } = pairStatuses(bResponses, hResponses);
  const moved = successMoved(removed, added);
  let bodyGoneWithStatus: string | undefined;
  if (moved) {
    const [from, to] = moved;
    removed.splice(removed.indexOf(from), 1);
    added.splice(added.indexOf(to), 1);
    pairs.push(moved);
    const bodyGone = NO_CONTENT.has(to) && bResponses.get(from)!.content.size > 0;
    if (bodyGone && hResponses.get(to)!.content.size === 0) bodyGoneWithStatus = from;
    sink.emit('response-success-status-changed', {
      ...common,
      subject: `Response ${from} of ${code(h.key)}`,
      base: bResponses.get(from)!,
      head: hResponses.get(to)!,
      data: { to: bodyGoneWithStatus ? `${token(to)}, without a body` : token(to) },
    });
  }
  for (const status of removed)
    sink.emit(isSuccess(status) ? 'response-success-status-removed' : 'response-status-removed', {
      ...common,
      subject: `Response ${status} of ${code(h.key)}`,
      base: bResponses.get(status)!,
      head: h,
    });
  append(pairs, givenWayToDefault(removed, hResponses));
  for (const [bStatus, hStatus] of pairs) {
    const br = bResponses.get(bStatus)!;
    const hr = hResponses.get(hStatus)!;
    // A 2.0 response's media types come from `produces`, outside it: unchanged text is not enough.
    // A 3.x one's are keys of its `content`, the same when it is unchanged: not read to be sure.
    if (unchangedPair(env, br, hr) && (!br.mediaTypesOutside || sameKeys(br.content, hr.content))) continue;
    // Written only for a pair compared: most are unchanged.
    const status = statusRead(bStatus, hStatus);
    const subject =
      bStatus === hStatus
        ? `Response ${status} of ${code(h.key)}`
        : `Readers of response ${bStatus} of ${code(h.key)} now get ${code(hStatus)}, which`;
    // The head's headers declared twice: said once each, as problems; the first one is compared.
    for (const d of hr.duplicateHeaders) onDuplicate(d, `${code(h.key)} (${token(hStatus)})`);
    compareHeaders(env, br, hr, sink, common, h.key, status);
    compareLinks(br.links, hr.links, sink, { ...common, op: h.key, status, head: hr, targets });
    // 200 with a body → 204: the status change said the body went; each media type would repeat it.
    if (bStatus === bodyGoneWithStatus) continue;
    compareContent(env, br.content, hr.content, 'response', sink, {
      ...common,
      subject,
      fieldSubject: (field, mediaType) =>
        `${namedField(field, 'Response')} of ${code(h.key)} (${status}${hr.content.size > 1 ? `, ${mediaType}` : ''})`,
      base: br,
      head: hr,
      onDuplicate: (d) => onDuplicate(d, `${code(h.key)} (${token(hStatus)})`),
      ...componentSubject(br, hr, 'responses', 'Response'),
      ...(gone ? { gone, response: { status: bStatus, siblings: bResponses } } : {}),
    });
  }
  // An operation that documented no response gave consumers no status to dispatch on: the first
  // ones it documents are what it always answered, none of them a new success status.
  const documented = bResponses.size > 0;
  for (const status of added)
    sink.emit(documented && isSuccess(status) ? 'response-success-status-added' : 'response-status-added', {
      ...common,
      subject: `Response ${status} of ${code(h.key)}`,
      base: b,
      head: hResponses.get(status)!,
    });
}

/**
 * A base status compared with the head's response for another (`404` with `default`, `200` with
 * `2XX`), said as what its readers now get: `404, now answered by `default`` after a field, header
 * or link of it; a status compared with itself is itself.
 */
export function statusRead(bStatus: string, hStatus: string): string {
  return bStatus === hStatus ? bStatus : `${bStatus}, now answered by ${code(hStatus)}`;
}

/**
 * Non-success statuses (codes or ranges) the head no longer documents while it has `default`: their
 * readers now get `default`'s response, so each is compared with it (what readers of the 404 lose);
 * its removal is still said (info). A success status gone is an error of its own, and `default`
 * usually holds the error body: comparing the two would only repeat that break as noise.
 */
function givenWayToDefault(
  removed: readonly string[],
  hResponses: ReadonlyMap<string, unknown>,
): [string, string][] {
  if (!hResponses.has('default')) return [];
  return removed.filter((status) => !isSuccess(status)).map((status) => [status, 'default']);
}

/** Statuses that carry no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5). */
const NO_CONTENT = new Set(['204', '205', '304']);

/**
 * The one success status an operation answered with, replaced by one other (200 → 201): one change,
 * the status, not a removal and an addition; its body is compared with the former one's, since
 * clients that take any 2xx read it as they read the old one.
 */
function successMoved(removed: readonly string[], added: readonly string[]): [string, string] | undefined {
  const from = removed.filter(isSuccess);
  const to = added.filter(isSuccess);
  return from.length === 1 && to.length === 1 ? [from[0]!, to[0]!] : undefined;
}

/** `2XX` for a range key (any case), undefined for a status code or `default`. */
const rangeOf = (status: string) => (/^[1-5]xx$/i.test(status) ? status[0] : undefined);
const codeClass = (status: string) => (/^[1-5]\d\d$/.test(status) ? status[0] : undefined);

/**
 * Which base response a head response answers for. Statuses pair by key; a status code and the range
 * that holds it (`200` and `2XX`) describe the same responses too. A range replaced by codes in it
 * narrows what consumers meet, so it is not removed: each code is compared with it; codes gathered
 * into their range are not removed either (compared with it), while the range is reported as added
 * (consumers may now meet the range's other codes). Everything else without a counterpart is
 * removed or added.
 */
export function pairStatuses(
  b: ReadonlyMap<string, unknown>,
  h: ReadonlyMap<string, unknown>,
): { pairs: [string, string][]; removed: string[]; added: string[] } {
  const pairs: [string, string][] = [];
  const removed: string[] = [];
  const headPaired = new Set<string>();
  const find = (keys: Iterable<string>, pred: (k: string) => boolean) => [...keys].filter(pred);
  for (const status of b.keys()) {
    if (h.has(status)) {
      pairs.push([status, status]);
      headPaired.add(status);
      continue;
    }
    const cls = codeClass(status);
    const range = rangeOf(status);
    const counterparts = cls
      ? find(h.keys(), (k) => rangeOf(k) === cls).slice(0, 1)
      : range
        ? find(h.keys(), (k) => codeClass(k) === range && !b.has(k))
        : [];
    if (counterparts.length === 0) removed.push(status);
    for (const k of counterparts) {
      pairs.push([status, k]);
      if (range) headPaired.add(k); // codes that replaced their range are not new
    }
  }
  const added: string[] = [];
  for (const status of h.keys()) {
    if (b.has(status) || headPaired.has(status)) continue;
    const cls = codeClass(status);
    const range = cls ? find(b.keys(), (k) => rangeOf(k) === cls)[0] : undefined;
    // A code the base answered under its range: compared with the range, not new.
    if (range) pairs.push([range, status]);
    else added.push(status);
  }
  return { pairs, removed, added };
}

/** A response's headers: consumers read them, so one gone or now optional breaks them. */
export const RESPONSE_HEADER_CHECKS: FieldChecks = {
  direction: 'response',
  removed: {
    required: 'response-required-header-removed',
    optional: 'response-header-removed',
    deprecated: 'response-deprecated-header-removed',
  },
  becameOptional: 'response-header-became-optional',
  styleChanged: 'response-header-style-changed',
};

function compareHeaders(
  env: SchemaEnv,
  br: ResponseView,
  hr: ResponseView,
  sink: ChangeSink,
  common: Common,
  op: string,
  status: string,
): void {
  compareSentFields(
    env,
    br.headers,
    hr.headers,
    RESPONSE_HEADER_CHECKS,
    {
      common,
      subject: (header) => `Response header ${code(header.name)} of ${code(op)} (${status})`,
      baseOwner: br,
      headOwner: hr,
    },
    sink,
  );
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}
