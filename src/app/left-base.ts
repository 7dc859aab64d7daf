/**
 * A pull request that leaves a base branch — retargeted to another (`edited` with `changes.base`) or
 * closed without merging — takes its sign-off success for that base with it. While it targets another
 * base, or is closed, nothing evaluates `Blueprint sign-off: <old base>` on its head any more (a review,
 * a dismissal, a membership change evaluates its current base only; a closed one is not evaluated), so a
 * success left there would outlive whatever happens meanwhile: retargeted back (or reopened) and merged
 * before the app evaluates again, the pull request would merge on a verdict that no longer holds — an
 * approval dismissed, changes requested, an approver who left the team. So the success is replaced by a
 * failure that says why; coming back (retargeting, reopening) evaluates the pull request afresh.
 *
 * Another open pull request with the same head into the same base shares the check: it is evaluated
 * instead, so the check shows its verdict, from its own reviews. A verdict that does not pass is left
 * standing (nothing to withdraw).
 */
import { GitHubClient } from '../adapters/github/client.js';
import type { CheckOutput } from '../adapters/github/check-run.js';
import { lastVerdict } from '../adapters/github/check-run.js';
import { getPullRequest, openPullRequestsInto } from '../adapters/github/pull-request.js';
import { markdownCode, plainValue } from '../core/inert-text.js';
import { checkNameFor } from './check-name.js';
import type { PullRequestAt, PushRecord } from './jobs.js';
import type { SignoffSettings } from './signoff-job.js';
import { recordTrail } from './push-trail.js';
import { runSignoff } from './signoff-job.js';
import { signoffCheckRun, writeVerdict } from './verdict-writing.js';

/** How a pull request left a base: retargeted to another, or closed without merging. */
export type LeftBase = 'retargeted' | 'closed';

export interface LeftBaseTarget extends PullRequestAt {
  /** The head the pull request had when it left (the event's). */
  headSha: string;
  /** The base it left. */
  base: string;
  left: LeftBase;
  /** The lane's pushes not recorded yet (every job of the lane records them). */
  pushes: readonly PushRecord[];
}

export type LeftBaseResult = {
  kind: 'left';
  requests: number;
  /** Why nothing was withdrawn, when nothing was. */
  kept?: 'targets-it-again' | 'shared-head' | 'no-success';
};

/**
 * Withdraws this app's sign-off success for the base the pull request left, on the head it left with.
 * Throws what the queue should retry (a success that could not be withdrawn must not stay); once the
 * queue gives up, `abandonSignoff` marks the same check failed.
 */
export async function withdrawLeftBase(
  target: LeftBaseTarget,
  settings: SignoffSettings,
): Promise<LeftBaseResult> {
  const client = new GitHubClient(target.octokit, target.owner, target.repo, settings.client);
  // Every job of a lane records the trail it was handed: the queue forgets it once the job succeeds.
  await recordTrail(client, target.pushes, settings);
  const done = (kept?: LeftBaseResult['kept']): LeftBaseResult => ({
    kind: 'left',
    requests: client.requests,
    ...(kept ? { kept } : {}),
  });
  const pr = await getPullRequest(client, target.pullNumber);
  // Back already (events out of order, or a quick round trip): the event that brought it back has its
  // evaluation queued after this job, and that evaluation writes this check.
  if (pr.state === 'open' && pr.baseRef === target.base) return done('targets-it-again');
  const sharing = (await openPullRequestsInto(client, target.base)).filter(
    (other) => other.number !== pr.number && other.headSha === target.headSha,
  );
  if (sharing.length > 0) {
    // The check is theirs too, but a success standing there is this pull request's verdict, from its
    // reviews, which nothing evaluates for this base any more: each of them is evaluated now, so its
    // own reviews decide what the check shows (what it throws, the queue retries).
    for (const other of sharing)
      await runSignoff(
        { octokit: target.octokit, owner: target.owner, repo: target.repo, pullNumber: other.number },
        settings,
      );
    return done('shared-head');
  }
  const appId = await settings.appId();
  const name = checkNameFor(settings.checkName, target.base);
  const check = signoffCheckRun(
    client,
    name,
    { number: pr.number, baseRef: target.base, headSha: target.headSha },
    appId,
    settings.client?.sleep,
  );
  const runs = await check.history();
  const standing = lastVerdict(runs);
  if (standing !== 'success') return done('no-success');
  // The newest run is the one the check shows: the failure goes there (never a new run, which would
  // need no record; records are only ever written on runs of their own).
  check.adopt(runs[0]!.id);
  await writeVerdict(check, leftOutput(target, pr.baseRef), standing, settings.client?.sleep);
  return done();
}

function leftOutput(target: LeftBaseTarget, nowInto: string): CheckOutput {
  const n = `#${target.pullNumber}`;
  const base = markdownCode(target.base);
  const why =
    target.left === 'retargeted'
      ? `**${n} now targets ${markdownCode(nowInto)}**, not ${base}`
      : `**${n} was closed** without being merged`;
  const back =
    target.left === 'retargeted'
      ? `If ${n} targets ${base} again, it is evaluated afresh under that base's configuration.`
      : `Reopening ${n} evaluates it afresh.`;
  return {
    conclusion: 'failure',
    title:
      target.left === 'retargeted'
        ? `The pull request no longer targets ${plainValue(target.base)}`
        : 'The pull request was closed',
    summary: `${why}, so its sign-off for ${base} is no longer evaluated, and the success it had is withdrawn: it would otherwise stand whatever changed meanwhile (approvals, change requests, teams).\n\n${back}\n`,
  };
}
