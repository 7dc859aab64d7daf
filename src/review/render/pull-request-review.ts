/**
 * The pull-request review: one review per head SHA and set of comments, with every line comment in it
 * (GitHub spaces review creation; one request is also one notification). Comments start with a hidden
 * finding marker; the body starts with the review's marker (head SHA and comments), so a redelivered
 * event finds it and posts nothing.
 */
import { markdownText } from '../../core/inert-text.js';
import { findingsMarker, reviewMarker, withMarker } from '../markers.js';
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
  /** Not sent to GitHub: the ids of the findings it lists, for matching comments across pushes. */
  findingIds: string[];
}

export interface PullRequestReview {
  event: 'COMMENT';
  body: string;
  comments: ReviewComment[];
}

export function renderComment(comment: LineComment, docs: RuleDocs): ReviewComment {
  return renderLineComment([comment], docs);
}

/**
 * One comment per line: findings that share a line (three rules on one flow's `id:`) become one
 * thread listing each, not three threads stacked on the same line. The marker names every finding.
 */
export function renderLineComments(comments: readonly LineComment[], docs: RuleDocs): ReviewComment[] {
  const byLine = new Map<string, LineComment[]>();
  for (const c of comments) {
    const key = `${c.side}\0${c.path}\0${c.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), c]);
  }
  return [...byLine.values()].map((group) => renderLineComment(group, docs));
}

function renderLineComment(group: readonly LineComment[], docs: RuleDocs): ReviewComment {
  const first = group[0]!;
  const ids = group.map((c) => c.finding.id);
  const marker = findingsMarker(ids);
  const parts = group.map((c) => findingMarkdown(c.finding, docs));
  return {
    path: first.path,
    line: first.line,
    side: first.side,
    body: withMarker(marker, fitted(parts, REVIEW_COMMENT_LIMIT - marker.length - 1)),
    findingIds: ids,
  };
}

/** GitHub's limit on a review comment's body, in characters: a longer one fails the whole review (422). */
export const REVIEW_COMMENT_LIMIT = 65_536;

/**
 * The findings of one line as one comment of at most `limit` characters: whole findings, in order, as
 * many as fit, and a line saying how many did not (the check run's summary lists every finding). Each
 * message is cut to a bounded length already, so this only drops findings on pathological input.
 */
function fitted(parts: readonly string[], limit: number): string {
  const separator = '\n\n---\n\n';
  const head = parts.length > 1 ? [`**${plural(parts.length, 'finding')} on this line**`] : [];
  const left = (count: number) =>
    count === 0
      ? []
      : [
          `_${plural(count, count === parts.length ? 'finding' : 'more finding')} on this line did not fit in a comment: see the check run's summary._`,
        ];
  const reserve = separator.length + left(parts.length).join('').length;
  const shown: string[] = [];
  let length = head.join('').length;
  for (const part of parts) {
    if (length + separator.length + part.length + reserve > limit) break;
    shown.push(part);
    length += separator.length + part.length;
  }
  return [...head, ...shown, ...left(parts.length - shown.length)].join(separator);
}

/**
 * A check's name in Markdown: it ends with the base branch's name (`Blueprint review: main`), which is
 * repository text — git allows `@`, backticks and `<` in a branch name.
 */
function checkNameMarkdown(checkName: string): string {
  return markdownText(checkName);
}

/** Why some findings on changed lines are not comments: how many, where they are, what sets the cap. */
export function cappedNote(capped: NonNullable<Placement['capped']>, checkName: string): string {
  return `${plural(capped.findings, 'more finding')} on changed lines ${capped.findings === 1 ? 'is' : 'are'} annotated in the **${checkNameMarkdown(checkName)}** check instead: a review comments on at most ${plural(capped.limit, 'line')} (\`review.maxLineComments\` in the config), lines with errors first.`;
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
    reviewMarker(
      options.headSha,
      comments.flatMap((c) => c.findingIds),
    ),
    `**Blueprint review: ${headline(review)}**`,
    '',
    `${plural(comments.length, 'comment')} below on lines this pull request changes.` +
      (elsewhere > 0
        ? ` ${plural(elsewhere, 'other new finding')} (outside the changed lines, or info) ${elsewhere === 1 ? 'is' : 'are'} in the **${checkNameMarkdown(options.checkName)}** check.`
        : ''),
  ];
  if (placement.capped) lines.push('', cappedNote(placement.capped, options.checkName));
  if (review.preExisting.length > 0)
    lines.push(`${plural(review.preExisting.length, 'pre-existing finding')} not repeated.`);
  return {
    event: 'COMMENT',
    body: lines.join('\n'),
    comments: [...comments],
  };
}
