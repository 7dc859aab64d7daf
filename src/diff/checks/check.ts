import type { Severity } from '../../core/finding.js';
import type { SchemaDeltaKind } from '../schema/compare.js';
import type { Direction } from '../types.js';

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
}

const BOTH = ['openapi', 'asyncapi'] as const;

/** The request/response twins that judge one schema delta kind. */
export function schemaChecks(
  delta: SchemaDeltaKind,
  levels: { request: Severity; response: Severity },
  description: string,
  message: string | { request: string; response: string },
): [Check, Check] {
  const make = (direction: 'request' | 'response'): Check => ({
    id: `${direction}-${delta}`,
    level: levels[direction],
    direction,
    delta,
    specs: BOTH,
    description: `${direction === 'request' ? 'In what consumers send' : 'In what consumers read'}: ${description}`,
    message: typeof message === 'string' ? message : message[direction],
  });
  return [make('request'), make('response')];
}

export function check(definition: Omit<Check, 'specs'> & { specs?: Check['specs'] }): Check {
  return { specs: BOTH, ...definition };
}
