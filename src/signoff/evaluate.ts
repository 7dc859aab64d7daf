/**
 * The gate's decision, a pure function of the plan and the evidence. It fails closed: any problem is
 * `failure`, a change request from a designated approver is `failure`, a missing approval is
 * `action_required`, and only a complete, verified set of approvals is `success`.
 */
import type { Evidence } from './evidence.js';
import { membershipKey } from './evidence.js';
import type { ApproverGroup, RulePlan } from './plan.js';
import { groupLabel } from './plan.js';
import type { Approver, ChangeRecordStatus, Review } from './types.js';
import { approverLabel, isBotReview } from './types.js';
import { quoted, token } from '../core/inert-text.js';

export type GateState = 'success' | 'action_required' | 'failure';

export interface CountedApproval {
  login: string;
  sha: string;
  /** How the approver qualifies: `@acme/payments` (team) or `@alice` (named). */
  via: string;
  /** True when given on an earlier commit whose blueprint files equal the head's. */
  carriedOver: boolean;
}

export interface GroupOutcome {
  label: string;
  approvers: Approver[];
  needed: number;
  approvedBy: CountedApproval[];
  missing: number;
  reasons: string[];
}

export interface RuleOutcome {
  ruleId: string;
  description: string;
  origin: 'default' | 'config' | 'built-in';
  because: string[];
  groups: GroupOutcome[];
  changeRecords: { contract: string; status: ChangeRecordStatus }[];
  satisfied: boolean;
}

export interface Blocker {
  login: string;
  sha: string | null;
  /** Groups the person can approve for, or why they are presumed to. */
  as: string;
}

export interface GateDecision {
  state: GateState;
  headSha: string;
  rules: RuleOutcome[];
  blockers: Blocker[];
  /** Why the gate cannot pass whatever anyone approves (config, errors, change records). */
  problems: string[];
  /** Approvals that were not counted and lookups that failed, in words. */
  notes: string[];
  /** True when every problem is GitHub not answering: nothing to fix, re-run. */
  unanswered: boolean;
  /**
   * Designated approvers whose approval no longer covers the head (the blueprint changed after it),
   * with when they gave it: they are asked again, once.
   */
  invalidated: { login: string; submittedAt: string }[];
  reviewRequests: { users: string[]; teams: string[] };
}

export interface EvaluationInput {
  headSha: string;
  author: string;
  plans: readonly RulePlan[];
  reviews: ReadonlyMap<string, Review>;
  /** Author, commit authors/committers and pushers → why they are one. */
  contributors: ReadonlyMap<string, string>;
  allowSelfApproval: boolean;
  evidence: Evidence;
  /** Problems found before evaluation (config, facts that could not be read, error findings). */
  problems: readonly string[];
  /** Those of `problems` that are GitHub not answering (rate limit, 5xx): a re-run may pass them. */
  unanswered?: readonly string[];
  /** Teams the config names explicitly: an unknown one is a config problem. */
  configuredTeams: readonly { name: string; origin: string }[];
}

type Qualification = { kind: 'yes'; via: string } | { kind: 'no' } | { kind: 'unknown'; reasons: string[] };

export function evaluate(input: EvaluationInput): GateDecision {
  const problems = [...input.problems, ...unknownTeamProblems(input)];
  const notes = new Set<string>(fingerprintNotes(input));
  const invalidated = new Map<string, string>();
  const rules = input.plans.map((plan) => ruleOutcome(plan, input, { problems, notes, invalidated }));
  const blockers = findBlockers(input, notes);
  for (const note of uncountedApprovalNotes(input, rules)) notes.add(note);
  return {
    state: gateState(problems, blockers, rules),
    headSha: input.headSha,
    rules,
    blockers,
    problems: [...new Set(problems)],
    notes: [...notes],
    unanswered:
      blockers.length === 0 &&
      problems.length > 0 &&
      problems.every((p) => input.unanswered?.includes(p) ?? false),
    invalidated: [...invalidated]
      .map(([login, submittedAt]) => ({ login, submittedAt }))
      .sort((a, b) => (a.login < b.login ? -1 : 1)),
    reviewRequests: reviewRequests(rules, input),
  };
}

/** What an evaluation gathers while it goes through the rules (in the order the decision lists them). */
interface Findings {
  problems: string[];
  notes: Set<string>;
  /** Designated approvers whose approval the blueprint outdated → when they gave it. */
  invalidated: Map<string, string>;
}

/** Without the head's fingerprint no approval of an earlier commit can be shown to cover the head. */
function fingerprintNotes(input: EvaluationInput): string[] {
  const headPrint = input.evidence.fingerprints.get(input.headSha);
  return headPrint?.kind === 'error'
    ? [
        `Could not fingerprint the head's blueprint files (${headPrint.reason}): only approvals of the head commit count.`,
      ]
    : [];
}

/** One rule: its approver groups, counted, and its change records (each one not ok is a problem). */
function ruleOutcome(plan: RulePlan, input: EvaluationInput, findings: Findings): RuleOutcome {
  const groups = plan.groups.map((group) =>
    evaluateGroup(group, input, findings.notes, findings.invalidated),
  );
  const changeRecords = plan.changeRecords.map(({ change, status }) => {
    if (status.kind !== 'ok') findings.problems.push(changeRecordProblem(change.subject.id, status));
    return { contract: change.subject.id, status };
  });
  return {
    ruleId: plan.rule.id,
    description: plan.rule.description,
    origin: plan.rule.origin,
    because: plan.because.map((c) => c.summary),
    groups,
    changeRecords,
    satisfied: groups.every((g) => g.missing === 0) && changeRecords.every((r) => r.status.kind === 'ok'),
  };
}

/**
 * Approvals by someone who approves for no rule that applies: said, so that an approval GitHub shows
 * is not taken for one that counts. (Why a designated approver's approval did not count is noted with
 * its group.)
 */
function uncountedApprovalNotes(input: EvaluationInput, rules: readonly RuleOutcome[]): string[] {
  if (input.plans.length === 0) return [];
  const notes: string[] = [];
  for (const [login, review] of input.reviews) {
    if (review.state !== 'APPROVED') continue;
    const counted = rules.some((r) => r.groups.some((g) => g.approvedBy.some((a) => a.login === login)));
    const designated = input.plans.some((p) =>
      p.groups.some((g) => qualifies(g, review, input).kind !== 'no'),
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

/** Fail closed: any problem or blocker fails; only every rule satisfied passes. */
function gateState(
  problems: readonly string[],
  blockers: readonly Blocker[],
  rules: readonly RuleOutcome[],
): GateState {
  if (problems.length > 0 || blockers.length > 0) return 'failure';
  return rules.every((r) => r.satisfied) ? 'success' : 'action_required';
}

function evaluateGroup(
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

/** One approval, for one group: counted, not for this group, or not counted and why. */
type ApprovalCount =
  | { kind: 'counted'; approval: CountedApproval }
  | { kind: 'not-designated' }
  /** `outdated`: the blueprint changed since it was given (its approver is asked again). */
  | { kind: 'not-counted'; why: string; outdated?: true };

function countApproval(
  group: ApproverGroup,
  login: string,
  review: Review,
  input: EvaluationInput,
): ApprovalCount {
  const q = qualifies(group, review, input);
  if (q.kind === 'no') return { kind: 'not-designated' };
  if (q.kind === 'unknown')
    return {
      kind: 'not-counted',
      why: `@${login}'s approval is not counted for ${groupLabel(group)}: membership could not be checked (${q.reasons.join('; ')}). It will count once GitHub answers; re-run the check.`,
    };
  const self = input.contributors.get(login);
  if (self && !input.allowSelfApproval)
    return {
      kind: 'not-counted',
      why: `@${login}'s approval does not count: @${login} is ${self} (self-approval is not allowed).`,
    };
  // A bot gets here only as a user a rule names: GitHub has no collaborator permission for an app
  // account to look up (its installation's permissions let it review at all), and naming it is the
  // config's decision to trust it.
  const write = isBotReview(review)
    ? ({ kind: 'ok', value: true } as const)
    : input.evidence.writeAccess.get(login);
  if (write?.kind !== 'ok' || !write.value)
    return {
      kind: 'not-counted',
      why:
        write?.kind === 'ok'
          ? `@${login}'s approval does not count: @${login} has no write access to the repository (as in GitHub's required reviews).`
          : `@${login}'s approval is not counted: their write access could not be checked (${write?.reason ?? 'not looked up'}). It will count once GitHub answers; re-run the check.`,
    };
  const coverage = covers(review, input);
  if (coverage.kind !== 'yes')
    return {
      kind: 'not-counted',
      why: `@${login}'s approval on ${short(review.commitId)} does not count: ${coverage.reason}.`,
      outdated: true,
    };
  return {
    kind: 'counted',
    approval: {
      login,
      sha: review.commitId!,
      via: q.via,
      carriedOver: review.commitId !== input.headSha,
    },
  };
}

/**
 * Whether the reviewer may approve for the group, checked against membership looked up now. A bot
 * qualifies only as a user the group names: team membership (and an owner that is a team) stands for
 * people, and an app's token may be one the pull request's author controls.
 */
function qualifies(group: ApproverGroup, review: Review, input: EvaluationInput): Qualification {
  const login = review.user;
  const bot = isBotReview(review);
  const failures: string[] = [];
  for (const approver of group.approvers) {
    if (approver.kind === 'user') {
      if (approver.login === login) return { kind: 'yes', via: approverLabel(approver) };
      continue;
    }
    if (bot) continue;
    const member = input.evidence.membership.get(membershipKey(approver.team, login));
    if (member?.kind === 'ok' && member.value) return { kind: 'yes', via: approverLabel(approver) };
    if (!member) failures.push(`membership of @${login} in @${approver.team} was not looked up`);
    else if (member.kind === 'error') failures.push(`@${approver.team}: ${member.reason}`);
  }
  return failures.length > 0 ? { kind: 'unknown', reasons: failures } : { kind: 'no' };
}

/** An approval covers the head when given on it, or on a commit whose blueprint files equal the head's. */
function covers(review: Review, input: EvaluationInput): { kind: 'yes' } | { kind: 'no'; reason: string } {
  if (!review.commitId) return { kind: 'no', reason: 'GitHub does not say which commit it was given on' };
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

/** A change request blocks when its author is (or might be) a designated approver of an applicable rule. */
function findBlockers(input: EvaluationInput, notes: Set<string>): Blocker[] {
  const blockers: Blocker[] = [];
  for (const [login, review] of input.reviews) {
    if (review.state !== 'CHANGES_REQUESTED') continue;
    const as: string[] = [];
    const unknown: string[] = [];
    for (const plan of input.plans) {
      for (const group of plan.groups) {
        const q = qualifies(group, review, input);
        if (q.kind === 'yes') as.push(`${q.via} (${plan.rule.id})`);
        if (q.kind === 'unknown') unknown.push(...q.reasons);
      }
    }
    if ((as.length > 0 || unknown.length > 0) && review.dismissalDisregarded)
      notes.add(
        `@${login} requested changes; the review was dismissed but still blocks: ${review.dismissalDisregarded}.`,
      );
    if (as.length > 0) blockers.push({ login, sha: review.commitId, as: [...new Set(as)].join(', ') });
    else if (unknown.length > 0) {
      blockers.push({
        login,
        sha: review.commitId,
        as: 'a possible designated approver (membership could not be checked)',
      });
      notes.add(
        `@${login} requested changes and their membership could not be checked (${unknown.join('; ')}): treated as blocking.`,
      );
    }
  }
  return blockers.sort((a, b) => (a.login < b.login ? -1 : 1));
}

function unknownTeamProblems(input: EvaluationInput): string[] {
  const problems: string[] = [];
  const checked = new Set<string>();
  const check = (team: string, origin: string, configured: boolean) => {
    const key = team.replace(/^@/, '').toLowerCase();
    if (checked.has(key)) return;
    checked.add(key);
    const exists = input.evidence.teamExists.get(key);
    if (exists?.kind === 'ok' && !exists.value) {
      problems.push(
        configured
          ? `The config names team @${key} (${origin}), which does not exist or the app cannot see it. Fix the config on the base branch.`
          : `Team @${key} (${origin}) does not exist or the app cannot see it, so nobody can approve for it.`,
      );
    }
  };
  for (const t of input.configuredTeams) check(t.name, t.origin, true);
  for (const plan of input.plans)
    for (const group of plan.groups)
      for (const a of group.approvers)
        if (a.kind === 'team') {
          const origin = [...group.origins.values()].find(
            (o) => o.name.replace(/^@/, '').toLowerCase() === a.team,
          );
          check(a.team, origin?.origin ?? 'a rule', origin?.configured ?? false);
        }
  return problems;
}

function changeRecordProblem(contract: string, status: ChangeRecordStatus): string {
  const lead = `Contract ${token(contract)} is finalized and has a breaking change: change control needs a change record (an ADR or change note)`;
  switch (status.kind) {
    case 'not-linked':
      return `${lead} added or edited in this PR and linked from the contract's \`changeRecord\`; the contract links none.`;
    case 'unsafe-path':
      return `${lead}; its \`changeRecord\` ${quoted(status.changeRecord)} is not a repository path (${status.reason}).`;
    case 'not-in-pr':
      return `${lead}; its \`changeRecord\` ${token(status.path)} is not added or edited by this PR.`;
    case 'ok':
      return '';
  }
}

/** Still-needed teams and users, minus the author (GitHub refuses that request). */
function reviewRequests(
  rules: readonly RuleOutcome[],
  input: EvaluationInput,
): { users: string[]; teams: string[] } {
  const users = new Set<string>();
  const teams = new Set<string>();
  const author = input.author.replace(/^@/, '').toLowerCase();
  for (const rule of rules)
    for (const group of rule.groups) {
      if (group.missing === 0) continue;
      for (const a of group.approvers) {
        if (a.kind === 'team') teams.add(a.team);
        else if (a.login !== author && !group.approvedBy.some((x) => x.login === a.login)) users.add(a.login);
      }
    }
  return { users: [...users].sort(), teams: [...teams].sort() };
}

function short(sha: string | null): string {
  return sha ? sha.slice(0, 7) : '(unknown commit)';
}
