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

/** How the integers a head admits compare with the base's: the same, fewer, more, or other ones. */
export type IntegerRangeChange = 'same' | 'narrower' | 'wider' | 'other';

/**
 * Two integer schemas whose formats name ranges (or none: read as an int64), compared as the whole
 * numbers each admits: its format's range, within its written bounds. `int32` and no format with
 * `minimum: -2147483648, maximum: 2147483647` admit the same integers; `int64` with `maximum: 100`
 * admits fewer than `int32`. Undefined when either side is not such an integer.
 */
export function integerRangeChange(b: SchemaView, h: SchemaView): IntegerRangeChange | undefined {
  const from = admittedIntegers(b);
  const to = admittedIntegers(h);
  if (!from || !to) return undefined;
  const lower = Math.sign(to[0] - from[0]);
  const upper = Math.sign(from[1] - to[1]);
  if (lower === 0 && upper === 0) return 'same';
  if (lower >= 0 && upper >= 0) return 'narrower';
  if (lower <= 0 && upper <= 0) return 'wider';
  return 'other';
}

/** The least and greatest integer a schema admits, when it is an integer of a known range. */
function admittedIntegers(view: SchemaView): readonly [number, number] | undefined {
  if (view.types?.size !== 1 || !view.types.has('integer')) return undefined;
  const format = view.format ?? view.wireFormat;
  if (format !== undefined && !INTEGER_RANGES[format]) return undefined;
  const lower = reachableLower(view, 'minimum', view.lower.minimum);
  const upper = reachableUpper(view, 'maximum', view.upper.maximum);
  if (!lower || !upper || !Number.isFinite(lower.value) || !Number.isFinite(upper.value)) return undefined;
  const least = lower.exclusive ? Math.floor(lower.value) + 1 : Math.ceil(lower.value);
  const most = upper.exclusive ? Math.ceil(upper.value) - 1 : Math.floor(upper.value);
  return [least, most];
}
