/**
 * The keyword-level comparisons of the schema compatibility core (`compare.ts`): each looks at one
 * family of keywords of a base and a head view and pushes deltas; none recurses into subschemas.
 */
import type { SchemaDeltaKind } from './compare.js';
import type { SchemaView } from './view.js';
import { typesWithin } from './view.js';

export type Push = (kind: SchemaDeltaKind, keyword: string, data?: Record<string, string>) => void;

export function compareTypes(b: SchemaView, h: SchemaView, push: Push): void {
  const describe = (types: Set<string> | undefined) =>
    types ? [...types].sort().join(' | ') || 'nothing' : 'any';
  if (b.types || h.types) {
    const from = describe(b.types);
    const to = describe(h.types);
    if (from !== to) {
      const widened = !h.types || (b.types !== undefined && typesWithin(b.types, h.types));
      const narrowed = !b.types || (h.types !== undefined && typesWithin(h.types, b.types));
      push(widened ? 'type-widened' : narrowed ? 'type-narrowed' : 'type-changed', 'type', { from, to });
    }
  }
  if (b.nullable !== h.nullable) push(h.nullable ? 'nullable-added' : 'nullable-removed', 'type');
}

export function compareScalars(b: SchemaView, h: SchemaView, push: Push): void {
  for (const keyword of ['format', 'pattern'] as const) {
    const from = b[keyword];
    const to = h[keyword];
    if (from === to) continue;
    if (from === undefined) push(`${keyword}-added`, keyword, { to: to! });
    else if (to === undefined) push(`${keyword}-removed`, keyword, { from });
    else push(`${keyword}-changed`, keyword, { from, to });
  }
  if (b.enum || h.enum) {
    if (!b.enum) push('enum-added', 'enum', { values: list([...h.enum!.keys()]) });
    else if (!h.enum) push('enum-removed', 'enum', { values: list([...b.enum.keys()]) });
    else {
      const added = [...h.enum.keys()].filter((k) => !b.enum!.has(k));
      const removed = [...b.enum.keys()].filter((k) => !h.enum!.has(k));
      if (added.length > 0)
        push('enum-value-added', 'enum', { values: list(added), count: String(added.length) });
      if (removed.length > 0)
        push('enum-value-removed', 'enum', { values: list(removed), count: String(removed.length) });
    }
  }
  const from = b.defaultValue?.json;
  const to = h.defaultValue?.json;
  if (from !== to) {
    if (from === undefined) push('default-added', 'default', { to: to! });
    else if (to === undefined) push('default-removed', 'default', { from });
    else push('default-changed', 'default', { from, to });
  }
}

export function compareBounds(b: SchemaView, h: SchemaView, push: Push): void {
  const show = (bound: { value: number; exclusive: boolean } | undefined) =>
    bound ? `${bound.exclusive ? '>' : ''}${bound.value}` : 'none';
  for (const keyword of ['minimum', 'minLength', 'minItems', 'minProperties'] as const) {
    const from = b.lower[keyword];
    const to = h.lower[keyword];
    const cmp = compareLower(from, to);
    if (cmp !== 0)
      push(cmp > 0 ? 'constraint-narrowed' : 'constraint-widened', keyword, {
        keyword,
        from: show(from),
        to: show(to),
      });
  }
  for (const keyword of ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const) {
    const from = b.upper[keyword];
    const to = h.upper[keyword];
    // An upper bound is a lower bound on the negated value.
    const cmp = compareLower(negate(from), negate(to));
    if (cmp !== 0)
      push(cmp > 0 ? 'constraint-narrowed' : 'constraint-widened', keyword, {
        keyword,
        from: show(from),
        to: show(to),
      });
  }
  if (b.multipleOf !== h.multipleOf) {
    const from = b.multipleOf;
    const to = h.multipleOf;
    const widened = to === undefined || (from !== undefined && Number.isInteger(from / to));
    push(widened ? 'constraint-widened' : 'constraint-narrowed', 'multipleOf', {
      keyword: 'multipleOf',
      from: String(from ?? 'none'),
      to: String(to ?? 'none'),
    });
  }
  if (b.uniqueItems !== h.uniqueItems)
    push(h.uniqueItems ? 'constraint-narrowed' : 'constraint-widened', 'uniqueItems', {
      keyword: 'uniqueItems',
      from: String(b.uniqueItems),
      to: String(h.uniqueItems),
    });
}

type MaybeBound = { value: number; exclusive: boolean } | undefined;

/** >0 when `to` admits less than `from` (narrowed), <0 when more, 0 when the same. */
function compareLower(from: MaybeBound, to: MaybeBound): number {
  if (!from && !to) return 0;
  if (!from) return 1;
  if (!to) return -1;
  if (from.value !== to.value) return to.value > from.value ? 1 : -1;
  return from.exclusive === to.exclusive ? 0 : to.exclusive ? 1 : -1;
}

function negate(bound: MaybeBound): MaybeBound {
  return bound ? { value: -bound.value, exclusive: bound.exclusive } : undefined;
}

export function compareDiscriminator(b: SchemaView, h: SchemaView, push: Push): void {
  const bd = b.discriminator;
  const hd = h.discriminator;
  if (!bd && !hd) return;
  if (!bd || !hd || bd.propertyName !== hd.propertyName) {
    push('discriminator-changed', 'discriminator', {
      from: bd?.propertyName ?? 'none',
      to: hd?.propertyName ?? 'none',
    });
    return;
  }
  const added = [...hd.mapping.keys()].filter((k) => !bd.mapping.has(k));
  const removed = [...bd.mapping.keys()].filter((k) => !hd.mapping.has(k));
  const changed = [...bd.mapping.keys()].filter(
    (k) => hd.mapping.has(k) && hd.mapping.get(k) !== bd.mapping.get(k),
  );
  if (added.length > 0) push('discriminator-mapping-added', 'discriminator', { values: list(added) });
  if (removed.length > 0) push('discriminator-mapping-removed', 'discriminator', { values: list(removed) });
  if (changed.length > 0)
    push('discriminator-changed', 'discriminator', { from: list(changed), to: 'other schemas' });
}

function list(values: readonly string[]): string {
  const shown = values.slice(0, 5).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
