/**
 * Problems the evaluation itself finds, which no approval can fix: a team that cannot own content here
 * (no access, read only, secret, no such team, or one the app cannot see), and a finalized
 * contract's breaking change without its change record.
 */
import { quoted, token } from '../core/inert-text.js';
import type { EvaluationInput } from './evaluate.js';
import { teamAccessOf } from './evidence.js';
import type { ChangeRecordStatus } from './types.js';
import { normalizeLogin } from './types.js';

/**
 * Each team named (by the config, or by a rule that applies) that GitHub says cannot write to the
 * repository: once. A team is named by its slug, and a renamed team leaves its old slug free for
 * anyone allowed to create teams; only a team the repository was given to is the team meant, and, as
 * GitHub's CODEOWNERS takes it, only one given write access (push, maintain or admin) is an owner.
 */
export function teamWithoutAccessProblems(input: EvaluationInput): string[] {
  const problems: string[] = [];
  const checked = new Set<string>();
  const check = (team: string, origin: string, configured: boolean) => {
    const key = normalizeLogin(team);
    if (checked.has(key)) return;
    checked.add(key);
    const access = teamAccessOf(input.evidence, key);
    if (access?.kind !== 'ok' || access.value === 'write') return;
    problems.push(
      organizationOf(key) !== input.org.toLowerCase()
        ? otherOrganizationProblem(key, origin, configured, input.org)
        : access.value === 'read-only'
          ? readOnlyProblem(key, origin, configured)
          : access.value === 'secret'
            ? secretProblem(key, origin, configured)
            : noAccessProblem(key, origin, configured),
    );
  };
  for (const t of input.configuredTeams) check(t.name, t.origin, true);
  for (const plan of input.plans)
    for (const group of plan.groups)
      for (const a of group.approvers)
        if (a.kind === 'team') {
          const origin = [...group.origins.values()].find((o) => normalizeLogin(o.name) === a.team);
          check(a.team, origin?.origin ?? 'a rule', origin?.configured ?? false);
        }
  return problems;
}

function noAccessProblem(team: string, origin: string, configured: boolean): string {
  const fix =
    "A team counts only if it can write to the repository, since a new team can take a renamed team's old name: grant the team write access to this repository";
  return configured
    ? `The config names team @${team} (${origin}), which has no access to this repository (or does not exist), so nobody can approve for it. ${fix}, or fix the config on the base branch.`
    : `Team @${team} (${origin}) has no access to this repository (or does not exist), so nobody can approve for it. ${fix}, or name a team that can write to it on the base branch.`;
}

/**
 * A team given read (or triage) only: GitHub's CODEOWNERS ignores a team that cannot write, so a team
 * the repository's admins did not trust with its content owns none of it here either.
 */
function readOnlyProblem(team: string, origin: string, configured: boolean): string {
  const fix =
    'A team counts only if it can write to the repository, as for CODEOWNERS: give the team write access to this repository';
  return configured
    ? `The config names team @${team} (${origin}), which can only read this repository, so nobody can approve for it. ${fix}, or fix the config on the base branch.`
    : `Team @${team} (${origin}) can only read this repository, so nobody can approve for it. ${fix}, or name a team that can write to it on the base branch.`;
}

/**
 * A secret team: GitHub's CODEOWNERS ignores a team that is not visible (a secret team is seen only by
 * its members and the organization's owners), so it owns nothing here either, whatever it can write.
 */
function secretProblem(team: string, origin: string, configured: boolean): string {
  const fix = 'A team counts only if it is visible, as for CODEOWNERS: make the team visible in its settings';
  return configured
    ? `The config names team @${team} (${origin}), which is secret, so nobody can approve for it. ${fix}, or fix the config on the base branch.`
    : `Team @${team} (${origin}) is secret, so nobody can approve for it. ${fix}, or name a visible team that can write to the repository on the base branch.`;
}

/**
 * A team of an organization other than the repository's: GitHub shows the app the teams of the
 * organization it is installed on only (as CODEOWNERS takes only the repository's organization's
 * teams), so whoever belongs to it, nobody can be counted for it — and a re-run changes nothing.
 */
function otherOrganizationProblem(team: string, origin: string, configured: boolean, org: string): string {
  const lead = `${configured ? 'The config names team' : 'Team'} @${team} (${origin}), which is not a team of ${org}, the organization that owns this repository: the app can see and count only the teams of ${org}`;
  return configured
    ? `${lead}. Fix the config on the base branch.`
    : `${lead}, so nobody can approve for it.`;
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
