/**
 * The sign-off's verdict on its check run: the output a decision (or a failure to reach one) makes,
 * headed by the config and base tip it was evaluated under, carrying the pushes held for the head,
 * written for every open pull request with this head and base (shared-check.ts), and not written
 * again when the check shows it already. Evaluating is signoff-job.ts's part; this is the writing.
 */
import type { CheckOutput, CheckRun, ExistingCheckRun } from '../adapters/github/check-run.js';
import type { GitHubClient } from '../adapters/github/client.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import { markdownParagraphs } from '../core/inert-text.js';
import type { GateDecision } from '../signoff/evaluate.js';
import type { Push } from '../signoff/pushes.js';
import { serializePushes } from '../signoff/pushes.js';
import { decisionTitle, renderSummaryMarkdown } from '../signoff/render.js';
import { explain } from './job-errors.js';
import { withBasis } from './review-basis.js';
import { writeShared } from './shared-check.js';
import { writeVerdict } from './verdict-writing.js';

/** The sign-off check on the head (adopted when it exists) and the verdict it stands at. */
export interface FoundCheck {
  check: CheckRun;
  existing: ExistingCheckRun | undefined;
  standing: string | null;
}

/** What an evaluation decided, and what its verdict depends on besides the head. */
export interface Decided {
  decision: GateDecision;
  /** The base's config as read (review-basis.ts). */
  basis: string;
  /** The base branch's tip the owners were read at. */
  tip: string;
}

/** An evaluation's outcome: a decision, or why there is none. */
export type Outcome = Decided | { failed: string };

/** What one evaluation's verdicts are written with. */
export interface VerdictContext extends FoundCheck {
  client: GitHubClient;
  pr: PullRequestRef;
  /** The review check's name without its base, which a failure's summary tells the reader to re-run. */
  reviewCheckName: string;
  held: readonly Push[];
  sleep?: (ms: number) => Promise<void>;
  /** The decision for another open pull request with this head into this base. */
  decide(other: PullRequestRef): Promise<GateDecision>;
}

/** Writes the verdict on the sign-off check, shared with every open pull request of this head and base. */
export async function writeVerdicts(
  { client, pr, reviewCheckName, held, sleep, decide, check, existing, standing }: VerdictContext,
  outcome: Outcome,
): Promise<void> {
  const failed = (reason: string) => failureOutput(reason, reviewCheckName);
  const own = 'failed' in outcome ? failed(outcome.failed) : outputOf(outcome.decision);
  // The config it was evaluated under, as the verdict's first line: a merge group does not pass on a
  // success the base's config no longer vouches for (merge-group-job.ts). With the base tip it read
  // owners at: a marking for a move of the base leaves a verdict that saw the move (stale-checks.ts).
  const based = (verdict: CheckOutput) =>
    'failed' in outcome ? verdict : withBasis(verdict, outcome.basis, outcome.tip);
  let shown: Shown | undefined = existing?.status === 'completed' ? existing : undefined;
  let record = held.length > 0 ? serializePushes(held) : undefined;
  // The check is every open pull request's with this head into this base: it passes only if each does.
  await writeShared(
    client,
    pr,
    own,
    (other) => decide(other).then(outputOf, (error: unknown) => failed(explain(error))),
    failed,
    async (verdict) => {
      const output = record !== undefined ? { ...based(verdict), record } : based(verdict);
      // The same verdict again (a membership change elsewhere, a redelivery) is not written again,
      // unless a record goes with it.
      if (record === undefined && shows(shown, output)) return false;
      await writeVerdict(check, output, standing, sleep);
      // The record is on the run now; a later write in this job updates that run.
      record = undefined;
      standing = output.conclusion;
      shown = { status: 'completed', conclusion: output.conclusion, output };
      return true;
    },
  );
}

/** A run as far as `shows` reads it. */
type Shown = Pick<ExistingCheckRun, 'status' | 'conclusion'> & {
  output: { title: string | null; summary: string | null };
};

function shows(run: Shown | undefined, output: CheckOutput): boolean {
  return (
    run?.status === 'completed' &&
    run.conclusion === output.conclusion &&
    run.output.title === output.title &&
    run.output.summary === output.summary
  );
}

function outputOf(decision: GateDecision): CheckOutput {
  return {
    conclusion: decision.state,
    title: decisionTitle(decision),
    summary: renderSummaryMarkdown(decision),
  };
}

export function failureOutput(reason: string, reviewCheckName: string): CheckOutput {
  return {
    conclusion: 'failure',
    title: 'The sign-off could not be evaluated',
    summary: `**The sign-off could not be evaluated**, so it does not pass.\n\n${markdownParagraphs(reason)}\n\nIt is evaluated again on the next review, label or push, and by **Re-run** on this check or on the ${reviewCheckName} check.\n`,
  };
}
