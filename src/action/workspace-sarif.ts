/**
 * SARIF for code scanning, from the checked-out workspace. GitHub attributes an uploaded analysis to
 * the workflow's commit (for `pull_request`, the merge commit `actions/checkout` checks out), and
 * treats alerts missing from it as fixed: so every blueprint in the checkout is linted — not only the
 * ones the pull request touches — and lines are those of the checked-out files.
 */
import type { Finding } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import { describeConfigProblem } from '../engine/config.js';
import { discoverBlueprints } from '../engine/discover.js';
import { lintBlueprint } from '../engine/lint-blueprint.js';
import { resolveRules } from '../engine/rule-set.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { renderSarif, sarifRuleCatalog } from '../report/sarif.js';
import { openRepository, readConfig } from '../cli/repository.js';
import { RULE_SET } from '../../rules/index.js';
import { VERSION } from '../version.js';

export interface WorkspaceSarif {
  sarif: string;
  blueprints: string[];
  results: number;
}

/**
 * `config` is the one the review read from the base branch; without it (the CLI-like use), the
 * workspace's own config file is read.
 */
export async function workspaceSarif(
  workspace: string,
  config?: BlueprintReviewConfig,
  docsUrl?: string,
): Promise<WorkspaceSarif> {
  const repo = openRepository(workspace, workspace);
  const validator = createSchemaValidator();
  config ??= readConfig(undefined, repo.root, workspace, validator);
  const { rules, problems } = resolveRules(RULE_SET, config);
  if (problems.length > 0)
    throw new Error(`Invalid configuration: ${problems.map(describeConfigProblem).join('; ')}`);
  const roots = await discoverBlueprints(repo.source, repo.relative, config.blueprints);
  const findings: Finding[] = [];
  for (const root of roots) {
    const result = await lintBlueprint(repo.source, root, rules, { validator, limits: config.limits });
    findings.push(...result.findings);
  }
  findings.sort(compareFindings);
  return {
    sarif: renderSarif(findings, {
      rules: sarifRuleCatalog(RULE_SET.rules),
      toolVersion: VERSION,
      ...(docsUrl ? { docsUrl } : {}),
    }),
    blueprints: roots,
    results: findings.length,
  };
}
