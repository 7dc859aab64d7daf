import type { Severity } from '../../core/finding.js';
import type { SchemaDeltaKind } from '../schema/compare.js';
import type { Direction } from '../types.js';

/**
 * Which consumers a change hurts, for the message's last clause: `senders` send the element (a value
 * they send may no longer be accepted), `omitters` leave it out (it became required), `readers`
 * read it, `followers` follow it (a response link: what they call next), `callers` call the
 * operation or channel, `users` use it either way.
 */
export type Audience = 'senders' | 'omitters' | 'readers' | 'followers' | 'callers' | 'users';

/**
 * A check: judges one kind of change. `level` is the default severity (`error` = consumers break).
 * `message` follows the subject ("Response field `total` of `GET /orders/{id}`") and may use
 * `{from}`, `{to}`, `{values}`, `{keyword}`, `{name}`, `{detail}` placeholders.
 */
export interface Check {
  id: string;
  level: Severity;
  direction: Direction;
  description: string;
  message: string;
  /** Schema checks: the schema delta kind they judge (one check per kind and direction). */
  delta?: SchemaDeltaKind;
  /** Why a one-sided check (request-only or response-only) has no twin on the other side. */
  twinWaiver?: string;
  /** Whether the check concerns OpenAPI, AsyncAPI or both (for the catalogue). */
  specs: readonly ('openapi' | 'asyncapi')[];
  /** Who breaks; by default `senders` for requests, `readers` for responses, else `callers`/`users`. */
  audience?: Audience;
  /**
   * How to make the change safe for the consumers it breaks, said after who breaks ("Fix: …");
   * without one, the rule of its direction (`fixOf`). It may use the message's placeholders, filled
   * from the change (the catalogue, which has none, shows them as `<from>`).
   */
  fix?: string;
  /** The fix for a change found in an Avro payload, where Avro's resolution rules offer another way. */
  avroFix?: string;
  /**
   * The fix in an AsyncAPI document, where a `fix` would name what AsyncAPI lacks (its operations
   * and channels carry no deprecation with an x-sunset date that the diff reads).
   */
  asyncApiFix?: string;
}

export type Spec = 'openapi' | 'asyncapi';

/**
 * The fix of a check: its own, else what its direction asks for — what consumers send may only
 * widen, what they read may only narrow, a removal waits for deprecation and a new version.
 */
export function fixOf(check: Check, spec: Spec = 'openapi'): string {
  if (spec === 'asyncapi' && check.asyncApiFix) return check.asyncApiFix;
  if (check.fix) return check.fix;
  switch (check.direction) {
    case 'request':
      return 'keep accepting what consumers sent before; enforce the stricter form only in a new version they move to';
    case 'response':
      return 'keep what consumers read within what they handle today; send the new form only in a new version or behind an opt-in';
    case 'both':
      return 'add the new form beside the old one (a new field, message or version) and retire the old one once consumers have moved';
    default:
      return spec === 'asyncapi'
        ? 'keep it until consumers have moved: announce its removal to them first and remove it in a new major version'
        : 'keep it until consumers have moved: deprecate it first (with an x-sunset date) and remove it in a new major version';
  }
}

export function audienceOf(check: Check): Audience {
  if (check.audience) return check.audience;
  switch (check.direction) {
    case 'request':
      return 'senders';
    case 'response':
      return 'readers';
    case 'both':
      return 'users';
    default:
      return 'callers';
  }
}

const BOTH = ['openapi', 'asyncapi'] as const;

/** The request/response twins that judge one schema delta kind. */
export function schemaChecks(
  delta: SchemaDeltaKind,
  levels: { request: Severity; response: Severity },
  description: string,
  message: string | { request: string; response: string },
  audience: { request?: Audience; response?: Audience } = {},
  fix: { request?: string; response?: string } = {},
  avroFix: { request?: string; response?: string } = {},
): [Check, Check] {
  const make = (direction: 'request' | 'response'): Check => ({
    id: `${direction}-${delta}`,
    level: levels[direction],
    direction,
    delta,
    specs: BOTH,
    description: `${direction === 'request' ? 'In what consumers send' : 'In what consumers read'}: ${description}`,
    message: typeof message === 'string' ? message : message[direction],
    ...(audience[direction] ? { audience: audience[direction] } : {}),
    ...(fix[direction] ? { fix: fix[direction] } : {}),
    ...(avroFix[direction] ? { avroFix: avroFix[direction] } : {}),
  });
  return [make('request'), make('response')];
}

export function check(definition: Omit<Check, 'specs'> & { specs?: Check['specs'] }): Check {
  return { specs: BOTH, ...definition };
}
