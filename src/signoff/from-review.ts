/**
 * Adapters from the review pipeline's result to the gate's input. Typed structurally, so the gate
 * depends on the shape of the data, not on the pipeline's module.
 */
import type { ContractDiffSummary } from './contract-changes.js';

/** A finding of the breaking-change diff (`breaking/<check>`), as the review carries it. */
export interface DiffFindingLike {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Set by the diff: consumers break (whatever the severity after consent). */
  breaking?: boolean;
  /** Breaking with the versioning strategy's consent. */
  intended?: { reason: string };
}

export interface ReviewedContractLike {
  id: string;
  blueprint: string;
  kind: 'added' | 'removed' | 'document-changed' | 'entry-changed';
  changes: readonly DiffFindingLike[];
  /** Why part of the comparison could not be made. */
  problems?: readonly string[];
}

const MAX_LINES = 5;

/**
 * The diff's verdict for every contract whose document changed. A finding that is not a classified
 * change (a diff problem) makes the verdict "breaking": the gate does not pass what it cannot judge.
 */
export function contractDiffsFromReview(contracts: readonly ReviewedContractLike[]): ContractDiffSummary[] {
  return contracts
    .filter((c) => c.kind === 'document-changed')
    .map((c) => {
      const breaking = c.changes.filter(isBreaking);
      const unjudged = [
        ...(c.problems ?? []).map((message) => ({ message })),
        ...c.changes.filter((f) => !f.ruleId.startsWith('breaking/')),
      ];
      const shown = breaking.length > 0 ? breaking : c.changes;
      return {
        blueprint: c.blueprint,
        contractId: c.id,
        breaking: breaking.length > 0 || unjudged.length > 0,
        consented: breaking.length > 0 && breaking.every((f) => f.intended !== undefined),
        changes: [
          ...unjudged.map((f) => `could not be compared: ${f.message}`),
          ...shown.filter((f) => f.ruleId.startsWith('breaking/')).map((f) => f.message),
        ].slice(0, MAX_LINES),
      };
    });
}

function isBreaking(f: DiffFindingLike): boolean {
  if (!f.ruleId.startsWith('breaking/')) return false;
  return f.breaking ?? f.severity === 'error';
}

/** The review of the head as the app passes it to the gate, whatever the door. */
export interface ReviewLike {
  outcome: { kind: string };
  contracts: readonly ReviewedContractLike[];
  conclusion: 'success' | 'failure';
}

/**
 * What the gate takes from the review of the same head: the diff's verdicts, and — when the review
 * fails — a problem (`failing`, in the door's words) that fails the gate.
 */
export function gateInputsFromReview(
  review: ReviewLike,
  failing: string,
): { contractDiffs?: ReturnType<typeof contractDiffsFromReview>; headProblems: string[] } {
  return {
    ...(review.outcome.kind === 'reviewed'
      ? { contractDiffs: contractDiffsFromReview(review.contracts) }
      : {}),
    headProblems: review.conclusion === 'success' ? [] : [failing],
  };
}
