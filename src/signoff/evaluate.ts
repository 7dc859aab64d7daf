/**
 * The gate's decision, a pure function of the plan and the evidence. It fails closed: any problem is
 * `failure`, a change request from a designated approver is `failure`, a missing approval is
 * `action_required`, and only a complete, verified set of approvals is `success`.
 */
import { fingerprintNotes, groupOutcome, uncountedApprovalNotes } from './approvals.js';
import { findBlockers } from './blockers.js';
import { unreachableCountProblems } from './capacity.js';
import type { Evidence } from './evidence.js';
import { teamCanOwn } from './evidence.js';
import { changeRecordProblem, teamWithoutAccessProblems } from './gate-problems.js';
import type { RulePlan } from './plan.js';
import type { Approver, ChangeRecordStatus, Review } from './types.js';
import { normalizeLogin } from './types.js';

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

/**
 * A designated approver whose latest review blocks, and how: they requested changes, their review was
 * dismissed and GitHub does not say what it was, or it has a state the gate does not know (either may
 * have requested changes).
 */
export type Blocker = BlockingReview & HowItBlocks;

/** How a blocker's review blocks (`state`: GitHub's, as given). */
export type HowItBlocks =
  | { kind: 'changes-requested' }
  | { kind: 'dismissal-unexplained' }
  | { kind: 'unknown-state'; state: string };

interface BlockingReview {
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
  /** What the check tells besides, found before evaluation (a label taken off that still stands). */
  notes?: readonly string[];
  /** Teams the config names explicitly: an unknown one is a config problem. */
  configuredTeams: readonly { name: string; origin: string }[];
  /** The organization (or user) that owns the repository: only its teams can approve. */
  org: string;
  /**
   * When the pull request's base branch was last changed (ISO time), if ever. An approval given
   * before judged the change against another base: as GitHub's own required reviews take it ("The
   * base branch was changed"), it no longer counts, and its reviewer is asked again.
   */
  retargetedAt?: string;
}

export function evaluate(input: EvaluationInput): GateDecision {
  const problems = [...input.problems, ...teamWithoutAccessProblems(input)];
  const notes = new Set<string>([...(input.notes ?? []), ...fingerprintNotes(input)]);
  const invalidated = new Map<string, string>();
  const rules = input.plans.map((plan) => ruleOutcome(plan, input, { problems, notes, invalidated }));
  problems.push(...unreachableCountProblems(input, rules));
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

/** One rule: its approver groups, counted, and its change records (each one not ok is a problem). */
function ruleOutcome(plan: RulePlan, input: EvaluationInput, findings: Findings): RuleOutcome {
  const groups = plan.groups.map((group) => groupOutcome(group, input, findings.notes, findings.invalidated));
  const changeRecords = plan.changeRecords.map(({ change, status }) => {
    if (status.kind !== 'ok')
      findings.problems.push(changeRecordProblem(change.subject.id, change.contractStatus, status));
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

/** Fail closed: any problem or blocker fails; only every rule satisfied passes. */
function gateState(
  problems: readonly string[],
  blockers: readonly Blocker[],
  rules: readonly RuleOutcome[],
): GateState {
  if (problems.length > 0 || blockers.length > 0) return 'failure';
  return rules.every((r) => r.satisfied) ? 'success' : 'action_required';
}

/** Still-needed teams and users, minus the author (GitHub refuses that request). */
function reviewRequests(
  rules: readonly RuleOutcome[],
  input: EvaluationInput,
): { users: string[]; teams: string[] } {
  const users = new Set<string>();
  const teams = new Set<string>();
  const author = normalizeLogin(input.author);
  for (const rule of rules)
    for (const group of rule.groups) {
      if (group.missing === 0) continue;
      for (const a of group.approvers) {
        if (a.kind === 'team') {
          // A team without access to the repository may be one that took a renamed team's old name:
          // asking it would notify whoever made it (GitHub refuses the request anyway); a team that
          // can only read cannot approve for the gate, so asking it would only mislead.
          const access = teamCanOwn(input.evidence, a.team);
          if (access?.kind === 'ok' && access.value) teams.add(a.team);
        } else if (a.login !== author && !group.approvedBy.some((x) => x.login === a.login))
          users.add(a.login);
      }
    }
  return { users: [...users].sort(), teams: [...teams].sort() };
}
