/**
 * A media type the head offers in no response any more (or accepts in no request body): one
 * decision ("XML is dropped"), not one per response. vocadb's description dropped three response
 * types from every response, read as 446 errors; each removal of such a type is one cause instead,
 * anchored at the first place it was removed from, every operation it reached listed (and judged at
 * its own severity: an unstable operation's removal stays a cause of its own, as info). A type the
 * head still offers somewhere keeps one change per response: which responses lost it is the news.
 * Where the type was offered by only some responses of an operation (XML for its 200s, not its
 * errors), the change says which statuses lost it: "Every 200 response that offered it".
 */
import { token } from '../../core/inert-text.js';
import type { Place } from '../types.js';
import type { OpenApiView } from './model.js';

type Direction = 'request' | 'response';

/** A response a type was removed from: its status, and whether its operation's every body had it. */
export interface RemovedFrom {
  status: string;
  /** Every response of the operation that has a body offered the type (in the base). */
  everyBody: boolean;
}

/** What one cause's removals have covered, gathered as they are emitted. */
interface Reach {
  anchor: Place;
  statuses: Set<string>;
  everyBody: boolean;
}

/** Statuses named one by one up to this many; past it, counted. */
const STATUSES_LISTED = 5;

export class MediaTypesGone {
  private offered?: Record<Direction, Set<string>>;
  private readonly reaches = new Map<string, Reach>();

  constructor(private readonly head: OpenApiView) {}

  /**
   * Where every removal of `mediaType` in `direction` is reported, when the head offers it nowhere
   * (the first removal's place); undefined when it still does. Removals from unstable operations
   * (`unstable`: their stability level) are reported as info: they have an anchor of their own.
   */
  anchor(
    direction: Direction,
    mediaType: string,
    removedAt: Place,
    unstable?: string,
    from?: RemovedFrom,
  ): { place: Place; subject: () => string } | undefined {
    const type = essence(mediaType);
    if ((this.offered ??= this.read())[direction].has(type)) return undefined;
    const key = `${direction} ${mediaType} ${unstable ? 'unstable' : 'stable'}`;
    let reach = this.reaches.get(key);
    if (!reach) this.reaches.set(key, (reach = { anchor: removedAt, statuses: new Set(), everyBody: true }));
    if (from) {
      reach.statuses.add(from.status);
      reach.everyBody &&= from.everyBody;
    }
    const gathered = reach;
    // Asked when the change is written, once every removal of the type has been gathered.
    return { place: reach.anchor, subject: () => goneSubject(direction, gathered) };
  }

  /**
   * Every type the head's operations answer with or accept, by essence (a type still offered under
   * another spelling or charset is still offered). Read only once a media type is removed: it asks
   * every head operation for its types (their keys, not their views).
   */
  private read(): Record<Direction, Set<string>> {
    const written: Record<Direction, Set<string>> = { request: new Set(), response: new Set() };
    for (const op of this.head.operations.values()) {
      const detail = op.detail();
      for (const direction of ['request', 'response'] as const)
        for (const type of detail.mediaTypes(direction)) written[direction].add(type);
    }
    // Each spelling once: thousands of responses share a handful of them.
    const essences = (types: Set<string>) => new Set([...types].map(essence));
    return { request: essences(written.request), response: essences(written.response) };
  }
}

/**
 * A type removed from the response of `status`: whether every response of its operation that has a
 * body (in the base) offered it, under any spelling.
 */
export function removedFrom(
  response: { status: string; siblings: ReadonlyMap<string, { content: ReadonlyMap<string, unknown> }> },
  mediaType: string,
): RemovedFrom {
  const type = essence(mediaType);
  let everyBody = true;
  for (const { content } of response.siblings.values())
    if (content.size > 0 && ![...content.keys()].some((k) => essence(k) === type)) everyBody = false;
  return { status: response.status, everyBody };
}

/**
 * "Every response that offered it" when every response with a body offered it, in each operation;
 * else which statuses lost it ("Every 200 and 201 response that offered it").
 */
function goneSubject(direction: Direction, reach: Reach): string {
  if (direction === 'request') return 'Every request body that accepted it';
  if (reach.everyBody || reach.statuses.size === 0) return 'Every response that offered it';
  const statuses = [...reach.statuses].sort();
  if (statuses.length > STATUSES_LISTED)
    return `Every response that offered it (under ${statuses.length} statuses)`;
  const named = statuses.map(token);
  const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return `Every ${list} response that offered it`;
}

/** `Application/XML; charset=utf-8` → `application/xml`. */
function essence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}
