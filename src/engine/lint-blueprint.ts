import type { Finding, Severity } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import { parsePointer, toPointer } from '../core/pointer.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { LoadOptions, LoadResult } from '../load/load-blueprint.js';
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
  const findings = judgeLoaded(loaded, rules);
  return { root, model: loaded.model, findings: findings.sort(compareFindings), leftOut: loaded.leftOut };
}

/**
 * What is wrong with a loaded blueprint: its load and schema findings, and the rules' findings when
 * it has a model. A rule finding on an element one of whose values was left out for being of the
 * wrong type is dropped: the rule judged the element without that value (`has no owner` beside
 * `owner must be a string`), and the schema finding already says what is wrong — one finding per
 * cause. Nothing slips through: the schema finding is an error, and once it is fixed every rule
 * judges the whole element again.
 */
export function judgeLoaded(loaded: LoadResult, rules: readonly EffectiveRule[]): Finding[] {
  if (!loaded.model) return [...loaded.findings];
  const incomplete = loaded.leftOut.flatMap((f) => {
    const element = elementHolding(f.pointer);
    return element === undefined ? [] : [{ file: f.file, element }];
  });
  const judged = lintModel(loaded.model, rules).filter(
    (f) => !incomplete.some((e) => e.file === f.file && within(f.pointer, e.element)),
  );
  return [...loaded.findings, ...judged];
}

/**
 * The element a value belongs to: the list entry that holds it (`/systems/2` for
 * `/systems/2/technical/rateLimit/requests`), else the mapping that holds it (`/metadata` for
 * `/metadata/owner`); none for a value at the top of the file (that would be the whole blueprint).
 */
function elementHolding(pointer: string): string | undefined {
  const segments = parsePointer(pointer);
  const entry = segments.findIndex((s) => /^\d+$/.test(s));
  const kept = entry >= 0 ? segments.slice(0, entry + 1) : segments.slice(0, -1);
  return kept.length > 0 ? toPointer(kept) : undefined;
}

function within(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
