/**
 * `review --format markdown`: the check run's summary, then the line comments, within
 * `MARKDOWN_REPORT_LIMIT` — a workflow posts it as a comment or appends it to the job summary, where
 * GitHub refuses or drops Markdown past its length. The summary is cut as the check's is (its table
 * lists what fits, errors first); the comments, which repeat findings the summary lists, come after
 * it, as many as fit, the others counted.
 */
import { markdownCode } from '../core/inert-text.js';
import { keptWithin, MARKDOWN_REPORT_LIMIT } from '../report/bounded-table.js';
import type { Placement } from '../review/placement.js';
import { truncate } from '../review/render/check-run.js';
import type { ReviewComment } from '../review/render/pull-request-review.js';
import { renderLineComments } from '../review/render/pull-request-review.js';
import { renderSummary } from '../review/render/summary.js';
import type { RuleDocs } from '../review/rule-docs.js';
import type { Review } from '../review/types.js';

const COMMENTS_HEADING = '\n### Review comments\n\n';
const SEPARATOR = '\n\n';

export function renderReviewMarkdown(
  review: Review,
  placement: Placement,
  docs: RuleDocs,
  maxChars = MARKDOWN_REPORT_LIMIT,
): string {
  const comments = renderLineComments(placement.comments, docs).map(commentSection);
  // The summary leaves room for the comments' heading and the line counting those not shown.
  const reserve =
    comments.length > 0 ? COMMENTS_HEADING.length + notShown(comments.length, maxChars).length + 1 : 0;
  const summary = truncate(
    renderSummary(review, { docs, placement, maxChars: maxChars - reserve }),
    maxChars - reserve,
  );
  if (comments.length === 0) return summary;
  const whole = `${summary}${COMMENTS_HEADING}${comments.join(SEPARATOR)}\n`;
  if (whole.length <= maxChars) return whole;
  // Whole comments in order while they fit.
  let room = maxChars - reserve - summary.length;
  const shown: string[] = [];
  for (const comment of comments) {
    if (comment.length + SEPARATOR.length > room) break;
    shown.push(comment);
    room -= comment.length + SEPARATOR.length;
  }
  const notes = [notShown(comments.length - shown.length, maxChars)];
  return `${summary}${COMMENTS_HEADING}${[...shown, ...notes].join(SEPARATOR)}\n`;
}

function commentSection(comment: ReviewComment): string {
  return `#### ${markdownCode(comment.path)} line ${comment.line}${comment.side === 'LEFT' ? ' (base side)' : ''}\n\n${comment.body}`;
}

function notShown(count: number, maxChars: number): string {
  return `_${count} review ${count === 1 ? 'comment is' : 'comments are'} not shown: a Markdown report is ${keptWithin(maxChars)}. The findings table above lists their findings; \`blueprint-review review\` shows every comment._`;
}
