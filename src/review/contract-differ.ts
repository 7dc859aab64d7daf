/**
 * The contract diff (`src/diff`) plugged into the review: breaking changes as `breaking/<check>`
 * findings, judged against the **base** entry's consumers and versioning strategy (a pull request
 * cannot grant itself consent by editing them). Parsed files are shared across contracts of a run.
 */
import { changesToFindings, createParseCache, diffContracts } from '../diff/index.js';
import type { DiffProblem } from '../diff/index.js';
import type { LoadLimits } from '../load/limits.js';
import type { ContractDiffer } from './types.js';

/**
 * Problems the loader already reports as `schema/...` findings; the rest leave the diff incomplete.
 * An unresolved `$ref` at head is such a gap; at base it is the pull request's starting point.
 */
const REPORTED_BY_LOADER: ReadonlySet<DiffProblem['code']> = new Set([
  'missing',
  'unreadable',
  'too-large',
  'syntax',
  'not-a-contract',
  'unsafe-ref',
]);

export function createContractDiffer(
  options: { limits?: Partial<LoadLimits>; today?: string } = {},
): ContractDiffer {
  const cache = createParseCache();
  return async (base, head) => {
    if (base.entry.path === undefined || head.entry.path === undefined) return { findings: [], problems: [] };
    const versioning = base.entry.versioning?.strategy;
    const outcome = await diffContracts(
      { source: base.source, path: base.entry.path },
      { source: head.source, path: head.entry.path },
      {
        consumers: base.entry.consumers,
        cache,
        ...(versioning ? { versioning: { strategy: versioning } } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.today ? { today: options.today } : {}),
      },
    );
    return {
      findings: changesToFindings(outcome),
      problems: outcome.problems
        .filter((p) => !REPORTED_BY_LOADER.has(p.code) && (p.code !== 'unresolved-ref' || p.side === 'head'))
        .map((p) => p.message),
    };
  };
}
