/**
 * Problems the evaluation itself finds, which no approval can fix: a team without access to the
 * repository (or that does not exist, or the app cannot see), and a finalized contract's breaking
 * change without its change record.
 */
import { quoted, token } from '../core/inert-text.js';
import type { EvaluationInput } from './evaluate.js';
import { teamAccessOf } from './evidence.js';
import type { ChangeRecordStatus } from './types.js';
import { normalizeLogin } from './types.js';

/**
 * Each team named (by the config, or by a rule that applies) that GitHub says has no access to the
 * repository: once. A team is named by its slug, and a renamed team leaves its old slug free for
 * anyone allowed to create teams; only a team the repository was given to is the team meant.
 */
export function teamWithoutAccessProblems(input: EvaluationInput): string[] {
  const problems: string[] = [];
  const checked = new Set<string>();
  const check = (team: string, origin: string, configured: boolean) => {
    const key = normalizeLogin(team);
    if (checked.has(key)) return;
    checked.add(key);
    const access = teamAccessOf(input.evidence, key);
    if (access?.kind === 'ok' && !access.value)
      problems.push(
        organizationOf(key) === input.org.toLowerCase()
          ? noAccessProblem(key, origin, configured)
          : otherOrganizationProblem(key, origin, configured, input.org),
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
    "A team counts only if it has access to the repository, since a new team can take a renamed team's old name: grant the team access to this repository";
  return configured
    ? `The config names team @${team} (${origin}), which has no access to this repository (or does not exist), so nobody can approve for it. ${fix}, or fix the config on the base branch.`
    : `Team @${team} (${origin}) has no access to this repository (or does not exist), so nobody can approve for it. ${fix}, or name a team that has access on the base branch.`;
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

export function changeRecordProblem(contract: string, status: ChangeRecordStatus): string {
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
