import type { Severity } from '../../core/finding.js';
import type { SchemaDeltaKind } from '../schema/compare.js';
import type { Direction } from '../types.js';

/**
 * Which consumers a change hurts, for the message's last clause: `senders` send the element (a value
 * they send may no longer be accepted), `omitters` leave it out (it became required), `readers`
 * read it, `callers` call the operation or channel, `users` use it either way.
 */
export type Audience = 'senders' | 'omitters' | 'readers' | 'callers' | 'users';

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
  });
  return [make('request'), make('response')];
}

export function check(definition: Omit<Check, 'specs'> & { specs?: Check['specs'] }): Check {
  return { specs: BOTH, ...definition };
}
