/**
 * The review of each changed contract: its kind of change, who declared it, and the breaking-change
 * diff's findings. The review pipeline and the sign-off gate (when it evaluates without a review,
 * e.g. on an approval) both call this, so the gate's verdict never depends on the door or the event.
 */
import { compareFindings } from '../core/finding.js';
import { code } from '../core/inert-text.js';
import type { BlueprintModel } from '../model/types.js';
import type { ContractPair } from './contract-changes.js';
import { consumersOf } from './owners.js';
import type { ContractReview, ReviewInput } from './types.js';

export async function reviewContracts(
  input: Pick<ReviewInput, 'base' | 'head' | 'contractDiffer'>,
  root: string,
  pairs: readonly ContractPair[],
  base: BlueprintModel | undefined,
  head: BlueprintModel | undefined,
): Promise<ContractReview[]> {
  const out: ContractReview[] = [];
  for (const pair of pairs) {
    const declared = pair.base ?? pair.head!;
    const review: ContractReview = {
      id: pair.id,
      blueprint: root,
      kind: pair.kind,
      file: (pair.head ?? pair.base)!.path,
      consumers: consumersOf(declared, pair.base ? base : head),
      changes: [],
      problems: [],
    };
    if (declared.status !== undefined) review.status = declared.status;
    if (declared.owner !== undefined) review.owner = declared.owner;
    // A removed contract is diffed against its absence at head: every consumer loses it.
    const diffable =
      input.contractDiffer && base && (pair.kind === 'document-changed' || pair.kind === 'removed');
    if (diffable && !pair.base?.document) review.problems = [notComparedAtBase(pair)];
    else if (diffable && (pair.kind === 'removed' || (pair.head?.document && head))) {
      const result = await input.contractDiffer!(
        { entry: pair.base!, model: base, source: input.base },
        { entry: pair.head ?? pair.base!, model: head ?? base, source: input.head },
      );
      review.changes = [...result.findings].sort(compareFindings);
      review.problems = result.problems;
    } else if (diffable) review.problems = [notCompared(pair)];
    out.push(review);
  }
  return out;
}

/**
 * A changed document the head does not load (unreadable, not a contract, a syntax error, a file that
 * is gone): there is nothing to diff, which is not "no breaking changes". Said as a problem, so the
 * review says the contract was not compared and the gate counts it as unjudged (fail closed); the
 * loader's finding says why the file does not load. The path is a code span: the repository chose it.
 */
function notCompared(pair: ContractPair): string {
  const path = pair.head?.path ?? pair.base!.path;
  return `the head's ${path === undefined ? 'document' : code(path)} does not load (its finding says why)`;
}

/**
 * A changed or removed contract whose merge base document did not load (a symbolic link, a syntax
 * error): the head has nothing to be compared with, which is no verdict of "not breaking" either. The
 * sign-off judges it breaking (signoff/contract-changes.ts); the review says what it could not read.
 */
function notComparedAtBase(pair: ContractPair): string {
  const path = pair.base!.path;
  return `the merge base's ${path === undefined ? 'document' : code(path)} does not load (a symbolic link or submodule there, or a file that does not parse), so this change could not be compared with it`;
}
