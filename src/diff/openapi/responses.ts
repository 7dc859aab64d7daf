/** An operation's responses compared status by status: their headers and their content. */
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSchemas } from '../schema/compare.js';
import { compareContent } from './content.js';
import type { OperationView, ResponseView } from './model.js';
import type { Common } from './pair.js';
import { styleChange, unchangedPair } from './pair.js';

const isSuccess = (status: string) => /^2/.test(status);

export function compareResponses(
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
    // A 2.0 response's media types come from `produces`, outside it: unchanged text is not enough.
    if (unchangedPair(env, br, hr) && sameKeys(br.content, hr.content)) continue;
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
  for (const [key, bh] of br.headers) {
    const hh = hr.headers.get(key);
    // Named as the base wrote it: the spelling the consumers know.
    const name = bh.name;
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

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}
