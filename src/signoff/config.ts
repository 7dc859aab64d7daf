/**
 * The `signoff` section of `.github/blueprint-review.yml`, read from the pull request's BASE branch,
 * turned into effective rules: the configured (or default) rules plus the built-in ones no config can
 * remove (change control of finalized contracts, and approval of changes to the gate config itself).
 */
import type { ContractStatus } from '../model/types.js';
import { CONTROLLED_STATUSES } from '../model/contract-status.js';
import type { ChangeCategory, OwnerReading, SubjectKind } from './types.js';
import { normalizeLogin } from './types.js';

export const ROLES = ['security', 'integrationPlatform', 'architectureBoard'] as const;
export type Role = (typeof ROLES)[number];

export const OWNER_KINDS = ['consumers', 'contract-owner', 'system-owner'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** A rule as written in the config (already validated by schemas/config.schema.json). */
export interface SignoffRuleConfig {
  id: string;
  description?: string;
  when?: RuleConditions;
  require: {
    teams?: string[];
    users?: string[];
    roles?: Role[];
    ownersOf?: OwnerKind[];
    approvals?: number;
  };
}

export interface RuleConditions {
  categories?: ChangeCategory[];
  breaking?: boolean;
  paths?: string[];
  contractStatus?: ContractStatus[];
  labels?: string[];
  /** Built-in rules only (the config schema has no such key): the kinds of subject a rule applies to. */
  subjects?: SubjectKind[];
}

export interface SignoffSection {
  teams?: Partial<Record<Role, string>>;
  architectureBoardApprovals?: number;
  additions?: { teams?: string[]; users?: string[] };
  allowSelfApproval?: boolean;
  /** Accounts that push whatever anyone who can write asks them to (steerable-accounts.ts). */
  steerableAccounts?: string[];
  includeDefaultRules?: boolean;
  rules?: SignoffRuleConfig[];
}

/** A team or user named somewhere, with where it was named (for "unknown team" messages). */
export interface NamedApprover {
  name: string;
  origin: string;
  /** True when the config file names it explicitly (an unknown one is a config problem). */
  configured: boolean;
  /** An owner a blueprint names: which side of the base branch names it, where they differ. */
  namedBy?: OwnerReading;
}

export interface EffectiveRule {
  id: string;
  description: string;
  origin: 'default' | 'config' | 'built-in';
  when: RuleConditions;
  approvers: NamedApprover[];
  ownersOf: OwnerKind[];
  approvals: number;
  /** Change control: a linked change record must be part of the PR. */
  requiresChangeRecord: boolean;
  /** Set when any one owner of a change may approve it (plan.ts), rather than each owner separately. */
  anyOneOwner?: boolean;
}

/**
 * Who approves what the base names nobody for: an element the PR adds, and a change a rule matched
 * whose owners the base does not name (plan.ts) — so that no change is approved by nobody.
 */
export interface AdditionApprovers {
  approvers: NamedApprover[];
  /** Who they are and that they approve, in words: `the integration platform team approves`. */
  approve: string;
}

export interface EffectiveSignoffConfig {
  rules: EffectiveRule[];
  roleTeams: Record<Role, NamedApprover>;
  /** Who approves systems and contracts the PR adds, and whatever else the base names no owner for. */
  additions: AdditionApprovers;
  allowSelfApproval: boolean;
  /** Accounts whose pushes name nobody responsible, besides the built-in ones (steerable-accounts.ts). */
  steerableAccounts: string[];
  /** Every team the config names explicitly: checked to exist on every evaluation. */
  configuredTeams: NamedApprover[];
}

const DEFAULT_BOARD_APPROVALS = 2;

const DEFAULT_TEAM_SLUGS: Record<Role, string> = {
  security: 'security',
  integrationPlatform: 'integration-platform',
  architectureBoard: 'architecture-board',
};

const ROLE_WORDS: Record<Role, string> = {
  security: 'security team',
  integrationPlatform: 'integration platform team',
  architectureBoard: 'architecture board',
};

export function roleWords(role: Role): string {
  return ROLE_WORDS[role];
}

/** `org` names the default teams (`org/security`, …) when the config does not. */
export function resolveSignoffConfig(
  section: SignoffSection | undefined,
  org: string,
): EffectiveSignoffConfig {
  const s = section ?? {};
  const roleTeams = roleTeamsOf(s, org);
  const boardApprovals = s.architectureBoardApprovals ?? DEFAULT_BOARD_APPROVALS;
  const additions = additionApprovers(s, roleTeams);
  const configRules = (s.rules ?? []).map((r, i) => fromConfig(r, i, roleTeams));
  const useDefaults = s.rules === undefined || s.includeDefaultRules === true;
  const rules = [
    ...(useDefaults ? defaultRules(roleTeams, boardApprovals) : []),
    ...configRules,
    ...builtInRules(roleTeams, boardApprovals),
  ];
  const configuredTeams = dedupeByName(
    [
      ...Object.values(roleTeams).filter((t) => t.configured),
      ...additions.approvers.filter((a) => a.configured),
      ...configRules.flatMap((r) => r.approvers.filter((a) => a.configured)),
    ].filter((a) => a.name.includes('/')),
  );
  return {
    rules,
    roleTeams,
    additions,
    allowSelfApproval: s.allowSelfApproval === true,
    steerableAccounts: s.steerableAccounts ?? [],
    configuredTeams,
  };
}

/** Each role's team: the configured one, or the org's default-named team. */
function roleTeamsOf(s: SignoffSection, org: string): Record<Role, NamedApprover> {
  const roleTeams = {} as Record<Role, NamedApprover>;
  for (const role of ROLES) {
    const configured = s.teams?.[role];
    roleTeams[role] = configured
      ? { name: configured, origin: `signoff.teams.${role}`, configured: true }
      : {
          name: `${org}/${DEFAULT_TEAM_SLUGS[role]}`,
          origin: `the default ${ROLE_WORDS[role]} (set signoff.teams.${role})`,
          configured: false,
        };
  }
  return roleTeams;
}

/** Who approves what the PR adds: the configured teams and users, else the integration platform team. */
function additionApprovers(s: SignoffSection, roleTeams: Record<Role, NamedApprover>): AdditionApprovers {
  const teams = s.additions?.teams ?? [];
  const users = s.additions?.users ?? [];
  if (teams.length === 0 && users.length === 0)
    return {
      approvers: [
        {
          ...roleTeams.integrationPlatform,
          origin: `${roleTeams.integrationPlatform.origin}, approves additions`,
        },
      ],
      approve: `the ${ROLE_WORDS.integrationPlatform} approves`,
    };
  return {
    approvers: [...namedAt(teams, 'signoff.additions.teams'), ...namedAt(users, 'signoff.additions.users')],
    approve: 'the approvers of additions (signoff.additions) approve',
  };
}

/** Approvers the config names in the list at `at`, each with its index. */
function namedAt(names: readonly string[], at: string): NamedApprover[] {
  return names.map((name, i) => ({ name, origin: `${at}[${i}]`, configured: true }));
}

function fromConfig(
  rule: SignoffRuleConfig,
  index: number,
  roleTeams: Record<Role, NamedApprover>,
): EffectiveRule {
  const at = `signoff.rules[${index}] (${rule.id})`;
  const req = rule.require;
  return {
    id: rule.id,
    description: rule.description ?? `Rule ${rule.id} from the config`,
    origin: 'config',
    when: rule.when ?? {},
    approvers: [
      ...namedAt(req.teams ?? [], `${at} require.teams`),
      ...namedAt(req.users ?? [], `${at} require.users`),
      ...(req.roles ?? []).map((role) => roleTeams[role]),
    ],
    ownersOf: req.ownersOf ?? [],
    approvals: req.approvals ?? 1,
    requiresChangeRecord: false,
  };
}

function defaultRules(roleTeams: Record<Role, NamedApprover>, boardApprovals: number): EffectiveRule[] {
  const rule = (
    r: Omit<EffectiveRule, 'origin' | 'requiresChangeRecord' | 'approvals'> & { approvals?: number },
  ) => ({
    origin: 'default' as const,
    requiresChangeRecord: false,
    approvals: 1,
    ...r,
  });
  return [
    rule({
      id: 'contract-owner',
      description: "A contract's owner approves every change to it",
      when: { categories: ['contract'] },
      approvers: [],
      ownersOf: ['contract-owner'],
    }),
    rule({
      id: 'consumers-approve-breaking-changes',
      description: 'The owners of every consuming system approve a breaking contract change',
      when: { categories: ['breaking'] },
      approvers: [],
      ownersOf: ['consumers'],
    }),
    rule({
      id: 'owners-approve-ownership-changes',
      description: 'The current owner approves handing a system or contract to someone else',
      when: { categories: ['ownership'] },
      approvers: [],
      ownersOf: ['contract-owner', 'system-owner'],
    }),
    rule({
      id: 'security-review',
      description:
        'The security team approves changes to security policies, auth, data classification, masking and audit',
      when: { categories: ['security'] },
      approvers: [roleTeams.security],
      ownersOf: [],
    }),
    rule({
      id: 'integration-platform-review',
      description: 'The integration platform team approves topology changes (systems, components, flows)',
      when: { categories: ['topology'] },
      approvers: [roleTeams.integrationPlatform],
      ownersOf: [],
    }),
    // Every status under change control, not `finalized` alone: the board signs a contract's deprecation
    // (a lowering from finalized), and its removal — the sunset that deprecation announced — or any break
    // before it takes back the rest of the promise, or a deprecation would open the contract to breaking
    // changes the board never sees. The id stays as users' checks and configs know it.
    rule({
      id: 'architecture-board-finalized-breaking',
      description:
        'The architecture board approves a breaking change to a contract under change control (finalized or deprecated)',
      when: { categories: ['breaking'], contractStatus: [...CONTROLLED_STATUSES] },
      approvers: [roleTeams.architectureBoard],
      ownersOf: [],
      approvals: boardApprovals,
    }),
    // Without it a weakened error handling, a swapped decision record, a dropped requirement or a file
    // no element claims matched no default rule: the author merged it with nobody's approval.
    rule({
      id: 'owners-approve-other-changes',
      description:
        'An owner of what it touches approves a change to error handling, a decision, a requirement or any other blueprint file (nobody owns it: the approvers of additions)',
      when: { categories: ['error-handling', 'decision', 'requirements', 'other'] },
      approvers: [],
      ownersOf: ['system-owner'],
      anyOneOwner: true,
    }),
  ];
}

/** Rules that hold whatever the config says: the invariants of the gate. */
function builtInRules(roleTeams: Record<Role, NamedApprover>, boardApprovals: number): EffectiveRule[] {
  return [
    {
      id: 'change-control',
      description:
        'A breaking change to a finalized or deprecated contract (lowering its status included) needs a change record in the PR, linked from the contract, and its consumers’ approval',
      origin: 'built-in',
      when: { categories: ['breaking'], contractStatus: [...CONTROLLED_STATUSES] },
      approvers: [],
      ownersOf: ['consumers'],
      approvals: 1,
      requiresChangeRecord: true,
    },
    {
      id: 'consumers-approve-release',
      description:
        'A consumer a PR takes off a finalized or deprecated contract approves its release (else the next PR breaks the contract without it)',
      origin: 'built-in',
      when: { subjects: ['contract-consumers'], contractStatus: [...CONTROLLED_STATUSES] },
      approvers: [],
      ownersOf: ['consumers'],
      approvals: 1,
      requiresChangeRecord: false,
    },
    {
      id: 'gate-config-change',
      description: "A change to the gate's own config needs the config's approvers (the architecture board)",
      origin: 'built-in',
      when: { categories: ['config'] },
      approvers: [roleTeams.architectureBoard],
      ownersOf: [],
      approvals: boardApprovals,
      requiresChangeRecord: false,
    },
  ];
}

function dedupeByName(list: NamedApprover[]): NamedApprover[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = normalizeLogin(a.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
