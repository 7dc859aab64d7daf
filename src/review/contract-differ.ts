/**
 * The contract diff (`src/diff`) plugged into the review: breaking changes as `breaking/<check>`
 * findings, judged against the **base** entry's consumers and versioning strategy (a pull request
 * cannot grant itself consent by editing them). Parsed files are shared across contracts of a run.
 */
import { changesToFindings, createParseCache, describeProblem, diffContracts } from '../diff/index.js';
import type { DiffExtensions, DiffProblem } from '../diff/index.js';
import type { LoadLimits } from '../load/limits.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { BlueprintModel, ContractEntry } from '../model/types.js';
import { consumersOf, consumingEnd } from './owners.js';
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
  options: { limits?: Partial<LoadLimits>; today?: string; extensions?: DiffExtensions } = {},
): ContractDiffer {
  const cache = createParseCache();
  return async (base, head) => {
    if (base.entry.path === undefined || head.entry.path === undefined) return { findings: [], problems: [] };
    const versioning = base.entry.versioning?.strategy;
    const outcome = await diffContracts(
      { source: base.source, path: base.entry.path },
      { source: head.source, path: head.entry.path },
      {
        consumers: consumersOf(base.entry, base.model),
        operationConsumers: operationConsumers(base.model, base.entry),
        cache,
        ...(options.extensions ? { extensions: options.extensions } : {}),
        ...(versioning ? { versioning: { strategy: versioning } } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.today ? { today: options.today } : {}),
      },
    );
    return {
      findings: changesToFindings(outcome),
      problems: outcome.problems
        .filter((p) => !REPORTED_BY_LOADER.has(p.code) && (p.code !== 'unresolved-ref' || p.side === 'head'))
        .map(describeProblem),
    };
  };
}

/** The config's `diff:` section as diff options (undefined when the config has none). */
export function diffExtensionsOf(config: BlueprintReviewConfig): DiffExtensions | undefined {
  if (!config.diff) return undefined;
  return {
    ...config.diff.extensions,
    ...(config.diff.unstableLevels ? { unstableLevels: config.diff.unstableLevels } : {}),
  };
}

/**
 * Which consuming systems use which operation, from the base blueprint's flows over this contract: a
 * flow names the operation (`operationId`, `GET /path`, AsyncAPI operation id) or channel it uses,
 * and its end that is not the contract's provider consumes it. Keys are every name the diff may use
 * for the operation: its `METHOD /path` key, its id and its channel.
 */
export function operationConsumers(model: BlueprintModel, entry: ContractEntry): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (key: string | undefined, system: string) => {
    if (key === undefined) return;
    const list = out.get(key) ?? [];
    if (!list.includes(system)) list.push(system);
    out.set(key, list);
  };
  const operations = entry.document?.operations ?? [];
  for (const flow of model.flows) {
    if (flow.resolved.contract?.id !== entry.id || !flow.contract) continue;
    const consumer = consumingEnd(flow, entry.provider);
    if (consumer === undefined || consumer === entry.provider) continue;
    const wanted = flow.contract.operation;
    const op =
      wanted === undefined
        ? undefined
        : operations.find((o) => o.id === wanted || o.key.toLowerCase() === wanted.toLowerCase());
    if (op) {
      add(op.key, consumer);
      add(op.id, consumer);
    } else add(wanted, consumer);
    const channel = entry.document?.channels.find((c) => c.id === flow.contract!.channel);
    add(flow.contract.channel, consumer);
    add(channel?.address, consumer);
  }
  return out;
}
