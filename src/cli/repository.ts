import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiskFileSource } from '../adapters/disk-file-source.js';
import { BLUEPRINT_FILE } from '../load/load-blueprint.js';
import { InMemoryFileSource } from '../core/file-source.js';
import { readRepositoryConfig, snapshotConfigFiles } from '../load/repository-config.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import { CONFIG_PATH } from '../core/config-path.js';
import { configOrUsageError } from './cli-config.js';
import { UsageError } from './io.js';
import { findRepositoryRoot } from './repository-root.js';

export { findRepositoryRoot };

export { CONFIG_PATH };

export interface LocalRepository {
  root: string;
  source: DiskFileSource;
  /** The target path relative to the repository root ('' for the root). */
  relative: string;
  /** Set when the target is a blueprint's own file (`path/blueprint.yaml`): that blueprint only. */
  blueprintFile?: string;
}

/**
 * The repository a target belongs to. The target is a folder, or a blueprint's `blueprint.yaml`
 * (then `relative` is that file and `blueprintFile` says so); any other file is a usage error.
 */
export function openRepository(target: string, cwd: string): LocalRepository {
  const absolute = path.resolve(cwd, target);
  if (!existsSync(absolute)) throw new UsageError(`${target}: no such file or directory`);
  const isFile = statSync(absolute).isFile();
  if (isFile && path.basename(absolute) !== BLUEPRINT_FILE)
    throw new UsageError(
      `${target} is not a ${BLUEPRINT_FILE}: give a blueprint's folder or its ${BLUEPRINT_FILE}`,
    );
  const root = findRepositoryRoot(isFile ? path.dirname(absolute) : absolute, cwd);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  return { root, source: new DiskFileSource(root), relative, ...(isFile ? { blueprintFile: relative } : {}) };
}

/**
 * Reads `--config`, or the working tree's `.github/blueprint-review.yml` when present, with the reader
 * every door uses; exits 2 when it is invalid or `_extends` another repository (which the CLI cannot read).
 */
export async function readConfig(
  explicit: string | undefined,
  repoRoot: string,
  cwd: string,
  validator: SchemaValidator,
): Promise<BlueprintReviewConfig> {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(repoRoot, CONFIG_PATH);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`--config ${explicit}: no such file`);
    return {};
  }
  const shown = path.relative(cwd, file) || file;
  const files = snapshotConfigFiles(new InMemoryFileSource({ [shown]: readFileSync(file, 'utf8') }, ''));
  return configOrUsageError(await readRepositoryConfig(files, { path: shown }, validator));
}
