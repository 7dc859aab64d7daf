/**
 * GitHub's answer to "Check team permissions for a repository" asked with the repository's media
 * type: the repository, with what the team's role lets it do. The fakes share it, so both answer as
 * GitHub does and a role means the same in each.
 */

/** A team's role on a repository, as GitHub's `role_name` spells the built-in ones. */
export type TeamRole = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';

/** The media type that makes GitHub answer 200 with the repository instead of 204 with nothing. */
export const REPOSITORY_MEDIA_TYPE = 'application/vnd.github.v3.repository+json';

const ROLES: readonly TeamRole[] = ['pull', 'triage', 'push', 'maintain', 'admin'];

/** The answer for a team with `role` on `owner/repo`: each role grants the ones below it. */
export function teamRepository(owner: string, repo: string, role: TeamRole) {
  const rank = ROLES.indexOf(role);
  const permissions = Object.fromEntries(ROLES.map((r, i) => [r, i <= rank]));
  return {
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { login: owner },
    permissions,
    role_name: role === 'pull' ? 'read' : role === 'push' ? 'write' : role,
  };
}
