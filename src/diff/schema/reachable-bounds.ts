/**
 * A bound no value of the schema can pass anyway says nothing. Generated descriptions write the
 * largest value of the wire type on every field (AWS's: `maxLength: 2147483647` on each string,
 * `maximum: 2147483647` on each int32), and a bound written that way where there was none, or
 * dropped again, changes no value anyone sends or reads. Bounds are compared as what they leave
 * possible: the written bound, or the range the format already implies, whichever is tighter.
 */
import type { LOWER, UPPER } from './keyword-groups.js';
import type { Bound, SchemaView } from './view.js';

type MaybeBound = Bound | undefined;

/**
 * The ranges of the integer formats of the OpenAPI format registry (spec.openapis.org/registry/
 * format; `uint32`/`uint64` as gnostic writes them). An integer without one of these is read as an
 * int64: the view already takes `int64` on an integer as restricting nothing (view.ts
 * `restrictingFormat`), so a bound at an int64's limits restricts nothing either.
 */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-(2 ** 7), 2 ** 7 - 1],
  uint8: [0, 2 ** 8 - 1],
  int16: [-(2 ** 15), 2 ** 15 - 1],
  uint16: [0, 2 ** 16 - 1],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [-(2 ** 63), 2 ** 63 - 1],
  uint64: [0, 2 ** 64 - 1],
};

/**
 * A length or count of 2^31 - 1 or more: a string of two gigabytes, a list of two billion items. No
 * JSON request or response reaches it in practice, and it is the largest such bound most
 * platforms can write (a signed 32-bit length): it is written to say "unbounded".
 */
const UNREACHABLE_SIZE = 2 ** 31 - 1;

/** The range of whole numbers a schema's type and format imply, when it is one of integers. */
function impliedRange(view: SchemaView): readonly [number, number] | undefined {
  const types = view.types;
  if (!types || types.size === 0) return undefined;
  for (const t of types) if (t !== 'integer' && t !== 'number') return undefined;
  const format = view.format ?? view.wireFormat;
  const range = format !== undefined ? INTEGER_RANGES[format] : undefined;
  if (range) return range;
  return types.size === 1 && types.has('integer') ? INTEGER_RANGES.int64 : undefined;
}

/** The lower bound a side leaves possible (`minimum` only: sizes start at 0 whatever is written). */
export function reachableLower(
  view: SchemaView,
  keyword: (typeof LOWER)[number],
  bound: MaybeBound,
): MaybeBound {
  const range = keyword === 'minimum' ? impliedRange(view) : undefined;
  if (!range) return bound;
  const least: Bound = { value: range[0], exclusive: false };
  return !bound || bound.value < least.value || (bound.value === least.value && !bound.exclusive)
    ? least
    : bound;
}

/** The upper bound a side leaves possible: its format's, or none for a size no value reaches. */
export function reachableUpper(
  view: SchemaView,
  keyword: (typeof UPPER)[number],
  bound: MaybeBound,
): MaybeBound {
  if (keyword !== 'maximum') return bound && bound.value >= UNREACHABLE_SIZE ? undefined : bound;
  const range = impliedRange(view);
  if (!range) return bound;
  const most: Bound = { value: range[1], exclusive: false };
  return !bound || bound.value > most.value || (bound.value === most.value && !bound.exclusive)
    ? most
    : bound;
}
