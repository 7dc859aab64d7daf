/**
 * What a contract's status promises its consumers, and so which statuses keep it under change control.
 * A finalized contract changes only with a change record and its consumers' approval; a deprecated one
 * is still consumed until it goes, and its removal is the break its deprecation announced. A status is
 * part of the promise: moving a contract to a status that promises less (finalized → deprecated, or
 * either → draft) is itself a change its consumers approve under change control — else one pull request
 * lowers the status and the next breaks (or removes) the contract without either.
 */
import type { ContractStatus } from './types.js';

/** Higher promises more; a status not listed (none written) promises nothing. */
const PROMISE: Record<ContractStatus, number> = { finalized: 2, deprecated: 1, 'in-review': 0, draft: 0 };

/** A status as written (repository text) counts only when it is one of ours. */
function promiseOf(status: string | undefined): number {
  return status !== undefined && Object.hasOwn(PROMISE, status) ? PROMISE[status as ContractStatus] : 0;
}

/** The statuses under change control: a breaking change to a contract in one needs it. */
export const CONTROLLED_STATUSES: readonly ContractStatus[] = ['finalized', 'deprecated'];

export function isControlled(status: string | undefined): boolean {
  return promiseOf(status) > 0;
}

/** Whether moving from `before` to `after` takes back part of what the contract promised. */
export function weakens(before: ContractStatus | undefined, after: ContractStatus | undefined): boolean {
  return promiseOf(after) < promiseOf(before);
}

/** The status that promises more (the merge base's when equal): where two commits disagree, the stricter. */
export function stricterStatus(
  a: ContractStatus | undefined,
  b: ContractStatus | undefined,
): ContractStatus | undefined {
  return promiseOf(b) > promiseOf(a) ? b : a;
}
