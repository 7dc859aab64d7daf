/**
 * Lints the blueprints of a local repository: the config (`--config`, else the repository's own),
 * the rules it selects, the blueprint folders under a path — or the one a `blueprint.yaml` path
 * names — and each blueprint's findings. Shared by `lint`, `doc` and the Action's workspace SARIF.
 */
import { globProblem } from '../core/safe-glob.js';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { plainText } from '../core/inert-text.js';
import { compareFindings } from '../core/finding.js';
import { describeConfigProblem } from '../engine/config.js';
import { discoverBlueprints } from '../engine/discover.js';
import type { BlueprintLint } from '../engine/lint-blueprint.js';
import { lintBlueprint } from '../engine/lint-blueprint.js';
import { resolveRules } from '../engine/rule-set.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { RULE_SET } from '../../rules/index.js';
import { invalidConfiguration } from './cli-config.js';
import { UsageError } from './io.js';
import type { LocalRepository } from './repository.js';
import { openRepository, readConfig } from './repository.js';

export interface LintRequest {
  /** A folder (every blueprint under it) or a blueprint's own `blueprint.yaml`. */
  target: string;
  cwd: string;
  /** `--config FILE`; without it the repository's `.github/blueprint-review.yml` when present. */
  configFile?: string | undefined;
  /** A config already read (the Action's, from the base branch): replaces `configFile`. */
  config?: BlueprintReviewConfig;
  /** `--blueprint` globs, replacing the config's `blueprints`. */
  globs?: readonly string[] | undefined;
  /** No blueprint found is an empty result, not a usage error. */
  allowNone?: boolean;
}

export interface RepositoryLint {
  repo: LocalRepository;
  config: BlueprintReviewConfig;
  /** Blueprint folders, repository-relative ('' for the root). */
  roots: string[];
  blueprints: BlueprintLint[];
  /** Every finding of every blueprint, in file and line order. */
  findings: Finding[];
}

export async function lintRepository(request: LintRequest): Promise<RepositoryLint> {
  const repo = openRepository(request.target, request.cwd);
  const validator = createSchemaValidator();
  const config = request.config ?? (await readConfig(request.configFile, repo.root, request.cwd, validator));
  const { rules, problems } = resolveRules(RULE_SET, config);
  if (problems.length > 0) throw invalidConfiguration(problems.map(describeConfigProblem));
  // `--blueprint` patterns are the command line's: refused as a usage error, as the config's are on
  // their line (a pattern that could take minutes to match is never matched).
  for (const glob of request.globs ?? []) {
    const problem = globProblem(glob);
    if (problem)
      throw new UsageError(
        `--blueprint ${plainText(JSON.stringify(glob))}: the glob pattern is refused: ${problem}`,
      );
  }
  const globs = request.globs ?? config.blueprints;
  const roots =
    repo.blueprintFile !== undefined
      ? [path.posix.dirname(repo.relative).replace(/^\.$/, '')]
      : await discoverBlueprints(repo.source, repo.relative, globs);
  if (roots.length === 0 && !request.allowNone) {
    // The globs are the config's text: one line, whatever they hold.
    const matching = globs && globs.length > 0 ? ` matching ${plainText(globs.join(', '))}` : '';
    throw new UsageError(
      `no blueprint.yaml found under ${request.target}${matching} (\`blueprint-review init\` writes a first one from your OpenAPI/AsyncAPI documents)`,
    );
  }
  const blueprints: BlueprintLint[] = [];
  for (const root of roots)
    blueprints.push(await lintBlueprint(repo.source, root, rules, { validator, limits: config.limits }));
  const findings = blueprints.flatMap((b) => b.findings).sort(compareFindings);
  return { repo, config, roots, blueprints, findings };
}
