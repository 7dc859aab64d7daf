/**
 * Reviews that block the gate — change requests, and dismissals GitHub does not explain (they may have
 * been change requests): one blocks when its author is (or might be) a designated approver of a rule
 * that applies. Membership that could not be checked counts as blocking (fail closed).
 */
import { quoted } from '../core/inert-text.js';
import type { Blocker, EvaluationInput, HowItBlocks } from './evaluate.js';
import { qualifies } from './qualification.js';
import type { BlockingPosition } from './reviews.js';
import { blockingPosition } from './reviews.js';
import type { Review } from './types.js';
import { isBotReview } from './types.js';

export function findBlockers(input: EvaluationInput, notes: Set<string>): Blocker[] {
  const blockers: Blocker[] = [];
  for (const [login, review] of input.reviews) {
    const position = blockingPosition(review);
    if (!position) continue;
    const blocker = blockerOf(login, review, position, input, notes);
    if (blocker) blockers.push(blocker);
  }
  return blockers.sort((a, b) => (a.login < b.login ? -1 : 1));
}

/** One blocking review: a blocker (saying why in `notes` where that is not plain), or undefined. */
function blockerOf(
  login: string,
  review: Review,
  position: BlockingPosition,
  input: EvaluationInput,
  notes: Set<string>,
): Blocker | undefined {
  const { as, unknown } = designations(review, input);
  const what = WHAT_THEY_DID[position.kind];
  if ((as.length > 0 || unknown.length > 0) && position.kind === 'changes-requested' && position.dismissedBut)
    notes.add(
      `@${login} requested changes; the review was dismissed but still blocks: ${position.dismissedBut}.`,
    );
  if ((as.length > 0 || unknown.length > 0) && position.kind === 'dismissal-unexplained')
    notes.add(
      `@${login}'s review was dismissed and still blocks: ${position.why}, so it may have requested changes.`,
    );
  if ((as.length > 0 || unknown.length > 0) && position.kind === 'unknown-state')
    notes.add(
      `@${login}'s latest review has the state ${quoted(position.state)}, which this version of blueprint-review does not know: it may request changes, so it blocks.`,
    );
  if (as.length > 0 && cannotWrite(login, review, input)) {
    notes.add(
      `@${login} ${what}, but has no write access to the repository now: as in GitHub's required reviews, ${position.kind === 'changes-requested' ? 'the change request' : 'the review'} does not block (their approval would not count either).`,
    );
    return undefined;
  }
  const how = howItBlocks(position);
  if (as.length > 0) return { ...how, login, sha: review.commitId, as: [...new Set(as)].join(', ') };
  if (unknown.length === 0) return undefined;
  notes.add(
    `@${login} ${what} and their membership could not be checked (${unknown.join('; ')}): treated as blocking.`,
  );
  return {
    ...how,
    login,
    sha: review.commitId,
    as: 'a possible designated approver (membership could not be checked)',
  };
}

/** What the reviewer did, for the notes. */
const WHAT_THEY_DID: Record<BlockingPosition['kind'], string> = {
  'changes-requested': 'requested changes',
  'dismissal-unexplained': 'had their review dismissed',
  'unknown-state': 'reviewed with a state the gate does not know',
};

/** The blocker's kind (and what it carries) for a blocking position. */
function howItBlocks(position: BlockingPosition): HowItBlocks {
  return position.kind === 'unknown-state'
    ? { kind: position.kind, state: position.state }
    : { kind: position.kind };
}

/**
 * Whether GitHub says the reviewer cannot write to the repository now. A lookup that failed (or none)
 * is no answer: the change request keeps blocking. A bot blocks only where a rule names it, and its
 * write access is no collaborator permission (approvals.ts).
 */
function cannotWrite(login: string, review: Review, input: EvaluationInput): boolean {
  if (isBotReview(review)) return false;
  const write = input.evidence.writeAccess.get(login);
  return write?.kind === 'ok' && !write.value;
}

/** The groups (with their rule) the reviewer approves for, and why membership could not be checked. */
function designations(review: Review, input: EvaluationInput): { as: string[]; unknown: string[] } {
  const as: string[] = [];
  const unknown: string[] = [];
  for (const plan of input.plans) {
    for (const group of plan.groups) {
      const q = qualifies(group, review, input.evidence);
      if (q.kind === 'yes') as.push(`${q.via} (${plan.rule.id})`);
      if (q.kind === 'unknown') unknown.push(...q.reasons);
    }
  }
  return { as, unknown };
}
