/**
 * The pull-request review: one review per head SHA, with every line comment in it (GitHub spaces
 * review creation; one request is also one notification). Comments start with a hidden finding
 * marker; the body starts with the head SHA's marker, so a redelivered event finds it and posts nothing.
 */
import { findingMarker, reviewMarker, withMarker } from '../markers.js';
import type { LineComment, Placement } from '../placement.js';
import type { RuleDocs } from '../rule-docs.js';
import type { Review } from '../types.js';
import { findingMarkdown, plural } from './finding-text.js';
import { headline } from './headline.js';

export interface ReviewComment {
  path: string;
  line: number;
  side: 'RIGHT' | 'LEFT';
  body: string;
  /** Not sent to GitHub: the finding's id, for matching comments across pushes. */
  findingId: string;
}

export interface PullRequestReview {
  event: 'COMMENT';
  body: string;
  comments: ReviewComment[];
}

export function renderComment(comment: LineComment, docs: RuleDocs): ReviewComment {
  return {
    path: comment.path,
    line: comment.line,
    side: comment.side,
    body: withMarker(findingMarker(comment.finding.id), findingMarkdown(comment.finding, docs)),
    findingId: comment.finding.id,
  };
}

/**
 * The review to post, or undefined when there is nothing to say on a line (the check run carries
 * everything else). The bot comments rather than requesting changes: the check is the gate.
 */
export function renderPullRequestReview(
  review: Review,
  comments: readonly ReviewComment[],
  placement: Placement,
  options: { headSha: string; checkName: string },
): PullRequestReview | undefined {
  if (comments.length === 0) return undefined;
  const elsewhere = placement.elsewhere.length;
  const lines = [
    reviewMarker(options.headSha),
    `**Blueprint review: ${headline(review)}**`,
    '',
    `${plural(comments.length, 'comment')} below on lines this pull request changes.` +
      (elsewhere > 0
        ? ` ${plural(elsewhere, 'other new finding')} (outside the changed lines, or info) ${elsewhere === 1 ? 'is' : 'are'} in the **${options.checkName}** check.`
        : ''),
  ];
  if (review.preExisting.length > 0)
    lines.push(`${plural(review.preExisting.length, 'pre-existing finding')} not repeated.`);
  return {
    event: 'COMMENT',
    body: lines.join('\n'),
    comments: [...comments],
  };
}
