/**
 * A media type the head offers in no response any more (or accepts in no request body): one
 * decision ("XML is dropped"), not one per response. vocadb's description dropped three response
 * types from every response, read as 446 errors; each removal of such a type is one cause instead,
 * anchored at the first place it was removed from, every operation it reached listed (and judged at
 * its own severity: an unstable operation's removal stays a cause of its own, as info). A type the
 * head still offers somewhere keeps one change per response: which responses lost it is the news.
 */
import type { Place } from '../types.js';
import type { OpenApiView } from './model.js';

type Direction = 'request' | 'response';

export class MediaTypesGone {
  private offered?: Record<Direction, Set<string>>;
  private readonly anchors = new Map<string, Place>();

  constructor(private readonly head: OpenApiView) {}

  /**
   * Where every removal of `mediaType` in `direction` is reported, when the head offers it nowhere
   * (the first removal's place); undefined when it still does. Removals from unstable operations
   * (`unstable`: their stability level) are reported as info: they have an anchor of their own.
   */
  anchor(direction: Direction, mediaType: string, removedAt: Place, unstable?: string): Place | undefined {
    const type = essence(mediaType);
    if ((this.offered ??= this.read())[direction].has(type)) return undefined;
    const key = `${direction} ${mediaType} ${unstable ? 'unstable' : 'stable'}`;
    const known = this.anchors.get(key);
    if (known) return known;
    this.anchors.set(key, removedAt);
    return removedAt;
  }

  /**
   * Every type the head's operations answer with or accept, by essence (a type still offered under
   * another spelling or charset is still offered). Read only once a media type is removed: it asks
   * every head operation for its detail.
   */
  private read(): Record<Direction, Set<string>> {
    const out: Record<Direction, Set<string>> = { request: new Set(), response: new Set() };
    for (const op of this.head.operations.values()) {
      const detail = op.detail();
      for (const type of detail.requestBody?.content.keys() ?? []) out.request.add(essence(type));
      for (const response of detail.responses.values())
        for (const type of response.content.keys()) out.response.add(essence(type));
    }
    return out;
  }
}

/** `Application/XML; charset=utf-8` → `application/xml`. */
function essence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}
