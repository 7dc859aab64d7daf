/**
 * Array schemas compared position by position — one part of the schema compatibility core
 * (compare.ts), which compares the schema governing each position.
 */
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas, pushSubschemaPresence } from './compare.js';
import { nest } from './delta-lists.js';
import type { SchemaView } from './view.js';
import { AT_ROOT, under } from './field-path.js';

/**
 * Items position by position: a tuple position (`prefixItems`) is governed by its own schema, every
 * later position by `items` (or nothing when `items: false`). Comparing what governs each position
 * on both sides says whether a position widened or narrowed, whatever keyword spells it.
 */
export function compareArray(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const positions = Math.max(b.prefixItems?.length ?? 0, h.prefixItems?.length ?? 0);
  for (let i = 0; i < positions; i++) {
    const bn = b.prefixItems?.[i] ?? b.items;
    const hn = h.prefixItems?.[i] ?? h.items;
    const bClosed = !b.prefixItems?.[i] && b.itemsClosed;
    const hClosed = !h.prefixItems?.[i] && h.itemsClosed;
    if (bClosed !== hClosed) {
      out.push({
        kind: hClosed ? 'constraint-narrowed' : 'constraint-widened',
        path: under(`[${i}]`),
        base: b.origin.get('prefixItems') ?? b.place,
        head: h.origin.get('prefixItems') ?? h.place,
        data: {
          keyword: 'prefixItems',
          detail: hClosed ? `position ${i} is no longer allowed` : `position ${i} is now allowed`,
        },
      });
      continue;
    }
    if (bn && hn) nest(out, `[${i}]`, compareSchemas(env, bn, hn, direction));
    else if (bn || hn) pushSubschemaPresence(out, `[${i}]`, 'prefixItems', b, h, !bn);
  }
  if (b.itemsClosed !== h.itemsClosed) {
    const at = (v: SchemaView) => v.origin.get('items') ?? v.place;
    out.push({
      kind: h.itemsClosed ? 'constraint-narrowed' : 'constraint-widened',
      path: AT_ROOT,
      base: at(b),
      head: at(h),
      data: {
        keyword: 'items',
        detail: h.itemsClosed ? 'no items beyond the listed positions' : 'items beyond the listed positions',
      },
    });
  } else if (b.items && h.items) nest(out, '[]', compareSchemas(env, b.items, h.items, direction));
  else if (b.items || h.items) pushSubschemaPresence(out, '[]', 'items', b, h, !b.items);
}
