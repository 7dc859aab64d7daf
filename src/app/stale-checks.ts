/**
 * A config change on a base branch reviews its open pull requests again (handlers/base-config.ts) —
 * at most `REVIEWS_PER_CONFIG_CHANGE` of them per push: each review costs dozens of requests and the
 * installation's writes share one budget, so a base with a thousand open pull requests would keep the
 * app busy for an hour on one push. The others must not keep a success computed under the old config
 * meanwhile (branch protection would merge on it), so each is marked instead: this app's check on its
 * head that passed under another config than the base has now is replaced by a failure that says why
 * and how to have it evaluated again. The pull request's next event (a push, an approval, a label) or
 * a **Re-run** reviews it under the new config: a review check without the current basis is never
 * reused, and the sign-off has the head reviewed again when it finds one (signoff-job.ts). A few
 * requests a pull request (its read, the config, each check's runs, a write per success) instead of a
 * review's dozens; a success replaced leaves the merge groups that passed on it first, as any other.
 * A push that moves the base's blueprint without changing its config is bounded the same way
 * (`RECHECKS_PER_BASE_MOVE`): beyond it, a sign-off success is replaced whatever its basis.
 */
import type { CheckOutput } from '../adapters/github/check-run.js';
import { completedAfter } from '../adapters/github/check-run.js';
import { GitHubClient } from '../adapters/github/client.js';
import { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import { markdownCode, plainValue } from '../core/inert-text.js';
import { basisIn, baseTipIn } from '../review/markers.js';
import { checkNameFor } from './check-name.js';
import type { JobSettings, PullRequestAt, PushRecord } from './jobs.js';
import { PullRequestCheckRun } from './merge-group-withdraw.js';
import { reviewBasis } from './review-basis.js';
import { recordTrail } from './push-trail.js';
import { signoffCheckRun, writeVerdict } from './verdict-writing.js';

/** The open pull requests one config change reviews again at once (the newest); the rest are marked. */
export const REVIEWS_PER_CONFIG_CHANGE = 20;
/**
 * The open pull requests one move of a base's blueprint evaluates again at once (the newest): each
 * sign-off that passes is evaluated afresh (its reads and reviews); the rest have that success marked.
 */
export const RECHECKS_PER_BASE_MOVE = 20;

export interface StaleTarget extends PullRequestAt {
  /** The base whose config changed. */
  base: string;
  /** The lane's pushes not recorded yet (every job of the lane records them). */
  pushes: readonly PushRecord[];
  /**
   * The base's blueprint moved, not its config: only the sign-off is marked, whatever config its
   * success was computed under (the owners and contract status at the base's tip are not in its basis).
   */
  moved?: boolean;
  /** With `moved`: the base's tip before the push (jobs.ts `movedFrom`). */
  movedFrom?: string;
}

export interface StaleResult {
  kind: 'stale';
  requests: number;
  /** The checks whose success was replaced. */
  marked: string[];
}

/**
 * Replaces each success of this app's checks on the pull request's head that was computed under
 * another config of `base` than it reads now. Throws what the queue should retry (a success that could
 * not be replaced must not stay); once the queue gives up, the sign-off is marked "not evaluated".
 */
export async function markStale(target: StaleTarget, settings: JobSettings): Promise<StaleResult> {
  const { review, signoff } = settings;
  const client = new GitHubClient(target.octokit, target.owner, target.repo, review.client);
  if (signoff) await recordTrail(client, target.pushes, signoff);
  const done = (marked: string[]): StaleResult => ({ kind: 'stale', requests: client.requests, marked });
  const reads = new PullRequestReads();
  const pr = await reads.pullRequest(client, target.pullNumber);
  // Closed or retargeted since: the job of that event withdraws its success here (left-base.ts).
  if (pr.state !== 'open' || pr.baseRef !== target.base) return done([]);
  const appIdOf = signoff?.appId ?? review.appId;
  if (!appIdOf) throw new Error('marking checks needs the app id: only its own check runs are replaced');
  const appId = await appIdOf();
  // Each check's basis as its own job computes it: the review with its folders, the sign-off without.
  const checks = [
    ...(target.moved ? [] : [{ name: review.checkName, path: review.configPath, basisOf: review }]),
    ...(signoff ? [{ name: signoff.checkName, path: undefined, basisOf: {} }] : []),
  ];
  const marked: string[] = [];
  for (const { name: checkName, path, basisOf } of checks) {
    const name = checkNameFor(checkName, pr.baseRef);
    const check = signoffCheckRun(client, name, pr, appId, review.client?.sleep);
    const runs = await check.history();
    const verdict = runs.find((run) => run.status === 'completed');
    if (verdict?.conclusion !== 'success') continue;
    if (target.moved && sawTheMove(verdict.output.summary, await tipNow(client, reads, pr), target.movedFrom))
      continue;
    if (!target.moved) {
      const loaded = await reads.repositoryConfig(client, pr.baseRef, review.validator, path);
      if (basisIn(verdict.output.summary) === reviewBasis(loaded, pr.baseRef, basisOf)) continue;
    }
    // The newest run is the one the check shows: the failure goes there.
    check.adopt(runs[0]!.id);
    const output = target.moved ? movedOutput(pr.baseRef) : staleOutput(pr.baseRef, review.checkName);
    await writeVerdict(check, output, 'success', review.client?.sleep);
    marked.push(name);
  }
  return done(marked);
}

/**
 * The base branch's tip now, by its name (as an evaluation now reads owners at it: signoff-job.ts),
 * not the `base.sha` GitHub's pull request names, which can lag the push being marked for.
 */
async function tipNow(client: GitHubClient, reads: PullRequestReads, pr: PullRequestRef): Promise<string> {
  return (await reads.baseNow(client, pr)).tip ?? pr.baseSha;
}

/**
 * Whether a sign-off success was evaluated after the move it is marked for: at the tip the base
 * branch's name resolves to now (what an evaluation now would read owners at), when that is not the
 * tip the push moved away from. An evaluation that ran after the push landed but before its delivery
 * was queued saw it; replacing its success would be a false failure. A verdict at the old tip is
 * replaced (fail closed); so is one that records no tip (an older version's).
 */
function sawTheMove(summary: string | null, tipNow: string, movedFrom: string | undefined): boolean {
  const tip = baseTipIn(summary);
  return tip !== undefined && movedFrom !== undefined && tip === tipNow && tip !== movedFrom;
}

/**
 * A marking the queue gave up (it could not read the pull request, the config or a check, or write
 * the failure): `abandonSignoff` marks the sign-off, but a success of the review check may be as stale
 * and would stay green — a required check passing on a review computed under the old config. Whether
 * it was cannot be told without the reads that failed, so it fails closed: a success of the review
 * check on the job's head is replaced by the same failure, withdrawn from merge groups first (written
 * even when that withdrawal fails, which is then thrown). Any other verdict stands, and so does a
 * success GitHub completed after `since` (a later try of the marks: queue-give-up.ts), a newer job's.
 */
export async function abandonStale(
  target: PullRequestAt & { base: string; headSha: string },
  review: JobSettings['review'],
  appIdOf: (() => Promise<number>) | undefined,
  since?: string,
): Promise<void> {
  if (!appIdOf) throw new Error('marking checks needs the app id: only its own check runs are replaced');
  const client = new GitHubClient(target.octokit, target.owner, target.repo, review.client);
  const name = checkNameFor(review.checkName, target.base);
  const pullRequest = { number: target.pullNumber, baseRef: target.base };
  const appId = await appIdOf();
  const check = new PullRequestCheckRun(client, name, target.headSha, appId, pullRequest, 'write');
  const verdict = (await check.history()).find((run) => run.status === 'completed');
  if (verdict?.conclusion !== 'success' || completedAfter(verdict, since)) return;
  check.adopt(verdict.id);
  await check.complete(staleOutput(target.base, review.checkName));
}

function staleOutput(base: string, reviewCheckName: string): CheckOutput {
  const reviewCheck = markdownCode(checkNameFor(reviewCheckName, base));
  return {
    conclusion: 'failure',
    title: `To be evaluated again: the configuration of ${plainValue(base)} changed`,
    summary: `**The configuration of ${markdownCode(base)} changed** since this check passed (the file itself, or one it extends from another repository), so its success no longer stands. A change reviews at once only a bounded number of the open pull requests into the branch (the newest, and none when the change is in another repository); this one was marked instead.\n\nIt is reviewed and its sign-off evaluated again under the new configuration on its next event (a push, a review, a label), or now by **Re-run** on its ${reviewCheck} check.\n`,
  };
}

function movedOutput(base: string): CheckOutput {
  return {
    conclusion: 'failure',
    title: `To be evaluated again: ${plainValue(base)} moved`,
    summary: `**${markdownCode(base)} moved** since this check passed, and who must approve is read at its tip too (owners, finalized contracts), so its success no longer stands. A push to the branch evaluates a bounded number of the open pull requests into it again at once (the newest), and this one was beyond them.\n\nIt is evaluated again on its next event (a push, a review, a label); **Re-run** this check to evaluate it now.\n`,
  };
}
