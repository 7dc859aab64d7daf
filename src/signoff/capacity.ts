/**
 * Whether a group still short of approvals can reach its count at all. A rule asking three approvals of
 * a team of two, or of the approvers of additions when the author is their only member, would otherwise
 * wait "for approval" forever, asking people who cannot make up the count. Who can give an approval
 * that counts: a user the group names, or an active member of a team it names that can own content
 * here — not someone who wrote or pushed the change (unless self-approval is allowed), not a named user
 * without write access. When that is fewer than the count, the check fails saying so; when any of it
 * could not be looked up, nothing is claimed (the group, short, keeps the gate from passing anyway).
 */
import { token } from '../core/inert-text.js';
import type { EvaluationInput, RuleOutcome } from './evaluate.js';
import { teamCanOwn } from './evidence.js';
import type { EffectiveRule } from './config.js';
import type { ApproverGroup, RulePlan } from './plan.js';
import { groupLabel } from './plan.js';
import { contributorRole } from './reviews.js';
import type { Approver } from './types.js';
import { isBotAccount } from './types.js';

/**
 * Everyone who can approve for a group, those it names who cannot (login → why), and the teams it names
 * that could own content here but have no member — or unknown.
 */
type Capacity = KnownCapacity | { kind: 'unknown' };
interface KnownCapacity {
  kind: 'known';
  can: Set<string>;
  cannot: Map<string, string>;
  empty: string[];
}

/** The groups, across the rules, that have fewer approvals than they need (each once). */
export function groupsStillShort(plans: readonly RulePlan[], rules: readonly RuleOutcome[]): ApproverGroup[] {
  const short = new Map<string, ApproverGroup>();
  plans.forEach((plan, i) =>
    plan.groups.forEach((group, j) => {
      if ((rules[i]?.groups[j]?.missing ?? 0) > 0) short.set(group.key, group);
    }),
  );
  return [...short.values()];
}

/** One problem per group that can never give what it needs, naming the rules that ask it. */
export function unreachableCountProblems(input: EvaluationInput, rules: readonly RuleOutcome[]): string[] {
  const asking = new Map<string, { group: ApproverGroup; rules: EffectiveRule[] }>();
  input.plans.forEach((plan, i) =>
    plan.groups.forEach((group, j) => {
      if ((rules[i]?.groups[j]?.missing ?? 0) === 0) return;
      const entry = asking.get(group.key) ?? { group, rules: [] };
      entry.rules.push(plan.rule);
      asking.set(group.key, entry);
    }),
  );
  const problems: string[] = [];
  for (const { group, rules: asked } of asking.values()) {
    const capacity = capacityOf(group, input);
    if (capacity.kind === 'unknown' || capacity.can.size >= group.needed) continue;
    // A group of teams none of which can own content here is said already (gate-problems.ts); a team
    // that can, but has no member, is not: asking it would wait for nobody.
    if (
      capacity.can.size === 0 &&
      capacity.cannot.size === 0 &&
      capacity.empty.length === 0 &&
      group.approvers.every((a) => a.kind === 'team')
    )
      continue;
    problems.push(unreachableProblem(group, asked, capacity));
  }
  return problems;
}

function capacityOf(group: ApproverGroup, input: EvaluationInput): Capacity {
  const can = new Set<string>();
  const cannot = new Map<string, string>();
  const empty: string[] = [];
  /** Whether `login` (account `id`) may approve at all, saying why not. */
  const consider = (login: string, id: number | undefined, writes: boolean | undefined): boolean => {
    const role = input.allowSelfApproval ? undefined : contributorRole(input.contributors, login, id);
    if (role !== undefined) cannot.set(login, `@${login} is ${role}`);
    else if (writes === false) cannot.set(login, `@${login} has no write access to the repository`);
    else if (writes === true) can.add(login);
    return writes !== undefined || role !== undefined;
  };
  for (const approver of group.approvers) {
    const members = membersOf(approver, input, consider);
    if (members === 'unknown') return { kind: 'unknown' };
    if (members === 0 && approver.kind === 'team') empty.push(approver.team);
  }
  for (const login of can) cannot.delete(login);
  return { kind: 'known', can, cannot, empty };
}

/**
 * Considers who can approve as `approver`: how many people it stands for (a team that cannot own
 * content here stands for nobody it could ask, and is said elsewhere: undefined), or `unknown` when a
 * lookup failed. A team that can write gives its members write access; a named user's is looked up (a
 * bot's is not: naming it is the config's trust, approvals.ts).
 */
function membersOf(
  approver: Approver,
  input: EvaluationInput,
  consider: (login: string, id: number | undefined, writes: boolean | undefined) => boolean,
): number | undefined | 'unknown' {
  const known = (considered: boolean) => (considered ? 1 : 'unknown');
  if (approver.kind === 'user') {
    if (isBotAccount(approver.login, undefined)) return known(consider(approver.login, undefined, true));
    const write = input.evidence.writeAccess.get(approver.login);
    return known(consider(approver.login, undefined, write?.kind === 'ok' ? write.value : undefined));
  }
  const access = teamCanOwn(input.evidence, approver.team);
  if (access?.kind !== 'ok') return 'unknown';
  if (!access.value) return undefined;
  const members = input.evidence.teamMembers.get(approver.team);
  if (members?.kind !== 'ok') return 'unknown';
  for (const m of members.value) consider(m.login.toLowerCase(), m.id, true);
  return members.value.length;
}

/** Who the group is, how many it needs and can give, who of those it names cannot, and what to do. */
function unreachableProblem(
  group: ApproverGroup,
  rules: readonly EffectiveRule[],
  capacity: KnownCapacity,
): string {
  const needed = `${group.needed} approval${group.needed === 1 ? '' : 's'}`;
  const ids = rules.map((rule) => token(rule.id));
  const asks = ids.length === 1 ? `rule ${ids[0]} asks` : `rules ${ids.join(', ')} ask`;
  const can = [...capacity.can].sort();
  const who = can.length === 0 ? 'nobody' : `only ${can.length} ${can.length === 1 ? 'person' : 'people'}`;
  const named = [
    ...(can.length > 0 ? [can.map((login) => `@${login}`).join(', ')] : []),
    ...capacity.empty.map((team) => `@${team} has no members`),
    ...[...capacity.cannot.values()].sort().slice(0, MAX_NAMED_CANNOT),
  ];
  const more = capacity.cannot.size - MAX_NAMED_CANNOT;
  const listed =
    named.length > 0 ? ` (${named.join('; ')}${more > 0 ? `; and ${more} more who cannot` : ''})` : '';
  return `${groupLabel(group)} can never give the ${needed} ${asks} of it: ${who} can approve for it${listed}. An admin can ${adminFixes(group, rules, can.length)}; until then this check fails.`;
}

/**
 * What an admin can change on the base branch: the team, the approvers named, or (when some can
 * approve) the count — a config rule's `require.approvals`, or the board's for the rules that ask it.
 */
function adminFixes(group: ApproverGroup, rules: readonly EffectiveRule[], can: number): string {
  const fixes = [
    ...(group.approvers.some((a) => a.kind === 'team')
      ? ['add people who can write to the repository to the team']
      : []),
    'name more approvers on the base branch',
  ];
  if (can > 0 && group.needed > 1) {
    const knob = rules.some((rule) => rule.origin === 'config')
      ? 'require.approvals'
      : 'signoff.architectureBoardApprovals';
    fixes.push(`ask fewer approvals there (${knob})`);
  }
  return fixes.length === 1 ? fixes[0]! : `${fixes.slice(0, -1).join(', ')} or ${fixes.at(-1)!}`;
}

/** Of those a group names who cannot approve, how many the check names (a team can be large). */
const MAX_NAMED_CANNOT = 5;
