/**
 * SARIF for code scanning, from the checked-out workspace. GitHub attributes an uploaded analysis to
 * the workflow's commit (for `pull_request`, the merge commit `actions/checkout` checks out), and
 * treats alerts missing from it as fixed: so every blueprint in the checkout is linted — not only the
 * ones the pull request touches — and lines are those of the checked-out files.
 */
import type { BlueprintReviewConfig } from '../load/load-config.js';
import { renderSarif, sarifRuleCatalog } from '../report/sarif.js';
import { lintRepository } from '../cli/lint-repository.js';
import { RULE_SET } from '../../rules/index.js';
import { VERSION } from '../version.js';

export interface WorkspaceSarif {
  sarif: string;
  blueprints: string[];
  results: number;
}

/**
 * `config` is the one the review read from the base branch; without it (the CLI-like use), the
 * workspace's own config file is read. No blueprint in the workspace is an empty log, not an error.
 */
export async function workspaceSarif(
  workspace: string,
  config?: BlueprintReviewConfig,
  docsUrl?: string,
): Promise<WorkspaceSarif> {
  const { findings, roots } = await lintRepository({
    target: workspace,
    cwd: workspace,
    ...(config ? { config } : {}),
    allowNone: true,
  });
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
