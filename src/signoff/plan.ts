/**
 * Which rules apply to a change set, and which approver groups each one needs. Owners come from the
 * change set (resolved at the base); an element without a base owner falls to the approvers of
 * additions, so a PR never names its own approvers.
 */
import { globMatcher } from '../core/safe-glob.js';
import type { EffectiveRule, EffectiveSignoffConfig, NamedApprover, OwnerKind } from './config.js';
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
    for (const change of because) {
      if (rule.anyOneOwner) for (const group of anyOneOwnerGroups(rule, change, rule.anyOneOwner)) add(group);
      else
        for (const kind of rule.ownersOf)
          for (const ref of ownersOf(change, kind))
            add(ownerGroup(ref, change, rule.approvals, config.additions));
    }
    const changeRecords = rule.requiresChangeRecord
      ? because.map((change) => ({
          change,
          status: change.changeRecord ?? ({ kind: 'not-linked' } as const),
        }))
      : [];
    plans.push({ rule, because, groups: [...groups.values()], changeRecords });
  }
  return plans;
}

function matches(rule: EffectiveRule, change: Change, labels: readonly string[]): boolean {
  const when = rule.when;
  if (when.categories && !when.categories.some((c) => change.categories.includes(c))) return false;
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

function ownerGroup(
  ref: OwnerRef,
  change: Change,
  needed: number,
  additions: NamedApprover[],
): ApproverGroup {
  const reason = `${ref.role} — ${change.summary}`;
  if (ref.owner === undefined)
    return groupOf(additions, needed, [
      `${reason}; no owner at the base, so the approvers of additions decide`,
    ]);
  return groupOf(
    [{ name: ref.owner, origin: `the base blueprint's owner of ${ref.role}`, configured: false }],
    needed,
    [reason],
  );
}

/**
 * One approval from any one owner of what the change touches as the merge base names them, and one from
 * any one the base branch's tip names besides (as for every owner: an old merge base must not pick who
 * approves). When neither names anybody, `whenNone` approves: a change is never approved by nobody.
 */
function anyOneOwnerGroups(
  rule: EffectiveRule,
  change: Change,
  { whenNone, because }: { whenNone: NamedApprover; because: string },
): ApproverGroup[] {
  const refs = rule.ownersOf.flatMap((kind) => ownersOf(change, kind));
  const groups: ApproverGroup[] = [];
  for (const current of [false, true]) {
    const owned = refs.filter((ref) => ref.owner !== undefined && (ref.current === true) === current);
    if (owned.length === 0) continue;
    const named = owned.map((ref) => ({
      name: ref.owner!,
      origin: `the base blueprint's owner of ${ref.role}`,
      configured: false,
    }));
    groups.push(groupOf(named, rule.approvals, [`${rolesOf(owned)} — ${change.summary}`]));
  }
  if (groups.length > 0) return groups;
  const unowned = refs.length > 0 ? `${rolesOf(refs)} — ` : '';
  return [groupOf([whenNone], rule.approvals, [`${unowned}${change.summary}; ${because}`])];
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
