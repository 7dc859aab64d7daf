/**
 * Counting approvals for an approver group: an approval counts when its reviewer qualifies, is not a
 * contributor (unless self-approval is allowed), has write access, and gave it on the head or on a
 * commit whose blueprint files equal the head's. Every approval that does not count says why.
 */
import type { CountedApproval, EvaluationInput, GroupOutcome, RuleOutcome } from './evaluate.js';
import type { ApproverGroup } from './plan.js';
import { groupLabel } from './plan.js';
import { qualifies } from './qualification.js';
import { contributorRole } from './reviews.js';
import type { Review } from './types.js';
import { isBotReview } from './types.js';

/** One approval, for one group: counted, not for this group, or not counted and why. */
type ApprovalCount =
  | { kind: 'counted'; approval: CountedApproval }
  | { kind: 'not-designated' }
  /** `outdated`: the blueprint changed since it was given (its approver is asked again). */
  | { kind: 'not-counted'; why: string; outdated?: true };

/**
 * The group's counted approvals and what it still misses. Why an approval did not count goes to
 * `notes`; an outdated one's approver goes to `invalidated` (with when they gave it), to be asked again.
 */
export function groupOutcome(
  group: ApproverGroup,
  input: EvaluationInput,
  notes: Set<string>,
  invalidated: Map<string, string>,
): GroupOutcome {
  const approvedBy: CountedApproval[] = [];
  for (const [login, review] of input.reviews) {
    if (review.state !== 'APPROVED') continue;
    const count = countApproval(group, login, review, input);
    if (count.kind === 'counted') approvedBy.push(count.approval);
    if (count.kind !== 'not-counted') continue;
    notes.add(count.why);
    if (count.outdated) invalidated.set(login, review.submittedAt);
  }
  approvedBy.sort((a, b) => (a.login < b.login ? -1 : 1));
  return {
    label: groupLabel(group),
    approvers: group.approvers,
    needed: group.needed,
    approvedBy,
    missing: Math.max(0, group.needed - approvedBy.length),
    reasons: group.reasons,
  };
}

function countApproval(
  group: ApproverGroup,
  login: string,
  review: Review,
  input: EvaluationInput,
): ApprovalCount {
  const q = qualifies(group, review, input.evidence);
  if (q.kind === 'no') return { kind: 'not-designated' };
  if (q.kind === 'unknown')
    return {
      kind: 'not-counted',
      why: `@${login}'s approval is not counted for ${groupLabel(group)}: membership could not be checked (${q.reasons.join('; ')}). ${untilAnswered(q.transient)}`,
    };
  const self = contributorRole(input.contributors, login, review.userId);
  if (self && !input.allowSelfApproval)
    return {
      kind: 'not-counted',
      why: `@${login}'s approval does not count: @${login} is ${self} (self-approval is not allowed).`,
    };
  const noWrite = writeAccessProblem(login, review, input);
  if (noWrite) return { kind: 'not-counted', why: noWrite };
  const coverage = covers(review, input);
  if (coverage.kind !== 'yes')
    return {
      kind: 'not-counted',
      why: `@${login}'s approval on ${short(review.commitId)} does not count: ${coverage.reason}.`,
      outdated: true,
    };
  return {
    kind: 'counted',
    approval: { login, sha: review.commitId!, via: q.via, carriedOver: review.commitId !== input.headSha },
  };
}

/** Why the reviewer's write access does not let the approval count, or undefined when it does. */
function writeAccessProblem(login: string, review: Review, input: EvaluationInput): string | undefined {
  // A bot gets here only as a user a rule names: GitHub has no collaborator permission for an app
  // account to look up (its installation's permissions let it review at all), and naming it is the
  // config's decision to trust it.
  if (isBotReview(review)) return undefined;
  const write = input.evidence.writeAccess.get(login);
  if (write?.kind === 'ok' && write.value) return undefined;
  return write?.kind === 'ok'
    ? `@${login}'s approval does not count: @${login} has no write access to the repository (as in GitHub's required reviews).`
    : `@${login}'s approval is not counted: their write access could not be checked (${write?.reason ?? 'not looked up'}). ${untilAnswered(write?.transient === true)}`;
}

/**
 * When an approval whose lookup failed can count: after a re-run, when GitHub did not answer; once
 * someone acts, when GitHub (or the door) refused — re-running alone would get the same answer.
 */
function untilAnswered(transient: boolean): string {
  return transient
    ? 'It will count once GitHub answers; re-run the check.'
    : 'It counts once that lookup is answered; a re-run alone does not change it.';
}

/** An approval covers the head when given on it, or on a commit whose blueprint files equal the head's. */
function covers(review: Review, input: EvaluationInput): { kind: 'yes' } | { kind: 'no'; reason: string } {
  if (!review.commitId) return { kind: 'no', reason: 'GitHub does not say which commit it was given on' };
  // Same content, another change: the diff an approver read was against the base of then. Given in
  // the same second as the retargeting, it cannot be shown to come after it.
  if (input.retargetedAt !== undefined && !(Date.parse(review.submittedAt) > Date.parse(input.retargetedAt)))
    return {
      kind: 'no',
      reason: `it was given before the pull request's base branch was changed (${input.retargetedAt}), on the change against another base; approve it again`,
    };
  if (review.commitId === input.headSha) return { kind: 'yes' };
  const head = input.evidence.fingerprints.get(input.headSha);
  const then = input.evidence.fingerprints.get(review.commitId);
  if (!head || head.kind === 'error')
    return { kind: 'no', reason: 'the head could not be compared with it; approve the head commit' };
  if (!then || then.kind === 'error')
    return {
      kind: 'no',
      reason: `its blueprint files could not be read (${then?.kind === 'error' ? then.reason : 'not looked up'}); approve the head commit`,
    };
  return then.value === head.value
    ? { kind: 'yes' }
    : {
        kind: 'no',
        reason: `the blueprint changed after it; approve the head commit ${short(input.headSha)}`,
      };
}

/** Without the head's fingerprint no approval of an earlier commit can be shown to cover the head. */
export function fingerprintNotes(input: EvaluationInput): string[] {
  const headPrint = input.evidence.fingerprints.get(input.headSha);
  return headPrint?.kind === 'error'
    ? [
        `Could not fingerprint the head's blueprint files (${headPrint.reason}): only approvals of the head commit count.`,
      ]
    : [];
}

/**
 * Approvals by someone who approves for no rule that applies: said, so that an approval GitHub shows
 * is not taken for one that counts. (Why a designated approver's approval did not count is noted with
 * its group.)
 */
export function uncountedApprovalNotes(input: EvaluationInput, rules: readonly RuleOutcome[]): string[] {
  if (input.plans.length === 0) return [];
  const notes: string[] = [];
  for (const [login, review] of input.reviews) {
    if (review.state !== 'APPROVED') continue;
    const counted = rules.some((r) => r.groups.some((g) => g.approvedBy.some((a) => a.login === login)));
    const designated = input.plans.some((p) =>
      p.groups.some((g) => qualifies(g, review, input.evidence).kind !== 'no'),
    );
    if (!counted && !designated)
      notes.push(
        isBotReview(review)
          ? `@${login}'s approval does not count: @${login} is a bot account, and a bot approves only for a rule that names it (require.users), never for a team or an owner.`
          : `@${login}'s approval does not count: @${login} is not a designated approver of any rule that applies.`,
      );
  }
  return notes;
}

function short(sha: string | null): string {
  return sha ? sha.slice(0, 7) : '(unknown commit)';
}
