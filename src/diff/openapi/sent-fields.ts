/**
 * Named fields one side sends and the other reads — a response's headers, the parameters a webhook
 * or callback request carries, the headers consumers answer one with — compared by who reads them.
 * The reader decides what breaks: when consumers read (a response, a webhook's request) a field the
 * sender stops sending, or may now leave out, breaks them, while a new one, or one now always sent,
 * is one they never had to look for. When the provider reads (what consumers answer a webhook
 * with) it turns around: a field it now requires breaks consumers who do not send it, and one it
 * stops reading is still sent, its meaning gone.
 */
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import type { SchemaEnv } from '../schema/compare.js';
import type { Place } from '../types.js';
import type { HeaderView, ParameterView } from './detail-views.js';
import { token, tokenOr } from '../../core/inert-text.js';
import { sunsetEarlier } from '../lifecycle.js';
import type { Common } from './pair.js';
import { serialisationChanged, styleChange, valueDeltas } from './pair.js';

/**
 * What a header and a parameter share: both are serialised alike (a ParameterView is one too). A
 * parameter also says whether an empty value or unencoded reserved characters may be written, and
 * when a deprecated one goes (a header says neither: absent, they never change).
 */
export type SentField = HeaderView &
  Partial<Pick<ParameterView, 'allowEmptyValue' | 'allowReserved' | 'sunset'>>;

/**
 * The checks that judge one kind of field, by what happened to it. A change without a check here
 * reports nothing: it breaks no reader (see the module comment).
 */
export interface FieldChecks {
  direction: 'request' | 'response';
  /** Gone from the head: by the base field's deprecation first, then whether it was required. */
  removed: { required: string; optional: string; deprecated: string };
  /** New in the head and required: only where the provider reads (senders lack it). */
  addedRequired?: string;
  becameRequired?: string;
  becameOptional?: string;
  /** `style`/`explode` of an array or object value changed, or `content` replaced `schema`. */
  styleChanged: string;
  /**
   * A way of writing the value that the reader now meets (`allowEmptyValue`, `allowReserved` set
   * where the provider sends) or that the sender loses (removed where the provider reads): the
   * checks of one direction, named by the flag.
   */
  looser?: { allowEmptyValue: string; allowReserved: string };
  /** A deprecated field's announced `x-sunset` moved earlier or was dropped. */
  sunsetBroughtForward?: string;
}

/** Where the fields are: naming and the places a change without a counterpart points at. */
export interface FieldSides<F extends SentField> {
  common: Common;
  /** `Response header \`X-Rate-Limit\` of \`GET /a\` (200)`; named after the base field when paired. */
  subject: (field: F) => string;
  /**
   * The field named without its owner (`Header parameter \`X-Signature\``): a component many
   * owners refer to, removed or changed, is then one change listing them all.
   */
  sharedSubject?: (field: F) => string;
  /** How a field of a schema shared with others is named (`Webhook parameter`). */
  sharedLabel?: string;
  /** Whether a pair is the same as written, refs included: nothing to compare then. */
  unchanged?: (base: F, head: F) => boolean;
  /** The element that held a field gone (the head response), and the one before one new. */
  baseOwner: Place;
  headOwner: Place;
}

/**
 * Base and head fields paired by key (the caller's: a header's name ignores case, a query
 * parameter's does not), each pair judged as `checks` says.
 */
export function compareSentFields<F extends SentField>(
  env: SchemaEnv,
  bases: ReadonlyMap<string, F>,
  heads: ReadonlyMap<string, F>,
  checks: FieldChecks,
  sides: FieldSides<F>,
  sink: ChangeSink,
): void {
  const { common, subject, sharedSubject, sharedLabel } = sides;
  const shared = (f: F) => (sharedSubject ? { sharedSubject: sharedSubject(f) } : {});
  for (const [key, b] of bases) {
    const h = heads.get(key);
    if (!h) {
      // Deprecated first: its removal was announced, required or not.
      const { required, optional, deprecated } = checks.removed;
      const id = b.deprecated ? deprecated : b.required ? required : optional;
      sink.emit(id, {
        ...common,
        subject: subject(b),
        ...shared(b),
        base: b,
        head: sides.headOwner,
        // A shared field is one cause wherever each owner is.
        ...(sharedSubject ? { causeSide: 'base' as const } : {}),
      });
      continue;
    }
    if (sides.unchanged?.(b, h)) continue;
    // Named as the base wrote it: the spelling the consumers know.
    const context = { ...common, subject: subject(b), ...shared(b), base: b, head: h };
    if (checks.becameOptional && b.required && !h.required) sink.emit(checks.becameOptional, context);
    if (checks.becameRequired && !b.required && h.required) sink.emit(checks.becameRequired, context);
    if (checks.looser)
      for (const flag of ['allowEmptyValue', 'allowReserved'] as const)
        if (flagBreaks(b[flag] === true, h[flag] === true, checks.direction))
          sink.emit(checks.looser[flag], context);
    // Whoever stops using a deprecated field plans by its announced date, reading or sending it.
    if (checks.sunsetBroughtForward && b.deprecated && h.deprecated && b.sunset)
      if (!h.sunset || sunsetEarlier(h.sunset, b.sunset))
        sink.emit(checks.sunsetBroughtForward, {
          ...context,
          data: { from: token(b.sunset), to: tokenOr(h.sunset) },
        });
    if (serialisationChanged(b, h)) sink.emit(checks.styleChanged, { ...context, data: styleChange(b, h) });
    if (b.schema && h.schema) {
      const said = subject(b);
      sink.emitSchema(valueDeltas(env, b, h, checks.direction), checks.direction, {
        ...common,
        ...(sharedLabel ? { sharedLabel } : {}),
        subject: (field) =>
          field ? `${namedField(field)} of ${said.replace(/^./, (c) => c.toLowerCase())}` : said,
      });
    }
  }
  if (!checks.addedRequired) return;
  for (const [key, h] of heads)
    if (!bases.has(key) && h.required)
      sink.emit(checks.addedRequired, {
        ...common,
        subject: subject(h),
        ...shared(h),
        base: sides.baseOwner,
        head: h,
        causeSide: 'head',
      });
}

/**
 * A flag that lets a value be written more loosely (`?name=` empty, `/` unencoded) breaks the reader
 * when the sender gains it — the provider's parameters, which consumers read (`response`) — and the
 * sender when the reader drops it — what the provider reads (`request`), as an operation's
 * parameters are judged.
 */
function flagBreaks(before: boolean, after: boolean, direction: 'request' | 'response'): boolean {
  return direction === 'response' ? !before && after : before && !after;
}
