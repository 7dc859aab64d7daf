/**
 * Keeping the bot's review threads in step with the findings across pushes: a finding still
 * commented on the same line keeps its thread (no repeat); a thread whose finding is gone or moved
 * is resolved, and the finding (if still there) is commented again where it now is.
 */
import type { ReviewComment } from './render/pull-request-review.js';

export interface ExistingThread {
  threadId: string;
  findingId: string;
  path: string;
  /** Null when GitHub marks the thread outdated (its line no longer exists in the diff). */
  line: number | null;
}

export interface CommentSync {
  post: ReviewComment[];
  keep: ExistingThread[];
  resolve: ExistingThread[];
}

export function planCommentSync(
  planned: readonly ReviewComment[],
  existing: readonly ExistingThread[],
): CommentSync {
  const sync: CommentSync = { post: [], keep: [], resolve: [] };
  const kept = new Set<string>();
  for (const thread of existing) {
    const same = planned.find(
      (c) => c.findingId === thread.findingId && c.path === thread.path && c.line === thread.line,
    );
    if (same && !kept.has(same.findingId)) {
      kept.add(same.findingId);
      sync.keep.push(thread);
    } else {
      sync.resolve.push(thread);
    }
  }
  sync.post = planned.filter((c) => !kept.has(c.findingId));
  return sync;
}
