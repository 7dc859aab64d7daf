/**
 * A type and a format that change together are one change: `type: number` → `type: integer,
 * format: int32` narrows the type to 32-bit integers, and a second finding for the format would
 * say the same cause again (97 of 111 format findings on the APIs.guru corpus came with a type
 * change at the same schema).
 */
import { token } from '../../core/inert-text.js';
import type { Severity } from '../../core/finding.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import type { SchemaView } from './view.js';
import { AT_ROOT } from './field-path.js';

const TYPE_KINDS = new Set(['type-narrowed', 'type-changed', 'type-widened']);
const FORMAT_KINDS = new Set(['format-added', 'format-removed', 'format-changed', 'format-widened']);
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Among the deltas of this schema (pushed from `from` on, at its own level), a format change beside
 * a type change is said by the type's finding (`number` → `integer (format int32)`), when that
 * finding is at least as severe in this direction: a format that breaks beside a type that only
 * widened keeps its own finding.
 */
export function foldFormatIntoType(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  from: number,
): void {
  let typeAt = -1;
  let formatAt = -1;
  for (let i = from; i < out.length; i++) {
    const d = out[i]!;
    if (d.path !== AT_ROOT) continue;
    if (TYPE_KINDS.has(d.kind)) typeAt = i;
    else if (FORMAT_KINDS.has(d.kind)) formatAt = i;
  }
  if (typeAt < 0 || formatAt < 0) return;
  const type = out[typeAt]!;
  const format = out[formatAt]!;
  if (RANK[env.level(type.kind, direction)] < RANK[env.level(format.kind, direction)]) return;
  const withFormat = (types: string | undefined, f: string | undefined) =>
    f === undefined ? types : `${types} (format ${token(f)})`;
  type.data = {
    ...type.data,
    from: withFormat(type.data.from, b.format ?? b.wireFormat)!,
    to: withFormat(type.data.to, h.format ?? h.wireFormat)!,
  };
  out.splice(formatAt, 1);
}
