/**
 * The repository's `.github/blueprint-review.yml`, read the same way by every door (the app, the
 * Action, the CLI): from the pull request's **base** branch — never the head, so a pull request
 * cannot change the rules that judge it — validated against the config schema with its line numbers,
 * and with `_extends` pulling defaults from another repository Probot-style (`.github`, `repo`,
 * `owner/repo`, each with an optional `:path`). Where a file lives is the door's business: it reads
 * through the `ConfigFiles` port, and a door that cannot reach another repository refuses the
 * `_extends` with the reason rather than judging under a different config.
 */
import { CONFIG_PATH } from '../core/config-path.js';
import type { FileSource } from '../core/file-source.js';
import type { BlueprintReviewConfig } from './load-config.js';
import { parseConfig } from './load-config.js';
import type { SchemaValidator } from './schema-validation.js';
import { foreignText, quoted } from '../core/inert-text.js';

const MAX_EXTENDS_DEPTH = 3;
/** A config file is a few hundred lines; anything far larger is not one. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** A config file: in this repository when `repo` is absent, else in `owner/repo` (default branch). */
export interface ConfigLocation {
  owner?: string;
  repo?: string;
  path: string;
  /** Undefined: the repository's default branch. */
  ref?: string;
}

export type ConfigFileRead =
  | { kind: 'ok'; text: string }
  | { kind: 'missing' }
  /** The door cannot read this file (another repository from the CLI, a file it cannot read). */
  | { kind: 'refused'; reason: string };

/** How a door reads config files. A failure that may pass on a retry (a 5xx) is thrown. */
export interface ConfigFiles {
  read(at: ConfigLocation): Promise<ConfigFileRead>;
  /** The file's name in messages, e.g. `acme/shop:.github/blueprint-review.yml@main`. */
  describe(at: ConfigLocation): string;
  /** True when the file is one of the repository under review (a pull request there can change it). */
  inThisRepository(at: ConfigLocation): boolean;
}

export type RepositoryConfig =
  | {
      kind: 'ok';
      config: BlueprintReviewConfig;
      sources: string[];
      /**
       * The paths, in the repository under review, of the files the config is made of (the config
       * itself and any `_extends` of the same repository): a change to any of them is a change to
       * the config, which needs the config's approvers.
       */
      localPaths: string[];
    }
  | { kind: 'missing' }
  /** Each problem names its file and, for what the file says, its line: `file:line: message`. */
  | { kind: 'invalid'; problems: string[] };

export async function readRepositoryConfig(
  files: ConfigFiles,
  start: ConfigLocation,
  validator: SchemaValidator,
): Promise<RepositoryConfig> {
  const chain: BlueprintReviewConfig[] = [];
  const sources: string[] = [];
  const localPaths: string[] = [];
  let at: ConfigLocation | undefined = start;
  while (at) {
    const name = files.describe(at);
    const problem = chainProblem(sources, name);
    if (problem) return { kind: 'invalid', problems: [problem] };
    const link = await readLink(files, at, name, sources.at(-1), validator);
    if (link.kind !== 'ok') return link;
    chain.push(link.config);
    sources.push(name);
    if (files.inThisRepository(at)) localPaths.push(at.path);
    const next = extended(link.config, at, name);
    if (next.kind === 'invalid') return next;
    at = next.at;
  }
  return {
    kind: 'ok',
    config: chain.reduceRight<BlueprintReviewConfig>((parent, child) => mergeConfig(parent, child), {}),
    sources,
    localPaths,
  };
}

/** Why the chain of `_extends` read so far (`sources`) may not go on to `name`, if it may not. */
function chainProblem(sources: readonly string[], name: string): string | undefined {
  if (sources.includes(name))
    return `_extends forms a cycle: ${[...sources, name].map(foreignText).join(' → ')}`;
  if (sources.length > MAX_EXTENDS_DEPTH)
    return `_extends is nested more than ${MAX_EXTENDS_DEPTH} levels deep (${sources.map(foreignText).join(' → ')})`;
  return undefined;
}

/**
 * One config file of the chain, read and validated. `extendedBy` names the file whose `_extends`
 * led here (undefined for the repository's own file, whose absence means no config at all).
 */
async function readLink(
  files: ConfigFiles,
  at: ConfigLocation,
  name: string,
  extendedBy: string | undefined,
  validator: SchemaValidator,
): Promise<{ kind: 'ok'; config: BlueprintReviewConfig } | Exclude<RepositoryConfig, { kind: 'ok' }>> {
  const read = await files.read(at);
  // Names hold repository text (a base branch, an `_extends` path), and a reason is another
  // program's words that may quote it: each one quotation in our sentence (`foreignText`).
  const file = foreignText(name);
  const by = extendedBy === undefined ? undefined : foreignText(extendedBy);
  if (read.kind === 'missing') {
    if (by === undefined) return { kind: 'missing' };
    return { kind: 'invalid', problems: [`${by}: _extends names ${file}, which does not exist`] };
  }
  if (read.kind === 'refused') {
    const reason = foreignText(read.reason);
    return {
      kind: 'invalid',
      problems: [
        by === undefined
          ? `${file} could not be read: ${reason}`
          : `${by}: _extends names ${file}, which cannot be read here: ${reason}`,
      ],
    };
  }
  if (new TextEncoder().encode(read.text).length > MAX_CONFIG_BYTES)
    return { kind: 'invalid', problems: [`${file} is larger than ${MAX_CONFIG_BYTES} bytes`] };
  const parsed = parseConfig(name, read.text, validator);
  if (parsed.kind === 'invalid')
    return { kind: 'invalid', problems: parsed.problems.map((p) => `${file}:${p.line}: ${p.message}`) };
  return { kind: 'ok', config: parsed.config };
}

/** Where the config's `_extends` leads: nowhere (undefined) when it has none. */
function extended(
  config: BlueprintReviewConfig,
  at: ConfigLocation,
  name: string,
): { kind: 'next'; at: ConfigLocation | undefined } | { kind: 'invalid'; problems: string[] } {
  const extendsSpec = config._extends;
  if (extendsSpec === undefined) return { kind: 'next', at: undefined };
  const next = parseExtends(extendsSpec, at);
  if (next) return { kind: 'next', at: next };
  return {
    kind: 'invalid',
    problems: [
      `${foreignText(name)}: _extends ${quoted(extendsSpec)} is not \`repo\`, \`owner/repo\` or either with \`:path\``,
    ],
  };
}

/** `.github` · `repo` · `owner/repo`, optionally followed by `:path/to/file.yml`. */
export function parseExtends(spec: string, from: ConfigLocation): ConfigLocation | undefined {
  const match = /^(?:([A-Za-z0-9-]+)\/)?([A-Za-z0-9._-]+)(?::([^\s]+))?$/.exec(spec.trim());
  if (!match) return undefined;
  const [, owner, repo, path] = match;
  // `.` and `..` name no repository: in a request path they name the owner itself (or its parent).
  if (repo === '.' || repo === '..') return undefined;
  if (path !== undefined && (path.startsWith('/') || path.split('/').includes('..'))) return undefined;
  const ownerOf = owner ?? from.owner;
  return { ...(ownerOf !== undefined ? { owner: ownerOf } : {}), repo: repo!, path: path ?? CONFIG_PATH };
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

/**
 * Config files from one repository snapshot (the CLI's base branch, a test's files): the file itself
 * is read from the snapshot; another repository, which `_extends` names, is out of its reach, so the
 * config is refused — judging under a config without its defaults would differ from the app.
 */
export function snapshotConfigFiles(source: FileSource): ConfigFiles {
  return {
    inThisRepository: (at) => at.repo === undefined,
    describe: (at) =>
      at.repo !== undefined
        ? `${at.owner ? `${at.owner}/` : ''}${at.repo}:${at.path}`
        : source.label
          ? `${at.path}@${source.label}`
          : at.path,
    async read(at) {
      if (at.repo !== undefined)
        return {
          kind: 'refused',
          reason:
            'only the GitHub App and the Action read other repositories; copy the settings into this file to use them here',
        };
      let read;
      try {
        read = await source.read(at.path);
      } catch (error) {
        return { kind: 'refused', reason: thrownReason(error) };
      }
      switch (read.kind) {
        case 'ok':
          return { kind: 'ok', text: read.text };
        case 'missing':
          return { kind: 'missing' };
        case 'too-large':
          return { kind: 'refused', reason: `it is too large (${read.bytes} bytes)` };
        case 'unreadable':
          return { kind: 'refused', reason: read.reason };
      }
    },
  };
}

/**
 * Why a snapshot's read threw: its first line, never a stack. Another program's words (git's, the
 * file system's) that may quote a path or a ref; `readLink` makes them one quotation.
 */
function thrownReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}
