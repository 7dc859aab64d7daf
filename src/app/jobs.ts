/**
 * What the app's queue carries. A job is a small serializable descriptor — which installation, which
 * pull request, which head — never an octokit or a closure, so the same job can wait in process
 * memory or in Redis and run in this process, a worker thread or another replica. The worker
 * resolves it to an authenticated octokit (`app.auth(installationId)`) and runs it (run-job.ts)
 * with the job functions (`review-job.ts`, `signoff-job.ts`), which read everything else from GitHub.
 */
import type { Octokit } from '../adapters/github/client.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import type { ReviewRunResult, ReviewSettings } from './review-job.js';
import type { PushEntry } from '../signoff/pushes.js';
import type { SignoffRunResult, SignoffSettings } from './signoff-job.js';
import type { MergeGroupEvent } from '../signoff/merge-group.js';
import { queueEntryOf } from '../signoff/merge-group.js';
import type { MergeGroupRunResult, MergeGroupSettings } from './merge-group-job.js';
import type { LeftBase, LeftBaseResult } from './left-base.js';
import type { StaleResult } from './stale-checks.js';
import type { Sweep, SweepPage } from './sweep.js';

export type JobKind = 'review' | 'signoff' | 'merge-group';

export interface JobDescriptor {
  /**
   * `review` reviews the head and then evaluates the sign-off; `signoff` only evaluates the sign-off;
   * `merge-group` writes the checks of a merge queue's group (`mergeGroup`) from the pull request's.
   */
  kind: JobKind;
  installationId: number;
  /**
   * GitHub's id of the repository: what the job's lane is keyed by (`laneOf`). A rename, a transfer
   * or another spelling of the name (GitHub's names are case-insensitive) keeps it, so every job of
   * one pull request meets in one lane whichever name its source used. Undefined only where no
   * repository is meant (a sweep of a whole installation); a pull request's job without it is refused
   * (`laneOf` throws `NoRepositoryId`). Jobs queued in Redis by a replica before this field existed
   * lack it: queue-redis.ts resolves it from GitHub before such a job takes a lane.
   */
  repositoryId: number | undefined;
  /** Owner and name as the job's source spelled them: for API calls and logs, never for identity. */
  owner: string;
  repo: string;
  pullNumber: number;
  /** The head SHA the event named (a sign-off evaluation reads the pull request's current head). */
  headSha: string;
  /** The base branch the event named ('' when the event does not say). */
  base: string;
  /** A re-run request: runs even when the same head is queued, running or already reviewed. */
  force: boolean;
  /** `X-GitHub-Delivery` of the event that asked for the job (for de-duplication and the logs). */
  deliveryId: string;
  /** Who made `headSha` the head (the sender of an opened, reopened or synchronize delivery). */
  push?: PushEntry;
  /**
   * Set by the queue when the job starts: every push of the lane not recorded yet, oldest first —
   * the job's own, those of heads skipped for a newer one (the latest head wins, the trail of who
   * pushed stays) and those of deliveries coalesced into another job. The job records them all,
   * before anything else; the queue forgets them once the job has succeeded.
   */
  trail?: PushRecord[];
  /**
   * For `merge-group`: the group (its head is `headSha`). The job runs in the lane of the pull request
   * its branch names (0 when it names none), after that pull request's queued evaluations.
   */
  mergeGroup?: MergeGroupEvent;
  /**
   * For `signoff`: the event says the pull request left `base` at `headSha` (retargeted, or closed
   * unmerged). The job withdraws the app's sign-off success there (left-base.ts) and evaluates nothing.
   */
  left?: LeftBase;
  /**
   * For `signoff`: the base branch's blueprint moved (a push to it): the evaluation runs only when the
   * check shows success now — only a success can have stopped holding (the owners now named at the
   * base's tip, src/signoff/current-owners.ts); any other verdict is evaluated again by the next event.
   */
  recheck?: true;
  /**
   * For `signoff`: the base's config changed and this pull request was beyond the reviews one change
   * runs (stale-checks.ts): a success of its checks computed under the old config is replaced by a
   * failure, and nothing is evaluated.
   */
  stale?: true;
  /**
   * With `stale`: the base's blueprint moved, not its config, so the sign-off's success is replaced
   * whatever config it was computed under (what moved is not in its basis); the review check stands.
   */
  moved?: true;
  /**
   * With `moved`: the base's tip before the push. A sign-off success evaluated at the tip the base has
   * now, when that is not this one, saw the move already and is left standing (stale-checks.ts).
   */
  movedFrom?: string;
  /**
   * For `signoff` (pull request 0 of the lane's repository): one page of a walk through the
   * installation's open pull requests (sweep.ts), which queues their jobs and its next page.
   */
  sweep?: Sweep;
}

/** One pull request, with the client that reaches its repository: what every job's target starts from. */
export interface PullRequestAt {
  octokit: Octokit;
  owner: string;
  repo: string;
  pullNumber: number;
}

/** Where a job comes from besides its pull request: the installation, the repository, who asked. */
export type JobOrigin = Pick<
  JobDescriptor,
  'installationId' | 'repositoryId' | 'owner' | 'repo' | 'deliveryId'
>;

/** An open pull request as GitHub lists it, as far as a job for it needs. */
export type OpenPullRequest = Pick<PullRequestRef, 'number' | 'headSha' | 'baseRef'>;

/**
 * The job for a pull request as GitHub lists it now — its head and base, not those an event named:
 * what the recovery scan and the deliveries that concern every open pull request (membership, config)
 * queue for each.
 */
export function pullRequestJob(
  pr: OpenPullRequest,
  { installationId, repositoryId, owner, repo, deliveryId }: JobOrigin,
  { kind, force, ...flags }: Pick<JobDescriptor, 'kind' | 'force' | 'stale'>,
): JobDescriptor {
  return {
    kind,
    installationId,
    repositoryId,
    owner,
    repo,
    pullNumber: pr.number,
    headSha: pr.headSha,
    base: pr.baseRef,
    force,
    deliveryId,
    ...flags,
  };
}

/** A push the app was told of, to record on the sign-off check (for `base`) of the head it made. */
export interface PushRecord {
  headSha: string;
  base: string;
  push: PushEntry;
}

/** The push a job's delivery reported, as a record for the lane's trail. */
export function pushRecordOf(job: JobDescriptor): PushRecord | undefined {
  return job.push ? { headSha: job.headSha, base: job.base, push: job.push } : undefined;
}

/** What a job records first: the trail the queue handed it, or else its own push. */
export function pushesToRecord(job: JobDescriptor): PushRecord[] {
  if (job.trail) return job.trail;
  const own = pushRecordOf(job);
  return own ? [own] : [];
}

/**
 * A push came in while the job ran and was coalesced into it, too late to be in its trail: a sign-off
 * evaluation of the lane records it and evaluates once more.
 */
export function trailFollowUp(job: JobDescriptor): JobDescriptor {
  const { push: _push, trail: _trail, ...rest } = job;
  return { ...rest, kind: 'signoff', force: true, deliveryId: `${job.deliveryId}:pushes` };
}

/**
 * A pull request's job that names no repository id: it cannot be put in its pull request's lane, and a
 * lane of its own (its name's) would let it run beside that pull request's other jobs. Refused.
 */
export class NoRepositoryId extends Error {
  override readonly name = 'NoRepositoryId';
  constructor(readonly job: Pick<JobDescriptor, 'kind' | 'owner' | 'repo' | 'pullNumber' | 'deliveryId'>) {
    super(
      `the ${job.kind} job of ${job.owner}/${job.repo}#${job.pullNumber} (delivery ${job.deliveryId}) names no repository id: it is refused rather than run outside its pull request's lane`,
    );
  }
}

/**
 * Jobs of one lane (one pull request) never run at the same time, in any replica. Keyed by the
 * repository's id, never its name: a job queued under the old name of a repository renamed (or
 * transferred, or spelled in another case) meets the new name's jobs in the same lane. A sweep's page
 * evaluates nothing itself (it queues each pull request's job): its lane is its installation's.
 * Throws `NoRepositoryId` for a pull request's job without the id.
 */
export function laneOf(
  job: Pick<
    JobDescriptor,
    'installationId' | 'repositoryId' | 'owner' | 'repo' | 'pullNumber' | 'kind' | 'deliveryId' | 'sweep'
  >,
): string {
  if (job.sweep) return `installation:${job.installationId}:sweep`;
  if (!isRepositoryId(job.repositoryId)) throw new NoRepositoryId(job);
  return `repository:${job.repositoryId}#${job.pullNumber}`;
}

/** Whether the value is an id GitHub gives (a positive integer): read from JSON, so checked. */
export function isRepositoryId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * The name-keyed lane replicas before `repositoryId` used (`owner/repo#n`, as spelled): the keys a job
 * they queued in Redis was admitted under (queue-redis.ts reads them for such a job).
 */
export function nameLaneOf(job: Pick<JobDescriptor, 'owner' | 'repo' | 'pullNumber'>): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`;
}

/**
 * Requests that one queued job answers for all: the same (head, base) review while one is queued or
 * running (`until: 'end'`), and any sign-off evaluation while one waits (`until: 'start'`: an
 * evaluation reads the pull request when it starts, so a request after that start needs its own).
 * Re-run requests coalesce with nothing.
 */
export function coalescingOf(job: JobDescriptor): { key: string; until: 'start' | 'end' } | undefined {
  if (job.kind === 'merge-group') return undefined;
  // Each page of a sweep starts where another ended: none answers for another.
  if (job.sweep) return undefined;
  // A withdrawal is about a base the pull request left: no evaluation of its current base answers it.
  if (job.left) return undefined;
  // Marking evaluates nothing: an evaluation it absorbed would be lost. Marks coalesce among themselves.
  // A move's mark and a config change's mark replace different successes: neither absorbs the other.
  if (job.stale) return { key: job.moved ? 'signoff-moved' : 'signoff-stale', until: 'start' };
  // A recheck may evaluate nothing: a request it absorbed would be lost. Rechecks coalesce among themselves.
  if (job.kind === 'signoff') return { key: job.recheck ? 'signoff-recheck' : 'signoff', until: 'start' };
  if (job.force) return undefined;
  return { key: `review:${job.headSha}:${job.base}`, until: 'end' };
}

/** Reviews follow the latest head: a newer one supersedes queued and running reviews of the lane. */
export function followsLatestHead(job: JobDescriptor): boolean {
  return job.kind === 'review';
}

/** The fields every log line of a job carries (Probot's pino child loggers). */
export function logBindings(job: JobDescriptor): Record<string, string | number> {
  return {
    delivery: job.deliveryId,
    repository: `${job.owner}/${job.repo}`,
    pr: job.pullNumber,
    head: job.headSha.slice(0, 7),
    job: job.kind,
  };
}

/** What a job did, in plain data (it crosses threads and processes for the logs and metrics). */
export interface JobOutcome {
  review?: ReviewOutcome;
  signoff?: SignoffOutcome;
  mergeGroup?: MergeGroupRunResult;
  left?: LeftBaseResult;
  stale?: StaleResult;
  sweep?: SweepPage;
}

export interface ReviewOutcome {
  kind: ReviewRunResult['kind'];
  /** For `completed`: the check's conclusion. */
  conclusion?: 'success' | 'failure';
  /** For `superseded`: the newer head (a SHA) or why. */
  by?: string;
  reason?: string;
  requests: number;
  seconds: number;
}

export interface SignoffOutcome {
  kind: SignoffRunResult['kind'];
  /** For `evaluated`: the check's conclusion. */
  state?: string;
  /** For `evaluated`: the head whose review check was written under another config, to review again. */
  reviewOutdated?: { headSha: string; base: string };
  reason?: string;
  requests: number;
}

export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What a worker needs to run jobs: the review settings and, unless it is off, the sign-off's. */
export interface JobSettings {
  review: ReviewSettings;
  signoff: SignoffSettings | undefined;
}

/**
 * What a merge group's job is, from the group (a `merge_group` delivery, a re-run of its check, a
 * group ahead that got its verdict): it runs in the lane of the pull request its branch names (0 when
 * it names none, and the group fails saying so), after that pull request's queued evaluations.
 */
export function mergeGroupRequest(
  group: MergeGroupEvent,
): Pick<JobDescriptor, 'kind' | 'pullNumber' | 'headSha' | 'base' | 'force' | 'mergeGroup'> {
  const entry = queueEntryOf(group);
  return {
    kind: 'merge-group',
    pullNumber: entry.kind === 'entry' ? entry.pullNumber : 0,
    headSha: group.headSha,
    base: entry.kind === 'entry' ? entry.base : '',
    force: true,
    mergeGroup: group,
  };
}

/** The jobs that check again the groups built on a group whose checks were just written. */
export function groupsToWake(job: JobDescriptor, wake: readonly MergeGroupEvent[]): JobDescriptor[] {
  const { installationId, repositoryId, owner, repo, deliveryId } = job;
  return wake.map((group) => ({
    ...mergeGroupRequest(group),
    installationId,
    repositoryId,
    owner,
    repo,
    deliveryId: `${deliveryId}:behind-${job.headSha.slice(0, 7)}`,
  }));
}

/** The checks a merge group gets: the ones the app writes on pull requests. */
export function mergeGroupSettings(settings: JobSettings): MergeGroupSettings {
  const { review, signoff } = settings;
  const appId = signoff?.appId ?? review.appId;
  if (!appId) throw new Error('merge groups need the app id: only its own check runs count');
  return {
    checks: signoff ? [review.checkName, signoff.checkName] : [review.checkName],
    ...(signoff ? { signoff: { checkName: signoff.checkName } } : {}),
    review: {
      checkName: review.checkName,
      validator: review.validator,
      ...(review.configPath ? { configPath: review.configPath } : {}),
      ...(review.blueprints ? { blueprints: review.blueprints } : {}),
    },
    appId,
    ...(review.client ? { client: review.client } : {}),
  };
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * The review found the pull request at another head than the event named (events can arrive out of
 * order, more so across replicas): that head is the one to review, so it becomes a job of its own.
 */
export function followUpFor(job: JobDescriptor, outcome: JobOutcome): JobDescriptor | undefined {
  const outdated = outcome.signoff?.reviewOutdated ?? outcome.mergeGroup?.reviewAgain;
  if (outdated) {
    // The head's review check (or, for a merge group, a check it passed on) was written under another
    // config of the base: reviewed again (not a re-run: a review of it already queued answers this
    // one), and the sign-off after it.
    const { push: _recorded, trail: _trail, recheck: _recheck, mergeGroup: _group, ...rest } = job;
    return {
      ...rest,
      kind: 'review',
      ...outdated,
      force: false,
      deliveryId: `${job.deliveryId}:review-${outdated.headSha.slice(0, 7)}`,
    };
  }
  const by = outcome.review?.kind === 'superseded' ? outcome.review.by : undefined;
  if (!by || !SHA.test(by) || by === job.headSha) return undefined;
  // Who pushed that head is its own delivery's to say (this job's pushes are recorded).
  const { push: _recorded, trail: _trail, ...rest } = job;
  return { ...rest, headSha: by, force: false, deliveryId: `${job.deliveryId}:head-${by.slice(0, 7)}` };
}
