/**
 * The CLI's door to the one config reader (`readRepositoryConfig`): the base branch's
 * `.github/blueprint-review.yml` from git, or the file `--config` names. `_extends` names another
 * repository, which the CLI cannot read: the config is refused with that reason, never judged
 * without the defaults the app would apply.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_PATH } from '../core/config-path.js';
import { plainText } from '../core/inert-text.js';
import type { FileSource } from '../core/file-source.js';
import { InMemoryFileSource } from '../core/file-source.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { RepositoryConfig } from '../load/repository-config.js';
import { readRepositoryConfig, snapshotConfigFiles } from '../load/repository-config.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import { UsageError } from './io.js';

export async function readCliConfig(
  explicit: string | undefined,
  baseTip: FileSource,
  cwd: string,
  validator: SchemaValidator,
): Promise<RepositoryConfig> {
  if (!explicit) return readRepositoryConfig(snapshotConfigFiles(baseTip), { path: CONFIG_PATH }, validator);
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, explicit), 'utf8');
  } catch {
    throw new UsageError(`--config ${explicit}: no such file`);
  }
  const file = new InMemoryFileSource({ [explicit]: text }, '');
  return readRepositoryConfig(snapshotConfigFiles(file), { path: explicit }, validator);
}

/** The config a command runs under: none when missing; an invalid or refused one stops it (exit 2). */
export function configOrUsageError(loaded: RepositoryConfig): BlueprintReviewConfig {
  if (loaded.kind === 'missing') return {};
  if (loaded.kind === 'invalid') throw invalidConfiguration(loaded.problems);
  return loaded.config;
}

/**
 * The usage error for an invalid configuration: one line per problem. A problem quotes the config
 * file (a rule's name, an `_extends` target), whose strings YAML lets hold line breaks, and the CLI
 * prints a usage error line by line: each problem is flattened to one line (`plainText`) here, so
 * none of its text starts a line that reads as the CLI's own.
 */
export function invalidConfiguration(problems: readonly string[]): UsageError {
  return new UsageError(`Invalid configuration:\n${problems.map((p) => `  ${plainText(p)}`).join('\n')}`);
}
