/**
 * Who may approve for an approver group: a user the group names, or a member of a team it names,
 * checked against membership looked up for this evaluation. Counting approvals and finding blockers
 * both ask it, so an approver and a blocker are the same people.
 */
import { membershipKey, teamCanOwn } from './evidence.js';
import type { Evidence } from './evidence.js';
import type { ApproverGroup } from './plan.js';
import type { Lookup, Review } from './types.js';
import { approverLabel, isBotReview } from './types.js';

/**
 * `unknown`: a membership lookup failed; `transient` when every failure was GitHub not answering (a
 * re-run may pass it), not GitHub refusing (someone must act first: grant the app access, say).
 */
export type Qualification =
  { kind: 'yes'; via: string } | { kind: 'no' } | { kind: 'unknown'; reasons: string[]; transient: boolean };

/**
 * Whether the reviewer may approve for the group. A bot qualifies only as a user the group names:
 * team membership (and an owner that is a team) stands for people, and an app's token may be one the
 * pull request's author controls.
 */
export function qualifies(group: ApproverGroup, review: Review, evidence: Evidence): Qualification {
  const login = review.user;
  const bot = isBotReview(review);
  const failures: string[] = [];
  let transient = true;
  for (const approver of group.approvers) {
    if (approver.kind === 'user') {
      if (approver.login === login) return { kind: 'yes', via: approverLabel(approver) };
      continue;
    }
    if (bot) continue;
    const counts = countsForTeam(approver.team, login, evidence);
    if (counts?.kind === 'ok' && counts.value) return { kind: 'yes', via: approverLabel(approver) };
    if (!counts) failures.push(`@${login} in @${approver.team} was not looked up`);
    else if (counts.kind === 'error') {
      failures.push(`@${approver.team}: ${counts.reason}`);
      transient &&= counts.transient === true;
    }
  }
  return failures.length > 0 ? { kind: 'unknown', reasons: failures, transient } : { kind: 'no' };
}

/**
 * Whether the reviewer counts for the team: a member, while the team can write to the repository. A
 * team is named by its slug, and a new team can take a renamed team's old slug; a team given read
 * only is no owner for GitHub's CODEOWNERS either (gate-problems.ts says so in the check). Access is
 * asked about for members only, so a failed lookup of it leaves undecided only those it could decide.
 * Undefined: not looked up.
 */
function countsForTeam(team: string, login: string, evidence: Evidence): Lookup<boolean> | undefined {
  const member = evidence.membership.get(membershipKey(team, login));
  if (member?.kind !== 'ok' || !member.value) return member;
  const access = teamCanOwn(evidence, team);
  if (access?.kind !== 'error') return access;
  return { ...access, reason: `its access to this repository could not be checked: ${access.reason}` };
}
