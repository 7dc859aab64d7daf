/**
 * Problems the evaluation itself finds, which no approval can fix: a team that cannot own content here
 * (no access, read only, secret, no such team, or one the app cannot see), and a finalized
 * contract's breaking change without its change record.
 */
import { quoted, token } from '../core/inert-text.js';
import type { EvaluationInput } from './evaluate.js';
import { teamAccessOf } from './evidence.js';
import type { ChangeRecordStatus, OwnerReading } from './types.js';
import { normalizeLogin } from './types.js';

/**
 * Each team named (by the config, or by a rule that applies) that GitHub says cannot write to the
 * repository: once. A team is named by its slug, and a renamed team leaves its old slug free for
 * anyone allowed to create teams; only a team the repository was given to is the team meant, and, as
 * GitHub's CODEOWNERS takes it, only one given write access (push, maintain or admin) is an owner.
 */
export function teamWithoutAccessProblems(input: EvaluationInput): string[] {
  const problems: string[] = [];
  for (const [team, naming] of teamsNamed(input)) {
    const access = teamAccessOf(input.evidence, team);
    if (access?.kind !== 'ok' || access.value === 'write') continue;
    const why =
      organizationOf(team) !== input.org.toLowerCase()
        ? otherOrganization(input.org)
        : access.value === 'read-only'
          ? READ_ONLY
          : access.value === 'secret'
            ? SECRET
            : NO_ACCESS;
    problems.push(teamProblem(team, naming, why));
  }
  return problems;
}

/**
 * How a team is named: where first, and whether only by a merge base older than the base branch's tip
 * (`replacedBy`: whom the tip names instead, none where the tip dropped it). A team the config, a rule
 * or the tip names anywhere is not outdated: updating the branch would still ask it.
 */
interface TeamNaming {
  origin: string;
  configured: boolean;
  replacedBy: string[] | undefined;
}

/** Every team the config and the applying rules name, keyed as the gate compares them. */
function teamsNamed(input: EvaluationInput): Map<string, TeamNaming> {
  const named = new Map<string, TeamNaming>();
  const add = (team: string, origin: string, configured: boolean, namedBy: OwnerReading | undefined) => {
    const key = normalizeLogin(team);
    const replacedBy = namedBy?.kind === 'merge-base' ? namedBy.replacedBy : undefined;
    const seen = named.get(key);
    if (!seen) named.set(key, { origin, configured, replacedBy });
    else if (seen.replacedBy)
      seen.replacedBy = replacedBy && [...new Set([...seen.replacedBy, ...replacedBy])];
  };
  for (const t of input.configuredTeams) add(t.name, t.origin, true, undefined);
  for (const plan of input.plans)
    for (const group of plan.groups)
      for (const a of group.approvers)
        if (a.kind === 'team') {
          const origin = [...group.origins.values()].find((o) => normalizeLogin(o.name) === a.team);
          add(a.team, origin?.origin ?? 'a rule', origin?.configured ?? false, origin?.namedBy);
        }
  return named;
}

/** Why a team cannot own content here: the state, and the fix where the base branch names the team. */
interface NoOwnerWhy {
  /** After "team @x (origin)": what GitHub says of it. */
  state: string;
  /** The fix on the team's side, a clause (the config or the blueprint's fix follows it); none if there is none. */
  fix: string | undefined;
  /** What the blueprint should name instead, after "name". */
  instead: string;
}

const NO_ACCESS: NoOwnerWhy = {
  state: 'has no access to this repository (or does not exist)',
  fix: "A team counts only if it can write to the repository, since a new team can take a renamed team's old name: grant the team write access to this repository",
  instead: 'a team that can write to it',
};

/**
 * A team given read (or triage) only: GitHub's CODEOWNERS ignores a team that cannot write, so a team
 * the repository's admins did not trust with its content owns none of it here either.
 */
const READ_ONLY: NoOwnerWhy = {
  state: 'can only read this repository',
  fix: 'A team counts only if it can write to the repository, as for CODEOWNERS: give the team write access to this repository',
  instead: 'a team that can write to it',
};

/**
 * A secret team: GitHub's CODEOWNERS ignores a team that is not visible (a secret team is seen only by
 * its members and the organization's owners), so it owns nothing here either, whatever it can write.
 */
const SECRET: NoOwnerWhy = {
  state: 'is secret',
  fix: 'A team counts only if it is visible, as for CODEOWNERS: make the team visible in its settings',
  instead: 'a visible team that can write to the repository',
};

/**
 * A team of an organization other than the repository's: GitHub shows the app the teams of the
 * organization it is installed on only (as CODEOWNERS takes only the repository's organization's
 * teams), so whoever belongs to it, nobody can be counted for it — and a re-run changes nothing.
 */
function otherOrganization(org: string): NoOwnerWhy {
  return {
    state: `is not a team of ${org}, the organization that owns this repository: the app can see and count only the teams of ${org}`,
    fix: undefined,
    instead: `a team of ${org}`,
  };
}

function teamProblem(team: string, naming: TeamNaming, why: NoOwnerWhy): string {
  const { origin, configured, replacedBy } = naming;
  if (configured) {
    const lead = `The config names team @${team} (${origin}), which ${why.state}`;
    return why.fix
      ? `${lead}, so nobody can approve for it. ${why.fix}, or fix the config on the base branch.`
      : `${lead}. Fix the config on the base branch.`;
  }
  const lead = `Team @${team} (${origin}) ${why.state}, so nobody can approve for it.`;
  if (replacedBy) return `${lead} ${outdatedMergeBaseFix(replacedBy)}`;
  return why.fix ? `${lead} ${why.fix}, or name ${why.instead} on the base branch.` : lead;
}

/**
 * The fix for a team only the pull request's merge base names: the branch started from an older commit
 * of its base, whose tip names another owner for the same thing now (`replacedBy`), or none (it dropped
 * it). Updating the branch moves the merge base to the tip, which asks those it names and not the team.
 */
function outdatedMergeBaseFix(replacedBy: readonly string[]): string {
  const started =
    "this pull request's branch started from an older commit of the base branch. Update the branch from its base (merge or rebase)";
  if (replacedBy.length === 0)
    return `The base branch no longer names it here: its tip names no owner in its place, and ${started}, and the gate no longer asks it.`;
  const names = replacedBy.map((name) => `@${name.replace(/^@/, '')}`).join(' and ');
  return `The base branch no longer names it here: its tip names ${names} instead, and ${started}, and the gate asks ${names} instead.`;
}

function organizationOf(team: string): string {
  return team.slice(0, Math.max(0, team.indexOf('/')));
}

/** `contractStatus`: the contract's status on the base branch (finalized or deprecated). */
export function changeRecordProblem(
  contract: string,
  contractStatus: string | undefined,
  status: ChangeRecordStatus,
): string {
  const is = `Contract ${token(contract)} is ${token(contractStatus ?? 'finalized')}`;
  const lead = `${is} and has a breaking change: change control needs a change record (an ADR or change note)`;
  switch (status.kind) {
    case 'not-linked':
      return status.removal
        ? `${is} and is removed: change control needs a change record (an ADR or change note) added or edited in this PR and linked from the contract's \`changeRecord\` on the base branch; its entry there links none. Link one from it in a pull request of its own first, then edit it here to say why the contract goes.`
        : `${lead} added or edited in this PR and linked from the contract's \`changeRecord\`; the contract links none.`;
    case 'unsafe-path':
      return `${lead}; its \`changeRecord\` ${quoted(status.changeRecord)} is not a repository path (${status.reason}).`;
    case 'not-in-pr':
      return `${lead}; its \`changeRecord\` ${token(status.path)} is not added or edited by this PR.`;
    case 'ok':
      return '';
  }
}
