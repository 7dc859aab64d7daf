/**
 * The repository config through GitHub: the one reader (`src/load/repository-config.ts`) over the
 * contents API. The start is the pull request's **base** branch (Probot's `context.config()` reads
 * the default branch, which is why this does not use it); `_extends` reaches other repositories of
 * the installation at their default branch.
 */
import type { ConfigFiles, ConfigLocation, RepositoryConfig } from '../../load/repository-config.js';
import { readRepositoryConfig } from '../../load/repository-config.js';
import type { SchemaValidator } from '../../load/schema-validation.js';
import { CONFIG_PATH } from '../../core/config-path.js';
import type { GitHubClient } from './client.js';
import { isNotFound } from './client.js';
import { rawText } from './shapes.js';

export { CONFIG_PATH };
export type { RepositoryConfig };

export async function loadRepositoryConfig(
  client: GitHubClient,
  baseRef: string,
  validator: SchemaValidator,
  path: string = CONFIG_PATH,
): Promise<RepositoryConfig> {
  return readRepositoryConfig(
    gitHubConfigFiles(client),
    { owner: client.owner, repo: client.repo, path, ref: baseRef },
    validator,
  );
}

export function gitHubConfigFiles(client: GitHubClient): ConfigFiles {
  const where = (at: ConfigLocation) => ({ owner: at.owner ?? client.owner, repo: at.repo ?? client.repo });
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    inThisRepository(at) {
      const { owner, repo } = where(at);
      return same(owner, client.owner) && same(repo, client.repo);
    },
    describe(at) {
      const { owner, repo } = where(at);
      return `${owner}/${repo}:${at.path}${at.ref ? `@${at.ref}` : ''}`;
    },
    async read(at) {
      const { owner, repo } = where(at);
      try {
        const text = await client.rest(
          `GET /repos/${owner}/${repo}/contents/${at.path}`,
          () =>
            client.octokit.rest.repos.getContent({
              owner,
              repo,
              path: at.path,
              ...(at.ref ? { ref: at.ref } : {}),
              mediaType: { format: 'raw' },
            }),
          rawText,
        );
        return { kind: 'ok', text };
      } catch (error) {
        if (isNotFound(error)) return { kind: 'missing' };
        throw error;
      }
    },
  };
}

/**
 * What decides a verdict in a config as read at `ref`: the config itself, or why there is none (its
 * problems name the commit or branch they were read at, which is not a difference).
 */
export function configIdentity(config: RepositoryConfig, ref: string): string {
  switch (config.kind) {
    case 'ok':
      return JSON.stringify(['ok', config.config]);
    case 'missing':
      return JSON.stringify(['missing']);
    case 'invalid':
      return JSON.stringify(['invalid', config.problems.map((p) => p.split(ref).join('<ref>'))]);
  }
}
