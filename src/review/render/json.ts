/**
 * The review as JSON, for scripts and CI: everything the bot knows, findings with their placement.
 * The shape is schemas/review-report.schema.json; every field is named here (nothing spread from the
 * review's own types), so an internal field never leaks into the published format.
 */
import { reportHeader, toJsonFinding } from '../../report/json.js';
import type { Placement } from '../placement.js';
import type { ContractReview, Review } from '../types.js';
import { headline } from './headline.js';

export function renderReviewJson(
  review: Review,
  placement: Placement,
  options: { toolVersion: string },
): string {
  const commentLine = new Map(placement.comments.map((c) => [c.finding.id, c.line]));
  const json = {
    ...reportHeader(options.toolVersion),
    conclusion: review.conclusion,
    title: headline(review),
    outcome: review.outcome,
    base: review.baseLabel,
    head: review.headLabel,
    blueprints: review.blueprints,
    newFindings: review.newFindings.map((f) => ({
      id: f.id,
      ...toJsonFinding(f),
      ...(f.side ? { side: f.side } : {}),
      placement: commentLine.has(f.id) ? 'comment' : 'annotation',
      ...(commentLine.has(f.id) ? { commentLine: commentLine.get(f.id) } : {}),
    })),
    preExisting: review.preExisting.map(toJsonFinding),
    fixed: review.fixed.map(toJsonFinding),
    contracts: review.contracts.map(contractJson),
    touched: review.touched,
    owners: review.owners,
    additions: review.additions,
    stats: review.stats,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

function contractJson(c: ContractReview) {
  return {
    id: c.id,
    blueprint: c.blueprint,
    kind: c.kind,
    ...(c.file !== undefined ? { file: c.file } : {}),
    ...(c.status !== undefined ? { status: c.status } : {}),
    ...(c.owner !== undefined ? { owner: c.owner } : {}),
    consumers: c.consumers,
    changes: c.changes.map(toJsonFinding),
    problems: c.problems,
  };
}
