/**
 * Keeping the bot's review threads in step with the findings across pushes: a finding still
 * commented on the same line keeps its thread (no repeat); a thread whose finding is gone or moved
 * is resolved, and the finding (if still there) is commented again where it now is.
 */
import type { ReviewComment } from './render/pull-request-review.js';

export interface ExistingThread {
  threadId: string;
  /** The findings its first comment lists (one, or several sharing the line). */
  findingIds: string[];
  path: string;
  /** Null when GitHub marks the thread outdated (its line no longer exists in the diff). */
  line: number | null;
}

export interface CommentSync {
  post: ReviewComment[];
  keep: ExistingThread[];
  resolve: ExistingThread[];
}

/**
 * A thread is kept when the comment planned for its line lists exactly its findings; any other
 * thread of the bot's is resolved (its findings are gone, moved, or now share the line with others,
 * and are then posted again together).
 */
export function planCommentSync(
  planned: readonly ReviewComment[],
  existing: readonly ExistingThread[],
): CommentSync {
  const sync: CommentSync = { post: [], keep: [], resolve: [] };
  const kept = new Set<ReviewComment>();
  for (const thread of existing) {
    const same = planned.find(
      (c) =>
        !kept.has(c) &&
        c.path === thread.path &&
        c.line === thread.line &&
        sameIds(c.findingIds, thread.findingIds),
    );
    if (same) {
      kept.add(same);
      sync.keep.push(thread);
    } else {
      sync.resolve.push(thread);
    }
  }
  sync.post = planned.filter((c) => !kept.has(c));
  return sync;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}
