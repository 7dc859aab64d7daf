/**
 * Why a review fails whatever its findings: it could not judge everything the pull request changes —
 * the configuration does not load (nothing was reviewed), or a changed contract could not be compared
 * completely (what was not compared may hide a breaking change). Every door that gives a verdict (the
 * CLI's exit code, the Action's step) fails on these, whatever `fail-on` says, and shows them before
 * any finding: they are why it fails.
 */
import { code } from '../core/inert-text.js';
import type { Review } from '../review/types.js';

export function failClosedReasons(review: Review): string[] {
  if (review.outcome.kind === 'config-invalid')
    return review.outcome.problems.map((p) => `The configuration is invalid; nothing was reviewed: ${p}`);
  return review.contracts.flatMap((c) =>
    c.problems.map((p) => `Contract ${code(c.id)} could not be compared completely: ${p}`),
  );
}
