/**
 * Without Redis the job queue lives in the process: a crash (SIGKILL, out of memory, a lost host)
 * loses what was queued or running, and their checks stay as they were — `in_progress`, absent on a
 * new head, or a sign-off success that a lost evaluation was about to withdraw. On start the app
 * therefore looks at what GitHub shows and queues again what may be unfinished, for every open pull
 * request of every installation (reads only: one request per installation, one per 100 repositories,
 * two per repository, one per open pull request and one per merge group in a queue):
 *
 * - the head has no finished review check of this app (named for the pull request's base): the review
 *   runs (it adopts a check left `in_progress`, and a finished one is never redone);
 * - else the sign-off check is missing, unfinished, or a success: the sign-off is evaluated again —
 *   a success may stand only if it was confirmed by a process that saw every event since.
 *
 * - a merge group in a queue lacks a finished check of this app (one waiting for the group ahead, or a
 *   job lost before it wrote): the group is checked (merge-group-job.ts), read from its queue branch —
 *   else the queue would wait for its own timeout.
 *
 * A sign-off failure stands (a lost evaluation could at most have turned it into a success: the next
 * review, label or re-run does). With Redis the queue survives the process, and the scan runs only
 * when a replica finds Redis without the queue (new, or it lost its data: queue-redis.ts `alive`).
 */
import { loggedError } from './log-text.js';
import { randomUUID } from 'node:crypto';
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { backgroundClient } from '../adapters/github/rate-limit-bound.js';
import { listOwnCheckRuns } from '../adapters/github/check-run.js';
import { appInstallations, installationRepositories } from '../adapters/github/installation.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import { openPullRequests } from '../adapters/github/pull-request.js';
import { checkNameFor } from './check-name.js';
import type { JobDescriptor, Logger } from './jobs.js';
import { logBindings, mergeGroupRequest, pullRequestJob } from './jobs.js';
import { queuedGroups } from '../adapters/github/merge-group.js';
import type { MergeGroupEvent } from '../signoff/merge-group.js';
import { groupBase, groupOfQueueBranch } from '../signoff/merge-group.js';
import type { EnqueueResult } from './queue.js';

export interface RecoveryDeps {
  /** Authenticated as the app itself (lists its installations). */
  appOctokit(): Promise<Octokit>;
  installationOctokit(installationId: number): Promise<Octokit>;
  appId(): Promise<number>;
  /** Check names without the base. */
  reviewCheckName: string;
  /** Undefined when the sign-off gate is off. */
  signoffCheckName: string | undefined;
  enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult>;
  log: Logger & { child(bindings: Record<string, unknown>): Logger };
  client?: ClientOptions;
}

export interface RecoverySummary {
  installations: number;
  repositories: number;
  pullRequests: number;
  reviews: number;
  signoffs: number;
  mergeGroups: number;
  /** Installations or repositories that could not be read (logged each). */
  unreadable: number;
}

/** Looks through every installation for work a previous process left unfinished and queues it again. */
export async function recoverUnfinished(deps: RecoveryDeps): Promise<RecoverySummary> {
  const summary: RecoverySummary = {
    installations: 0,
    repositories: 0,
    pullRequests: 0,
    reviews: 0,
    signoffs: 0,
    mergeGroups: 0,
    unreadable: 0,
  };
  const appId = await deps.appId();
  const installations = await appInstallations(
    new GitHubClient(await deps.appOctokit(), '', '', backgroundClient(deps.client)),
  );
  const scan: Scan = { deps, appId, recovery: `recovery-${randomUUID().slice(0, 8)}`, summary };
  for (const installation of installations) {
    summary.installations++;
    try {
      await recoverInstallation(scan, installation);
    } catch (error) {
      summary.unreadable++;
      deps.log.error(
        { err: loggedError(error), installation: installation.id },
        'recovery: could not look through the installation',
      );
    }
  }
  return summary;
}

/** One recovery scan: what it needs on every repository, and what it counts. */
interface Scan {
  deps: RecoveryDeps;
  appId: number;
  /** Names the scan in its jobs' delivery ids. */
  recovery: string;
  summary: RecoverySummary;
}

/** One installation's repositories; one that cannot be read is counted and logged, the others go on. */
async function recoverInstallation(scan: Scan, installation: { id: number; account: string }): Promise<void> {
  const { deps, summary } = scan;
  const octokit = await deps.installationOctokit(installation.id);
  const repositories = await installationRepositories(
    new GitHubClient(octokit, installation.account, '', backgroundClient(deps.client)),
  );
  for (const { owner, repo, id } of repositories) {
    summary.repositories++;
    const client = new GitHubClient(octokit, owner, repo, backgroundClient(deps.client));
    const at: Installed = { installationId: installation.id, repositoryId: id };
    try {
      await recoverPullRequests(scan, client, at);
      await recoverMergeGroups(scan, client, at);
    } catch (error) {
      summary.unreadable++;
      deps.log.error(
        { err: loggedError(error), repository: `${owner}/${repo}` },
        'recovery: could not look through the repository',
      );
    }
  }
}

/**
 * The installation, and the repository's id as the installation listed it: the key of its jobs' lanes
 * (jobs.ts `laneOf`). A pull request's own answer names it too, and wins.
 */
interface Installed {
  installationId: number;
  repositoryId: number | undefined;
}

async function recoverPullRequests(scan: Scan, client: GitHubClient, at: Installed): Promise<void> {
  const { deps, appId, recovery, summary } = scan;
  const { owner, repo } = client;
  for (const pr of await openPullRequests(client)) {
    summary.pullRequests++;
    const kind = await unfinishedWork(client, pr, appId, deps);
    if (!kind) continue;
    const deliveryId = `${recovery}:${owner}/${repo}#${pr.number}`;
    const job = pullRequestJob(
      pr,
      {
        installationId: at.installationId,
        repositoryId: pr.repositoryId ?? at.repositoryId,
        owner,
        repo,
        deliveryId,
      },
      { kind, force: kind === 'signoff' },
    );
    const log = deps.log.child(logBindings(job));
    log.info({}, `recovery: ${kind === 'review' ? 'the review' : 'the sign-off'} may be unfinished`);
    await deps.enqueue(job, log);
    summary[kind === 'review' ? 'reviews' : 'signoffs']++;
  }
}

async function recoverMergeGroups(scan: Scan, client: GitHubClient, at: Installed): Promise<void> {
  const { deps, appId, recovery, summary } = scan;
  const { owner, repo } = client;
  for (const group of await unfinishedGroups(client, appId, deps)) {
    const job: JobDescriptor = {
      ...mergeGroupRequest(group),
      ...at,
      owner,
      repo,
      deliveryId: `${recovery}:${owner}/${repo}@${group.headSha.slice(0, 7)}`,
    };
    const log = deps.log.child(logBindings(job));
    log.info({}, 'recovery: the merge group may be unchecked');
    await deps.enqueue(job, log);
    summary.mergeGroups++;
  }
}

/** The queued merge groups (every base) of which this app has not finished a check it writes on groups. */
async function unfinishedGroups(
  client: GitHubClient,
  appId: number,
  deps: Pick<RecoveryDeps, 'reviewCheckName' | 'signoffCheckName'>,
): Promise<MergeGroupEvent[]> {
  const unfinished: MergeGroupEvent[] = [];
  for (const branch of await queuedGroups(client)) {
    const group = groupOfQueueBranch(branch.ref, branch.headSha);
    const base = group && groupBase(group);
    if (base === undefined) continue;
    const runs = await listOwnCheckRuns(client, group!.headSha, appId);
    const names = [deps.reviewCheckName, ...(deps.signoffCheckName ? [deps.signoffCheckName] : [])];
    const finished = (name: string) =>
      runs.find((run) => run.name === checkNameFor(name, base))?.status === 'completed';
    if (!names.every(finished)) unfinished.push(group!);
  }
  return unfinished;
}

/** What a pull request's head may be missing (see the module comment), from one listing of its checks. */
async function unfinishedWork(
  client: GitHubClient,
  pr: PullRequestRef,
  appId: number,
  deps: Pick<RecoveryDeps, 'reviewCheckName' | 'signoffCheckName'>,
): Promise<'review' | 'signoff' | undefined> {
  const runs = await listOwnCheckRuns(client, pr.headSha, appId);
  const latest = (name: string) => runs.find((run) => run.name === checkNameFor(name, pr.baseRef));
  const review = latest(deps.reviewCheckName);
  if (review?.status !== 'completed') return 'review';
  if (deps.signoffCheckName === undefined) return undefined;
  const signoff = latest(deps.signoffCheckName);
  if (signoff?.status !== 'completed' || signoff.conclusion === 'success') return 'signoff';
  return undefined;
}
