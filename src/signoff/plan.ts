/**
 * Which rules apply to a change set, and which approver groups each one needs. Owners come from the
 * change set (resolved at the base); what the base names no owner for falls to the approvers of
 * additions, so a PR never names its own approvers and a matched rule never asks nobody.
 */
import { globMatcher } from '../core/safe-glob.js';
import type {
  AdditionApprovers,
  EffectiveRule,
  EffectiveSignoffConfig,
  NamedApprover,
  OwnerKind,
} from './config.js';
import type { Approver, Change, ChangeRecordStatus, OwnerRef } from './types.js';
import { approverFromOwner, approverKey, approverLabel } from './types.js';

export interface ApproverGroup {
  key: string;
  /** Who may approve: any one of these (a team's members, or a user). */
  approvers: Approver[];
  /** Where each team or user was named, for "unknown team" messages. */
  origins: Map<string, NamedApprover>;
  needed: number;
  /** Why this group must approve, in words. */
  reasons: string[];
}

export interface RulePlan {
  rule: EffectiveRule;
  because: Change[];
  groups: ApproverGroup[];
  changeRecords: { change: Change; status: ChangeRecordStatus }[];
}

export function planRules(
  config: EffectiveSignoffConfig,
  changes: readonly Change[],
  labels: readonly string[],
): RulePlan[] {
  const plans: RulePlan[] = [];
  for (const rule of config.rules) {
    const because = changes.filter((c) => matches(rule, c, labels));
    if (because.length === 0) continue;
    const groups = new Map<string, ApproverGroup>();
    const add = (group: ApproverGroup) => {
      const existing = groups.get(group.key);
      if (!existing) groups.set(group.key, group);
      else for (const r of group.reasons) if (!existing.reasons.includes(r)) existing.reasons.push(r);
    };
    if (rule.approvers.length > 0) {
      add(
        groupOf(
          rule.approvers,
          rule.approvals,
          because.map((c) => c.summary),
        ),
      );
    }
    for (const change of because) for (const group of ownerGroups(rule, change, config.additions)) add(group);
    const changeRecords = rule.requiresChangeRecord
      ? because.map((change) => ({
          change,
          status: change.changeRecord ?? ({ kind: 'not-linked', removal: false } as const),
        }))
      : [];
    plans.push({ rule, because, groups: [...groups.values()], changeRecords });
  }
  return plans;
}

function matches(rule: EffectiveRule, change: Change, labels: readonly string[]): boolean {
  const when = rule.when;
  if (when.categories && !when.categories.some((c) => change.categories.includes(c))) return false;
  if (when.subjects && !when.subjects.includes(change.subject.kind)) return false;
  if (when.breaking !== undefined && change.breaking !== when.breaking) return false;
  if (when.contractStatus && (!change.contractStatus || !when.contractStatus.includes(change.contractStatus)))
    return false;
  if (when.paths) {
    const isMatch = globMatcher(when.paths, { dot: true });
    if (!change.paths.some((p) => isMatch(p))) return false;
  }
  if (when.labels && !when.labels.some((l) => labels.some((x) => x.toLowerCase() === l.toLowerCase())))
    return false;
  return true;
}

function ownersOf(change: Change, kind: OwnerKind): OwnerRef[] {
  switch (kind) {
    case 'consumers':
      return change.owners.consumers ?? [];
    case 'contract-owner':
      return change.owners.contract ?? [];
    case 'system-owner':
      return change.owners.systems ?? [];
  }
}

/**
 * The groups of the owners a rule asks for a change, as the base names them. Where the base names none —
 * an element without an owner, a contract nobody consumes, a policy no flow uses, a rule that names
 * nobody at all — the approvers of additions approve: a change a rule matched is never approved by
 * nobody, and a pull request never names its own approvers.
 */
function ownerGroups(rule: EffectiveRule, change: Change, additions: AdditionApprovers): ApproverGroup[] {
  const nobodyNamed = (why: string) =>
    groupOf(additions.approvers, rule.approvals, [`${why}, so ${additions.approve}`]);
  const refs = rule.ownersOf.flatMap((kind) => ownersOf(change, kind));
  const owned = refs.filter((ref) => ref.owner !== undefined);
  const groups = rule.anyOneOwner
    ? anyOneOwnerGroups(owned, change, rule.approvals)
    : owned.map((ref) => ownerGroup(ref, change, rule.approvals));
  // Any one owner approves for all: the unowned matter only when nobody is owned.
  const unowned = rule.anyOneOwner && groups.length > 0 ? [] : refs.filter((ref) => ref.owner === undefined);
  if (unowned.length > 0)
    return [...groups, nobodyNamed(`${rolesOf(unowned)} — ${change.summary}; the base names no owner`)];
  if (groups.length > 0 || rule.approvers.length > 0) return groups;
  const unnamed =
    rule.ownersOf.length > 0
      ? `the base names no ${rule.ownersOf.map((kind) => OWNER_KIND_WORDS[kind]).join(' or ')}`
      : 'the rule names no approver';
  return [nobodyNamed(`${change.summary}; ${unnamed}`)];
}

const OWNER_KIND_WORDS: Record<OwnerKind, string> = {
  consumers: 'consumer',
  'contract-owner': 'contract owner',
  'system-owner': 'system owner',
};

function ownerGroup(ref: OwnerRef, change: Change, needed: number): ApproverGroup {
  return groupOf([namedOwner(ref)], needed, [`${ref.role} — ${change.summary}`]);
}

/** An owner as a named approver: where the base blueprint names it, and on which side of the base branch. */
function namedOwner(ref: OwnerRef): NamedApprover {
  return {
    name: ref.owner!,
    origin: `the base blueprint's owner of ${ref.role}`,
    configured: false,
    ...(ref.namedBy ? { namedBy: ref.namedBy } : {}),
  };
}

/**
 * One approval from any one owner of what the change touches as the merge base names them, and one from
 * any one the base branch's tip names besides (as for every owner: an old merge base must not pick who
 * approves).
 */
function anyOneOwnerGroups(owned: readonly OwnerRef[], change: Change, needed: number): ApproverGroup[] {
  const groups: ApproverGroup[] = [];
  for (const current of [false, true]) {
    const named = owned.filter((ref) => (ref.namedBy?.kind === 'tip') === current);
    if (named.length === 0) continue;
    groups.push(groupOf(named.map(namedOwner), needed, [`${rolesOf(named)} — ${change.summary}`]));
  }
  return groups;
}

function rolesOf(refs: readonly OwnerRef[]): string {
  return [...new Set(refs.map((ref) => ref.role))].join(', ');
}

function groupOf(named: NamedApprover[], needed: number, reasons: string[]): ApproverGroup {
  const origins = new Map<string, NamedApprover>();
  const approvers: Approver[] = [];
  for (const n of named) {
    const approver = approverFromOwner(n.name);
    const key = approverKey(approver);
    if (origins.has(key)) continue;
    origins.set(key, n);
    approvers.push(approver);
  }
  approvers.sort((a, b) => (approverKey(a) < approverKey(b) ? -1 : 1));
  return {
    key: `${approvers.map(approverKey).join(',')}#${needed}`,
    approvers,
    origins,
    needed,
    reasons: [...reasons],
  };
}

export function groupLabel(group: ApproverGroup): string {
  return group.approvers.map(approverLabel).join(' or ');
}
