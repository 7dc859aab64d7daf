/**
 * Some events concern every open pull request of an installation: a config other repositories may
 * extend changed (handlers/org-config.ts: each is marked, stale-checks.ts), or who is in a team or may
 * write changed (handlers/signoff.ts: each is evaluated again). An organisation may have thousands,
 * and none may be left out: one left out keeps a success that no longer holds, and branch protection
 * merges on it. So that work is a *sweep*: a job that reads one page — at most `limit` open pull
 * requests, and at most `REPOSITORIES_PER_PAGE` repositories listed, from where the page before ended
 * — queues a job for each pull request found and the sweep's next page, and ends. Each page is
 * bounded work; the next one is a job in the queue like any other, so with Redis it outlives the
 * replica that queued it, any replica runs it, and a page that fails is retried (what it queued
 * before is taken once: every job it queues is named by the sweep's delivery and its place).
 *
 * The walk's order is fixed: repositories by id (by `owner/name` where GitHub gave none), each one's
 * pull requests by number, newest first. Not by name: a repository renamed or transferred between two
 * pages would move across where the walk stands, and its pull requests would never be reached. Where a page ended is the last pull request it reached, not a page number:
 * a pull request opened or closed between two pages moves no other one out of the walk. The GitHub
 * page it was listed on is kept only to read from there (one repository's thousands of pull requests
 * are not listed again from the first page by every job), stepping back where closings moved it.
 */
import type { ClientOptions, GitHubFailure, Octokit } from '../adapters/github/client.js';
import { GitHubClient, GitHubError } from '../adapters/github/client.js';
import { installationRepositories } from '../adapters/github/installation.js';
import { openPullRequestHeadsPage, openPullRequestsFrom } from '../adapters/github/pull-request.js';
import { loggedError } from './log-text.js';
import type { JobDescriptor, Logger } from './jobs.js';
import { pullRequestJob } from './jobs.js';

/** Repositories one page lists at most (one request each, also when a repository has none open). */
export const REPOSITORIES_PER_PAGE = 50;
/** Open pull requests one page queues at most: the default of `SweepRequest.limit`. */
export const PULL_REQUESTS_PER_PAGE = 100;

export interface Repository {
  owner: string;
  repo: string;
  /** GitHub's id: kept through a rename or a transfer, so the walk orders by it. */
  id?: number;
}

/** What a sweep is for, and where its next page starts. Plain data: it travels in the job. */
export interface Sweep {
  /** `stale`: each pull request is marked (stale-checks.ts); `evaluate`: its sign-off is evaluated. */
  mode: 'stale' | 'evaluate';
  /** Pull requests per page. */
  limit: number;
  /** Only these repositories (an event that names one); else every repository of the installation. */
  only?: Repository[];
  /** Left out (the pushed repository: its own pull requests are its base-config handler's). */
  skip?: Repository;
  /** Where this page starts; absent on the first. */
  from?: SweepCursor;
  /** The delivery that started the sweep: every job of every page is queued under it. */
  delivery: string;
}

/**
 * The next page starts in `repository` (`owner/name`, lower case) with the pull requests below
 * `below`, reading GitHub's listing from `page`, where `first` (the next one then) was listed,
 * rather than from its first page. Or, `through` GraphQL (a repository the REST listing kept failing
 * on, `only` it), from GraphQL's cursor `after` (absent: its first page).
 */
export interface SweepCursor {
  repository: string;
  /** That repository's id, when known: the walk goes on from it, whatever its name is by then. */
  id?: number;
  below?: number;
  page?: number;
  first?: number;
  through?: 'graphql';
  after?: string;
}

/** One page: the pull requests found, where the next page starts (none: the walk is done). */
export interface SweepPage {
  /** Each with its repository (`id`: the key of its job's lane, jobs.ts `laneOf`). */
  pulls: (Repository & { number: number; headSha: string; baseRef: string })[];
  next?: SweepCursor;
  /**
   * Repositories whose open pull requests could not be listed (logged each), and why: the page fails
   * after queuing the rest (`PullRequestsUnlisted`). With their ids: a walk through GraphQL of one
   * (`graphqlSweep`) keeps it.
   */
  unread: UnreadRepository[];
}

/**
 * Why a repository's open pull requests could not be listed. Plain data, as a page crosses from a
 * worker thread: GitHub's own typed failure (a rate limit, no answer: worth reading again later; not
 * found, refused: not), the name answering for another repository now, or anything else (a bug).
 */
export type UnlistedBecause =
  | { kind: 'github'; failure: GitHubFailure }
  | { kind: 'name-taken'; answered: number }
  | { kind: 'error'; detail: string };

export type UnreadRepository = Repository & { because: UnlistedBecause };

/** What a listing threw, kept typed. */
function unlistedBecause(error: unknown): UnlistedBecause {
  if (error instanceof GitHubError) return { kind: 'github', failure: error.failure };
  return { kind: 'error', detail: error instanceof Error ? error.message : String(error) };
}

/** The error a listing failed with, again: GitHub's typed one (a rate limit's wait with it: retry-wait.ts). */
export function unlistedError(because: UnlistedBecause): Error {
  switch (because.kind) {
    case 'github':
      return new GitHubError(because.failure);
    case 'name-taken':
      return new Error(
        `the name is another repository's now (GitHub answered for repository ${because.answered})`,
      );
    case 'error':
      return new Error(because.detail);
  }
}

/**
 * A page that could not list the open pull requests of some repositories, thrown after it queued the
 * rest: the queue runs it again (what it queued is taken once), no sooner than a rate limit one of
 * them met asked (its `cause`).
 */
export class PullRequestsUnlisted extends Error {
  override readonly name = 'PullRequestsUnlisted';
  constructor(readonly repositories: readonly UnreadRepository[]) {
    const first = repositories.find((r) => r.because.kind === 'github') ?? repositories[0];
    super(
      `could not list the open pull requests of ${repositories.map((r) => `${r.owner}/${r.repo}`).join(', ')}`,
      first ? { cause: unlistedError(first.because) } : {},
    );
  }
}

/**
 * The first page's job. `at`: the installation, and the repository the event named (its owner the
 * installation's account when it named none); a sweep's pages run in the installation's lane (jobs.ts).
 */
export function sweepJob(
  at: Repository & { installationId: number; delivery: string },
  sweep: Omit<Sweep, 'delivery' | 'from'>,
): JobDescriptor & { sweep: Sweep } {
  return {
    kind: 'signoff',
    installationId: at.installationId,
    repositoryId: at.id,
    owner: at.owner,
    repo: at.repo,
    pullNumber: 0,
    headSha: '',
    base: '',
    force: true,
    deliveryId: at.delivery,
    sweep: { ...sweep, delivery: at.delivery },
  };
}

/** Reads one page of the sweep `job` carries. */
export async function sweepPage(
  octokit: Octokit,
  job: JobDescriptor & { sweep: Sweep },
  options: ClientOptions | undefined,
  log: Logger,
): Promise<SweepPage> {
  const { sweep } = job;
  if (sweep.from?.through === 'graphql') return graphqlPage(octokit, job, options, log);
  const page: SweepPage = { pulls: [], unread: [] };
  let listed = 0;
  for (const repository of await walkFrom(octokit, job, options)) {
    if (listed === REPOSITORIES_PER_PAGE) return { ...page, next: cursorAt(repository) };
    const left = sweep.limit - page.pulls.length;
    if (left === 0) return { ...page, next: cursorAt(repository) };
    listed++;
    const client = new GitHubClient(octokit, repository.owner, repository.repo, options);
    const from = sweep.from && isWhere(repository, sweep.from) ? sweep.from : undefined;
    try {
      const found = await openPullsFrom(client, repository, from, left);
      page.pulls.push(...found.pulls);
      if (found.next) return { ...page, next: found.next };
    } catch (error) {
      log.error(
        { err: loggedError(error), repository: `${repository.owner}/${repository.repo}` },
        'could not list its open pull requests',
      );
      page.unread.push({ ...repository, because: unlistedBecause(error) });
    }
  }
  return page;
}

/**
 * One page of a walk through GraphQL (`SweepCursor.through`): at most `limit` of its one repository's
 * open pull requests from the cursor, and the next page at GraphQL's next cursor. Bounded like a REST
 * page: a repository of thousands is not listed within one job.
 */
async function graphqlPage(
  octokit: Octokit,
  job: JobDescriptor & { sweep: Sweep },
  options: ClientOptions | undefined,
  log: Logger,
): Promise<SweepPage> {
  const [repository] = await walkFrom(octokit, job, options);
  if (!repository) return { pulls: [], unread: [] };
  const client = new GitHubClient(octokit, repository.owner, repository.repo, options);
  try {
    const found = await openPullRequestHeadsPage(client, {
      first: job.sweep.limit,
      after: job.sweep.from?.after,
    });
    const answered = answeredRepository(repository, found.repositoryId);
    if (!answered) {
      // The name now belongs to another repository (renamed away, and the name taken again): its pull
      // requests are not the ones this walk is about.
      log.error(
        {
          repository: `${repository.owner}/${repository.repo}`,
          id: repository.id,
          answered: found.repositoryId,
        },
        'GraphQL answered for another repository under this name',
      );
      return {
        pulls: [],
        unread: [{ ...repository, because: { kind: 'name-taken', answered: found.repositoryId! } }],
      };
    }
    const pulls = found.pulls.map((pr) => ({ ...answered, ...pr }));
    if (found.after === undefined) return { pulls, unread: [] };
    return {
      pulls,
      unread: [],
      next: { ...cursorAt(answered), through: 'graphql', after: found.after },
    };
  } catch (error) {
    log.error(
      { err: loggedError(error), repository: `${repository.owner}/${repository.repo}` },
      'GraphQL did not list its open pull requests either',
    );
    return { pulls: [], unread: [{ ...repository, because: unlistedBecause(error) }] };
  }
}

/**
 * The first page of a walk through GraphQL of one repository of `job`'s sweep — one whose pull
 * requests the REST listing kept failing to give — with its id, which every page after keeps.
 */
export function graphqlSweep(
  job: JobDescriptor & { sweep: Sweep },
  repository: Repository,
): JobDescriptor & { sweep: Sweep } {
  const { skip: _skip, ...sweep } = job.sweep;
  return {
    ...job,
    sweep: { ...sweep, only: [repository], from: { ...cursorAt(repository), through: 'graphql' } },
  };
}

/** The repositories the sweep walks, in its order, from the one where this page starts. */
async function walkFrom(
  octokit: Octokit,
  { owner, sweep }: JobDescriptor & { sweep: Sweep },
  options: ClientOptions | undefined,
): Promise<Repository[]> {
  const all = sweep.only ?? (await installationRepositories(new GitHubClient(octokit, owner, '', options)));
  const { from } = sweep;
  return all
    .filter((r) => !sweep.skip || walkOrder(r, sweep.skip) !== 0)
    .sort(walkOrder)
    .filter((r) => !from || walkOrder(r, cursorRepository(from)) >= 0);
}

/**
 * The walk's order: by id where both have one (a rename or transfer keeps it), else by name (a cursor
 * a page queued before ids were kept, a repository an event named).
 */
function walkOrder(a: Repository, b: Repository): number {
  if (a.id !== undefined && b.id !== undefined) return a.id - b.id;
  const [x, y] = [nameOf(a), nameOf(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The repository a cursor stands in, as the walk compares repositories. */
function cursorRepository(from: SweepCursor): Repository {
  const [owner = '', repo = ''] = from.repository.split('/');
  return { owner, repo, ...(from.id === undefined ? {} : { id: from.id }) };
}

/** Whether the cursor stands in `r` (by id when both know it: its name may have changed since). */
function isWhere(r: Repository, from: SweepCursor): boolean {
  return walkOrder(r, cursorRepository(from)) === 0;
}

/** A cursor at the start of `r`. */
function cursorAt(r: Repository): SweepCursor {
  return { repository: nameOf(r), ...(r.id === undefined ? {} : { id: r.id }) };
}

/**
 * At most `left` of the repository's open pull requests, newest first, from `from` (where the page
 * before stopped in it), and where the next page starts when more are left.
 */
async function openPullsFrom(
  client: GitHubClient,
  repository: Repository,
  from: SweepCursor | undefined,
  left: number,
): Promise<Pick<SweepPage, 'pulls' | 'next'>> {
  // One more than fits: whether this repository has more is known without another page.
  const found = await openPullRequestsFrom(client, {
    enough: left + 1,
    below: from?.below ?? Infinity,
    ...(from?.page ? { page: from.page } : {}),
    ...(from?.first ? { first: from.first } : {}),
  });
  const open = found.pulls
    .map((pr, i) => ({ pr, page: found.pages[i]! }))
    .sort((a, b) => b.pr.number - a.pr.number);
  const taken = open.slice(0, left);
  const pulls = taken.map(({ pr }) => ({
    ...repository,
    // The pull request's own answer names its repository's id (its job's lane).
    ...(pr.repositoryId === undefined ? {} : { id: pr.repositoryId }),
    number: pr.number,
    headSha: pr.headSha,
    baseRef: pr.baseRef,
  }));
  if (open.length <= left) return { pulls };
  // More than fit (left ≥ 1, so one was taken): the next page goes on below the last taken, from the
  // GitHub page of the one that did not fit.
  const [last, first] = [taken.at(-1)!, open[left]!];
  return {
    pulls,
    next: { ...cursorAt(repository), below: last.pr.number, page: first.page, first: first.pr.number },
  };
}

/**
 * The repository as GitHub answered for it: with the id the answer gave (it may have been asked for
 * by an old name, or listed without one), or undefined when that id is not the walk's (the name asked
 * for is another repository's now).
 */
function answeredRepository(asked: Repository, id: number | undefined): Repository | undefined {
  if (id === undefined) return asked;
  if (asked.id !== undefined && asked.id !== id) return undefined;
  return { ...asked, id };
}

/** The jobs a page queues: one per pull request found, then the next page's. */
export function sweepJobs(job: JobDescriptor & { sweep: Sweep }, page: SweepPage): JobDescriptor[] {
  const { sweep } = job;
  const jobs = page.pulls.map((pr) =>
    pullRequestJob(
      pr,
      {
        installationId: job.installationId,
        repositoryId: pr.id,
        owner: pr.owner,
        repo: pr.repo,
        deliveryId: sweep.delivery,
      },
      { kind: 'signoff', force: true, ...(sweep.mode === 'stale' ? { stale: true as const } : {}) },
    ),
  );
  if (page.next) {
    const { repository, below, through, after } = page.next;
    const { trail: _trail, ...rest } = job;
    const at = through ? `:${through}@${after ?? ''}` : '';
    jobs.push({
      ...rest,
      deliveryId: `${sweep.delivery}:from-${repository}#${below ?? ''}${at}`,
      sweep: { ...sweep, from: page.next },
    });
  }
  return jobs;
}

/** `owner/name`, lower case: GitHub's names are case-insensitive. */
function nameOf(r: Repository): string {
  return `${r.owner}/${r.repo}`.toLowerCase();
}
