/** The review as JSON, for scripts and CI: everything the bot knows, findings with their placement. */
import { toJsonFinding } from '../../report/json.js';
import type { Placement } from '../placement.js';
import type { Review } from '../types.js';
import { headline } from './headline.js';

export function renderReviewJson(review: Review, placement: Placement): string {
  const commentLine = new Map(placement.comments.map((c) => [c.finding.id, c.line]));
  const json = {
    conclusion: review.conclusion,
    title: headline(review),
    outcome: review.outcome,
    base: review.baseLabel,
    head: review.headLabel,
    blueprints: review.blueprints,
    newFindings: review.newFindings.map((f) => ({
      id: f.id,
      ...toJsonFinding(f),
      placement: commentLine.has(f.id) ? 'comment' : 'annotation',
      ...(commentLine.has(f.id) ? { commentLine: commentLine.get(f.id) } : {}),
    })),
    preExisting: review.preExisting.map(toJsonFinding),
    fixed: review.fixed.map(toJsonFinding),
    contracts: review.contracts.map((c) => ({ ...c, changes: c.changes.map(toJsonFinding) })),
    touched: review.touched,
    owners: review.owners,
    additions: review.additions,
    stats: review.stats,
  };
  return JSON.stringify(json, null, 2) + '\n';
}
