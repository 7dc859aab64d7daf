/**
 * One head into one base has one sign-off check: GitHub keys check runs by commit and name, so every
 * open pull request with that head into that base shows the same `Blueprint sign-off: <base>`. An
 * evaluation of one of them must not pass it on that pull request's approvals alone — the other,
 * approved by nobody (or opened by someone its approvers would not have passed), would merge on them.
 *
 * So a verdict that passes is written only when each such pull request passes on its own reviews: the
 * others are listed (open pull requests into the base, one request a page) and evaluated in the same
 * job, and the check shows the worst verdict with each one's summary. A verdict that does not pass is
 * written as it is (nothing is listed): whichever pull request's it is, the check does not pass. A
 * listing or evaluation that fails fails the check. A success written is confirmed by listing again
 * (`writeShared`): one opened meanwhile is not overwritten.
 */
import type { CheckOutput } from '../adapters/github/check-run.js';
import type { GitHubClient } from '../adapters/github/client.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import { openPullRequestsInto } from '../adapters/github/pull-request.js';
import { markdownCode } from '../core/inert-text.js';

/** One pull request's own verdict. */
export interface PullVerdict {
  number: number;
  output: CheckOutput;
}

/**
 * How many times the pull requests sharing the head are listed again after a passing write and found
 * changed before the check fails closed instead (each round evaluates the newcomers once more).
 */
const RELISTS = 3;

/**
 * Writes the check on `pr`'s head, given `own`, its own verdict: `own`, unless it passes and other
 * open pull requests share the head and base — then the worst of every one's verdict (`evaluate`
 * gives another's; a failure to list them is `failed(reason)`). `write` writes an output and says
 * whether it did (an output already shown is not written again); the output last meant is returned.
 *
 * A pull request opened (or retargeted here) with the same head between the listing and the write
 * would have its own verdict overwritten by a success it has no part in: so after writing a success
 * the pull requests are listed again, and when they changed, the verdict is computed again among them
 * and written — at most `RELISTS` times, then the check fails, saying why. One that appears after
 * the last listing came after the success was written: its own evaluation writes last.
 */
export async function writeShared(
  client: GitHubClient,
  pr: PullRequestRef,
  own: CheckOutput,
  evaluate: (other: PullRequestRef) => Promise<CheckOutput>,
  failed: (reason: string) => CheckOutput,
  write: (output: CheckOutput) => Promise<boolean>,
): Promise<CheckOutput> {
  if (own.conclusion !== 'success') {
    await write(own);
    return own;
  }
  let others = await sharers(client, pr);
  let output = 'failed' in others ? failed(others.failed) : await verdictAmong(pr, own, others, evaluate);
  for (let round = 1; ; round++) {
    const wrote = await write(output);
    if (!wrote || output.conclusion !== 'success' || 'failed' in others) return output;
    const now = await sharers(client, pr);
    if (!('failed' in now) && sameNumbers(now, others)) return output;
    others = now;
    output =
      'failed' in others
        ? failed(others.failed)
        : round >= RELISTS
          ? failed(
              `The open pull requests into ${markdownCode(pr.baseRef)} with this head kept changing while the check was written (${RELISTS} times), so it is not known which share this check.`,
            )
          : await verdictAmong(pr, own, others, evaluate);
  }
}

/** The other open pull requests with `pr`'s head into its base, or why they could not be listed. */
async function sharers(
  client: GitHubClient,
  pr: PullRequestRef,
): Promise<PullRequestRef[] | { failed: string }> {
  try {
    return (await openPullRequestsInto(client, pr.baseRef)).filter(
      (other) => other.number !== pr.number && other.headSha === pr.headSha,
    );
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      failed: `The open pull requests into ${markdownCode(pr.baseRef)} could not be listed, so it is not known whether another one shares this head (and this check): ${why}`,
    };
  }
}

function sameNumbers(a: readonly PullRequestRef[], b: readonly PullRequestRef[]): boolean {
  const numbers = new Set(a.map((p) => p.number));
  return a.length === b.length && b.every((p) => numbers.has(p.number));
}

/** `own` when nothing else shares the check, else the shared output of every one's verdict. */
async function verdictAmong(
  pr: PullRequestRef,
  own: CheckOutput,
  others: readonly PullRequestRef[],
  evaluate: (other: PullRequestRef) => Promise<CheckOutput>,
): Promise<CheckOutput> {
  if (others.length === 0) return own;
  const verdicts: PullVerdict[] = [{ number: pr.number, output: own }];
  for (const other of others) verdicts.push({ number: other.number, output: await evaluate(other) });
  return sharedOutput(verdicts, pr.baseRef);
}

/** Worst first: a verdict of a higher rank decides what a shared check shows. */
const RANK: Record<CheckOutput['conclusion'], number> = {
  success: 0,
  neutral: 1,
  action_required: 2,
  cancelled: 3,
  failure: 4,
};

/**
 * The check of several pull requests: the worst verdict (the lowest number among equals), its title
 * naming whose it is, and every one's summary, by number — the same text whichever evaluates, so a
 * verdict that did not change is not written again.
 */
export function sharedOutput(verdicts: readonly PullVerdict[], base: string): CheckOutput {
  const sorted = [...verdicts].sort((a, b) => a.number - b.number);
  const worst = sorted.reduce((w, v) => (RANK[v.output.conclusion] > RANK[w.output.conclusion] ? v : w));
  const names = sorted.map((v) => `#${v.number}`);
  const all = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const passes = worst.output.conclusion === 'success';
  return {
    conclusion: worst.output.conclusion,
    title: passes ? `Signed off for each of ${all}` : `#${worst.number}: ${worst.output.title}`,
    summary: [
      `**This check is shared by ${all}**: they have the same head commit into ${markdownCode(base)}, and GitHub keeps one check per commit and name. It passes only when each of them passes on its own approvals${passes ? ', as each does' : `; #${worst.number} does not`}.`,
      ...sorted.map((v) => `### #${v.number}\n\n${v.output.summary}`),
    ].join('\n\n'),
  };
}
