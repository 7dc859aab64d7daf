/**
 * Which head media type serves a base one's consumers (content.ts compares the pairs): the same
 * type, the same representation spelt otherwise, a JSON type without its charset, or a range that
 * fits — and the media-type grammar that needs (essence, parameters, ranges).
 */
import type { MediaView } from './detail-views.js';
import { SameRepresentation } from './media-representations.js';

/** The head media type that serves a base one's consumers. */
export interface MediaMatch {
  type: string;
  media: MediaView;
  /**
   * Paired across a range the breaking way: a response type that became a range holding it
   * (`application/json` → `application/*`), a request range narrowed to a type within it. Said as
   * such, not as one type removed and an unrelated one added; the schemas are still compared.
   */
  rangeChanged?: true;
  /**
   * The head type also serves this base type, another spelling of the same JSON type (a `charset`
   * JSON does not have): the base type it was paired with first.
   */
  alsoServes?: string;
}

/**
 * Pairs each base media type with the head's that serves the same consumers: the same key; else the
 * same type once case and parameters only one side gives are set aside (`application/json;
 * charset=utf-8` is JSON, but UTF-8 CSV is not ISO-8859-1 CSV, nor `version=1` `version=2`); else
 * a JSON type that differs only by `charset` from one the head kept for another base type; else
 * a range that still fits — a response may become more specific (`application/*` → JSON, consumers
 * accepted it already), a request more general (the provider accepts what it did and more); else a
 * range that fits the breaking way, which may serve several base types (JSON and XML → `application/*`).
 */
export function matchMediaTypes(
  b: Map<string, MediaView>,
  h: Map<string, MediaView>,
  direction: 'request' | 'response',
): Map<string, MediaMatch> {
  const pairs = new Map<string, MediaMatch>();
  const left = new Map(h);
  const heads = headCandidates(h);
  // The first head type still left, in the head's order, among those that could fit.
  const first = (candidates: Iterable<string>, fits: (hType: string) => boolean) => {
    for (const hType of candidates) if (left.has(hType) && fits(hType)) return hType;
    return undefined;
  };
  // A head type serves one base type, except where it serves several for what they are: spellings
  // of one JSON type, or a range that now stands for them (the breaking way).
  const owners = new Map<string, string>();
  const take = (bType: string, hType: string | undefined, how: 'own' | 'shared' | 'range' = 'own') => {
    if (hType === undefined) return;
    const firstServed = how === 'shared' ? owners.get(hType) : undefined;
    if (how === 'own') owners.set(hType, bType);
    pairs.set(bType, {
      type: hType,
      media: h.get(hType)!,
      ...(how === 'range' ? { rangeChanged: true } : {}),
      ...(firstServed !== undefined ? { alsoServes: firstServed } : {}),
    });
    if (how === 'own') left.delete(hType);
  };
  for (const bType of b.keys()) if (left.has(bType)) take(bType, bType);
  // Each type's parameters read once: the pass below may weigh every head type of an essence
  // against every base one, and reading them was most of its time.
  const read = new Map<string, Map<string, string>>();
  const parsed = (mediaType: string) => {
    let params = read.get(mediaType);
    if (!params) read.set(mediaType, (params = parameters(mediaType)));
    return params;
  };
  // Keyed by the parameters each head type gives (media-representations.ts): trying each head type
  // of an essence for each base one was quadratic where thousands share it.
  const representations = new Map<string, SameRepresentation>();
  const isLeft = (hType: string) => left.has(hType);
  for (const bType of b.keys()) {
    if (pairs.has(bType)) continue;
    const type = essence(bType);
    const candidates = heads.byEssence.get(type);
    if (!candidates) continue;
    let index = representations.get(type);
    if (!index)
      representations.set(
        type,
        (index = new SameRepresentation(candidates, parsed, isJson(type) ? 'charset' : undefined)),
      );
    take(bType, index.first(parsed(bType), isLeft));
  }
  // `application/json` and `application/json; charset=utf-8` both offered, the head keeping one:
  // JSON has no charset (RFC 8259 defines none: JSON between systems is UTF-8), so the one kept
  // serves both, its schema compared with each (unless both base types had the same).
  // Looked up by key, not by trying each head type: an operation may list thousands.
  let jsonHeads: Map<string, string> | undefined;
  for (const bType of b.keys()) {
    const key = pairs.has(bType) ? undefined : jsonKey(bType);
    if (key !== undefined) take(bType, (jsonHeads ??= byJsonKey(h.keys())).get(key), 'shared');
  }
  // Narrow within wide: a response's range that consumers read narrows, a request's range widens.
  // Only a range (`*/*`, `type/*`) admits another type: the wide side's candidates are its ranges.
  const within = (narrow: string, wide: string) => withinRange(essence(narrow), essence(wide));
  const fitting = (bType: string, headIsWide: boolean, fits: (hType: string) => boolean) =>
    headIsWide ? first(heads.ranges, fits) : isRange(bType) ? first(left.keys(), fits) : undefined;
  const response = direction === 'response';
  for (const bType of b.keys())
    if (!pairs.has(bType))
      take(
        bType,
        fitting(bType, !response, (hType) => (response ? within(hType, bType) : within(bType, hType))),
      );
  for (const bType of b.keys())
    if (!pairs.has(bType))
      take(
        bType,
        fitting(bType, response, (hType) => (response ? within(bType, hType) : within(hType, bType))),
        'range',
      );
  return pairs;
}

/**
 * The head's media types grouped for matching, each list in the head's order: by essence (the only
 * ones that can be the same representation) and the ranges (the only ones that admit other types).
 * Matching tried every head type for every unmatched base one: quadratic in an operation that lists
 * thousands of media types.
 */
function headCandidates(h: Map<string, MediaView>): { byEssence: Map<string, string[]>; ranges: string[] } {
  const byEssence = new Map<string, string[]>();
  const ranges: string[] = [];
  for (const hType of h.keys()) {
    const key = essence(hType);
    const same = byEssence.get(key);
    if (same) same.push(hType);
    else byEssence.set(key, [hType]);
    if (isRange(hType)) ranges.push(hType);
  }
  return { byEssence, ranges };
}

/** `*\/*` or `type/*`: the only media types `withinRange` lets admit another. */
function isRange(mediaType: string): boolean {
  return essence(mediaType).split('/')[1] === '*';
}

/** `Application/JSON; charset=utf-8` → `application/json`. */
function essence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/** `application/json`, or a structured syntax suffix `+json` (RFC 6839): JSON, which has no charset. */
function isJson(essenceOfType: string): boolean {
  return essenceOfType === 'application/json' || essenceOfType.endsWith('+json');
}

/**
 * What a JSON media type (`application/json`, a `+json` suffix: RFC 6839) is once `charset` is set
 * aside: its essence and its other parameters (`version` or `profile` still name another
 * representation), in one order. Undefined for any other type.
 */
export function jsonKey(mediaType: string): string | undefined {
  const type = essence(mediaType);
  if (!isJson(type)) return undefined;
  const params = parameters(mediaType);
  params.delete('charset');
  return [type, ...[...params].map(([name, value]) => `${name}=${value}`).sort()].join(';');
}

/** The head's JSON types by `jsonKey`, the first in the head's order for each. */
export function byJsonKey(types: Iterable<string>): Map<string, string> {
  const keyed = new Map<string, string>();
  for (const type of types) {
    const key = jsonKey(type);
    if (key !== undefined && !keyed.has(key)) keyed.set(key, type);
  }
  return keyed;
}

/** `text/csv; Charset="UTF-8"` → charset → utf-8. */
function parameters(mediaType: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of mediaType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    params.set(part.slice(0, eq).trim().toLowerCase(), value.toLowerCase());
  }
  return params;
}

/** Is media type `narrow` one that range `wide` (`*\/*`, `application/*`) admits? */
function withinRange(narrow: string, wide: string): boolean {
  if (wide === '*/*') return true;
  const [type, subtype] = wide.split('/');
  return subtype === '*' && narrow.startsWith(`${type}/`);
}
