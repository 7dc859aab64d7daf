/**
 * `.github/blueprint-review.yml` read from the pull request's **base** branch — never the head, so a
 * pull request cannot change the rules that judge it (Probot's `context.config()` reads the default
 * branch, which is why this does not use it). `_extends` pulls defaults from another repository,
 * usually the org's `.github` repo, Probot-style: `.github`, `repo`, `owner/repo`, each with an
 * optional `:path`. Every file is validated against the config schema with its line numbers.
 */
import type { BlueprintReviewConfig } from '../../load/load-config.js';
import { parseConfig } from '../../load/load-config.js';
import type { SchemaValidator } from '../../load/schema-validation.js';
import { CONFIG_PATH } from '../../core/config-path.js';
import type { GitHubClient } from './client.js';
import { isNotFound } from './client.js';
import { rawText } from './shapes.js';

export { CONFIG_PATH };
const MAX_EXTENDS_DEPTH = 3;
const MAX_CONFIG_BYTES = 64 * 1024;

export type RepositoryConfig =
  | { kind: 'ok'; config: BlueprintReviewConfig; sources: string[] }
  | { kind: 'missing' }
  | { kind: 'invalid'; problems: string[] };

interface Location {
  owner: string;
  repo: string;
  path: string;
  /** Undefined: the repository's default branch. */
  ref?: string;
}

export async function loadRepositoryConfig(
  client: GitHubClient,
  baseRef: string,
  validator: SchemaValidator,
  path: string = CONFIG_PATH,
): Promise<RepositoryConfig> {
  const start: Location = { owner: client.owner, repo: client.repo, path, ref: baseRef };
  const chain: BlueprintReviewConfig[] = [];
  const sources: string[] = [];
  let at: Location | undefined = start;
  while (at) {
    const name = describe(at);
    if (sources.includes(name))
      return { kind: 'invalid', problems: [`_extends forms a cycle: ${[...sources, name].join(' → ')}`] };
    if (sources.length > MAX_EXTENDS_DEPTH)
      return {
        kind: 'invalid',
        problems: [`_extends is nested more than ${MAX_EXTENDS_DEPTH} levels deep (${sources.join(' → ')})`],
      };
    const text = await fetchText(client, at);
    if (text === undefined) {
      if (at === start) return { kind: 'missing' };
      return {
        kind: 'invalid',
        problems: [`${sources.at(-1)}: _extends names ${name}, which does not exist`],
      };
    }
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES)
      return { kind: 'invalid', problems: [`${name} is larger than ${MAX_CONFIG_BYTES} bytes`] };
    const parsed = parseConfig(name, text, validator);
    if (parsed.kind === 'invalid')
      return { kind: 'invalid', problems: parsed.problems.map((p) => `${name}:${p.line}: ${p.message}`) };
    chain.push(parsed.config);
    sources.push(name);
    const extendsSpec = parsed.config._extends;
    if (extendsSpec === undefined) break;
    const next = parseExtends(extendsSpec, at);
    if (!next)
      return {
        kind: 'invalid',
        problems: [
          `${name}: _extends "${extendsSpec}" is not \`repo\`, \`owner/repo\` or either with \`:path\``,
        ],
      };
    at = next;
  }
  return {
    kind: 'ok',
    config: chain.reduceRight<BlueprintReviewConfig>((parent, child) => mergeConfig(parent, child), {}),
    sources,
  };
}

/** `.github` · `repo` · `owner/repo`, optionally followed by `:path/to/file.yml`. */
export function parseExtends(spec: string, from: Location): Location | undefined {
  const match = /^(?:([A-Za-z0-9-]+)\/)?([A-Za-z0-9._-]+)(?::([^\s]+))?$/.exec(spec.trim());
  if (!match) return undefined;
  const [, owner, repo, path] = match;
  if (path !== undefined && (path.startsWith('/') || path.split('/').includes('..'))) return undefined;
  return { owner: owner ?? from.owner, repo: repo!, path: path ?? CONFIG_PATH };
}

/** The child wins; `rules` and `limits` merge key by key so a repository can override one rule. */
export function mergeConfig(
  parent: BlueprintReviewConfig,
  child: BlueprintReviewConfig,
): BlueprintReviewConfig {
  const merged: BlueprintReviewConfig = { ...parent, ...child };
  delete merged._extends;
  if (parent.rules || child.rules) merged.rules = { ...parent.rules, ...child.rules };
  if (parent.limits || child.limits) merged.limits = { ...parent.limits, ...child.limits };
  return merged;
}

function describe(at: Location): string {
  return `${at.owner}/${at.repo}:${at.path}${at.ref ? `@${at.ref}` : ''}`;
}

async function fetchText(client: GitHubClient, at: Location): Promise<string | undefined> {
  try {
    return await client.rest(
      `GET /repos/${at.owner}/${at.repo}/contents/${at.path}`,
      () =>
        client.octokit.rest.repos.getContent({
          owner: at.owner,
          repo: at.repo,
          path: at.path,
          ...(at.ref ? { ref: at.ref } : {}),
          mediaType: { format: 'raw' },
        }),
      rawText,
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
