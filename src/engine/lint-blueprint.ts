import type { Finding, Severity } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { LoadOptions } from '../load/load-blueprint.js';
import type { BlueprintModel } from '../model/types.js';
import type { EffectiveRule } from './config.js';
import { lintModel } from './lint.js';

export interface BlueprintLint {
  root: string;
  model: BlueprintModel | undefined;
  findings: Finding[];
  /** Schema findings of values of the wrong type, which the model leaves out (see LoadResult). */
  leftOut: Finding[];
}

/** Load + lint one blueprint folder: the whole of `blueprint-review lint` for one folder. */
export async function lintBlueprint(
  source: FileSource,
  root: string,
  rules: readonly EffectiveRule[],
  options: LoadOptions = {},
): Promise<BlueprintLint> {
  const loaded = await loadBlueprint(source, root, options);
  const findings = [...loaded.findings, ...(loaded.model ? lintModel(loaded.model, rules) : [])];
  return { root, model: loaded.model, findings: findings.sort(compareFindings), leftOut: loaded.leftOut };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
