/**
 * Facts about a pull request, read from GitHub: its current head and base, labels and requested
 * reviewers (one reading serves the review and the sign-off), the commit its changes are measured
 * from (the merge base, as GitHub's own "Files changed" tab does), and the changed files with their
 * diff hunks. The sign-off gate reads its facts (reviews, commits) next to these.
 */
import type { ChangedFile } from '../../review/types.js';
import type { Reviewers } from '../../signoff/requests.js';
import { compareCommits } from './compare.js';
import type { GitHubClient } from './client.js';
import { GitHubError, isNotFound, isUnavailableObject } from './client.js';
import { array, boolean, integer, nullable, object, oneOf, optional, string } from './shapes.js';
import type { ShapeOf } from './shapes.js';

/** GitHub lists at most 3,000 files of a pull request. */
export const MAX_LISTED_FILES = 3000;

export interface PullRequestRef {
  number: number;
  /**
   * GitHub's id of the base repository, from the same answer (absent when it gave none): a rename or
   * another spelling of the name asked for keeps it, so a job's lane is keyed by it (src/app/jobs.ts).
   */
  repositoryId?: number;
  headSha: string;
  /** The head branch when it is in this repository (not a fork's): GitHub lists its pushes. */
  headBranch?: string;
  baseSha: string;
  baseRef: string;
  author: string;
  state: string;
  labels: string[];
  /** Currently requested reviewers; teams as `org/slug`. */
  requested: Reviewers;
}

/** GitHub's pull request, as far as the app reads it (checked before use: shapes.ts). */
const PULL_SHAPE = object({
  number: integer,
  state: string,
  user: nullable(object({ login: string })),
  head: object({ sha: string, ref: optional(string), repo: optional(nullable(object({ id: integer }))) }),
  base: object({ sha: string, ref: string, repo: optional(object({ id: integer })) }),
  labels: optional(array(object({ name: optional(string) }))),
  requested_reviewers: optional(nullable(array(object({ login: optional(string) })))),
  requested_teams: optional(nullable(array(object({ slug: optional(string) })))),
});

function pullRequestRef(owner: string, data: ShapeOf<typeof PULL_SHAPE>): PullRequestRef {
  return {
    number: data.number,
    ...(data.base.repo ? { repositoryId: data.base.repo.id } : {}),
    headSha: data.head.sha,
    ...(sameRepository(data) && data.head.ref ? { headBranch: data.head.ref } : {}),
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    // A deleted account ("ghost") has no user: nobody, so nobody is excluded as the author.
    author: data.user?.login ?? '',
    state: data.state,
    labels: (data.labels ?? []).flatMap((l) => (l.name ? [l.name] : [])),
    requested: {
      users: (data.requested_reviewers ?? []).flatMap((u) => (u.login ? [u.login] : [])),
      teams: (data.requested_teams ?? []).flatMap((t) => (t.slug ? [`${owner}/${t.slug}`] : [])),
    },
  };
}

/** Whether the head branch is in the base's repository (a fork's head repository may be gone: null). */
function sameRepository(data: ShapeOf<typeof PULL_SHAPE>): boolean {
  return data.head.repo?.id !== undefined && data.head.repo.id === data.base.repo?.id;
}

export async function getPullRequest(client: GitHubClient, number: number): Promise<PullRequestRef> {
  const { owner, repo } = client;
  const data = await client.rest(
    `GET /repos/${owner}/${repo}/pulls/${number}`,
    () => client.octokit.rest.pulls.get({ owner, repo, pull_number: number }),
    PULL_SHAPE,
  );
  return pullRequestRef(owner, data);
}

/** Open pull requests whose head is `sha` — check events from forks arrive without them. */
export async function pullRequestsForCommit(client: GitHubClient, sha: string): Promise<PullRequestRef[]> {
  return (await openPullRequests(client)).filter((pr) => pr.headSha === sha);
}

/**
 * The repository's open pull requests, every page (GitHub's newest first): one left out would keep
 * a success that no longer holds when its approver leaves a team.
 */
export async function openPullRequests(client: GitHubClient): Promise<PullRequestRef[]> {
  return (await openPullRequestsFrom(client, { enough: Infinity, below: Infinity })).pulls;
}

/** Where a paged walk of a repository's open pull requests goes on, and how far it reads. */
export interface PullWalk {
  /** Stop reading pages once this many are found (more may be returned: the last page's). */
  enough: number;
  /**
   * Only those numbered below this: where the walk stopped. Numbers, because a pull request opened
   * or closed meanwhile shifts the pages and would move another out of the walk.
   */
  below: number;
  /** The page of GitHub's listing (newest first) where the walk goes on; absent: the first. */
  page?: number;
  /**
   * The highest number below `below` when the walk stopped (listed on `page`): no pull request opened
   * since is numbered between the two, so a page that starts at or above it leaves none out.
   */
  first?: number;
}

/**
 * Open pull requests numbered below `walk.below`, newest first, from the page the walk stopped on:
 * reading from the first page each time would make a walk through n pull requests O(n²) reads. A
 * pull request closed since moves the later ones to earlier pages, so the walk steps back while
 * the page it starts on begins below `walk.first` (an earlier page may hold the next one).
 * Each pull request found comes with the page it was listed on.
 */
export async function openPullRequestsFrom(
  client: GitHubClient,
  walk: PullWalk,
): Promise<{ pulls: PullRequestRef[]; pages: number[] }> {
  const { owner, repo } = client;
  const list = (page: number) =>
    client.rest(
      `GET /repos/${owner}/${repo}/pulls?page=${page}`,
      () => client.octokit.rest.pulls.list({ owner, repo, state: 'open', per_page: 100, page }),
      array(PULL_SHAPE),
    );
  const first = Math.min(walk.below, walk.first ?? walk.below);
  let page = Math.max(1, walk.page ?? 1);
  let data = await list(page);
  while (page > 1 && !(data[0] && data[0].number >= first)) data = await list(--page);
  const pulls: PullRequestRef[] = [];
  const pages: number[] = [];
  for (;;) {
    for (const pr of data.filter((pr) => pr.number < walk.below)) {
      pulls.push(pullRequestRef(owner, pr));
      pages.push(page);
    }
    if (data.length < 100 || pulls.length >= walk.enough) return { pulls, pages };
    data = await list(++page);
  }
}

const OPEN_PULLS_QUERY = `query($owner: String!, $repo: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    databaseId
    pullRequests(states: OPEN, first: $first, after: $after) {
      nodes { number headRefOid baseRefName }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const OPEN_PULLS_SHAPE = object({
  repository: object({
    databaseId: optional(nullable(integer)),
    pullRequests: object({
      nodes: array(object({ number: integer, headRefOid: string, baseRefName: string })),
      pageInfo: object({ hasNextPage: boolean, endCursor: optional(nullable(string)) }),
    }),
  }),
});

/** A page of open pull requests as GraphQL lists them, and the cursor of the next page if any. */
export interface PullRequestHeadsPage {
  /** GitHub's id of the repository that answered (the name asked for may be an old one). */
  repositoryId?: number;
  pulls: { number: number; headSha: string; baseRef: string }[];
  after?: string;
}

/**
 * One page (at most `first`, ≤ 100) of the repository's open pull requests (number, head, base)
 * through GraphQL, from GraphQL's cursor `after` (absent: the first page): another way to them when
 * the REST listing keeps failing (its pages carry every pull request in full; these three fields),
 * for work that must reach each one a page at a time.
 */
export async function openPullRequestHeadsPage(
  client: GitHubClient,
  { first, after }: { first: number; after?: string | undefined },
): Promise<PullRequestHeadsPage> {
  const { owner, repo } = client;
  const data: ShapeOf<typeof OPEN_PULLS_SHAPE> = await client.graphql(
    `GraphQL open pull requests of ${owner}/${repo}`,
    OPEN_PULLS_QUERY,
    { owner, repo, first: Math.min(100, Math.max(1, first)), after: after ?? null },
    OPEN_PULLS_SHAPE,
  );
  const { nodes, pageInfo } = data.repository.pullRequests;
  const pulls = nodes.map((n) => ({ number: n.number, headSha: n.headRefOid, baseRef: n.baseRefName }));
  const id =
    typeof data.repository.databaseId === 'number' ? { repositoryId: data.repository.databaseId } : {};
  return pageInfo.hasNextPage && pageInfo.endCursor
    ? { ...id, pulls, after: pageInfo.endCursor }
    : { ...id, pulls };
}

/**
 * The open pull requests into `base`, every page (one left out would keep a success computed under
 * the base's old config): GitHub filters by base, so a busy repository's other pull requests are not
 * listed. Filtered again here, so an answer that ignored the filter names none into another base.
 */
export async function openPullRequestsInto(client: GitHubClient, base: string): Promise<PullRequestRef[]> {
  const { owner, repo } = client;
  const found: PullRequestRef[] = [];
  for (let page = 1; ; page++) {
    const data = await client.rest(
      `GET /repos/${owner}/${repo}/pulls?base=${base}&page=${page}`,
      () => client.octokit.rest.pulls.list({ owner, repo, state: 'open', base, per_page: 100, page }),
      array(PULL_SHAPE),
    );
    found.push(...data.map((pr) => pullRequestRef(owner, pr)).filter((pr) => pr.baseRef === base));
    if (data.length < 100) return found;
  }
}

/** The base branch as it is now, and where a head branched off it. */
export interface BaseBranchNow {
  /** The branch's tip as GitHub resolves the name now; undefined when the answer does not say. */
  tip: string | undefined;
  /** The merge base of that tip and the head. */
  mergeBase: string;
  /**
   * The files the same comparison says differ between that merge base and the head (GitHub lists at
   * most 300, on its first page; `complete` when it listed fewer), renamed files by both paths.
   * Undefined when the answer listed none at all (not GitHub's: it always sends the list).
   */
  compared?: { paths: string[]; complete: boolean };
}

/** GitHub lists at most this many files of a comparison. */
const MAX_COMPARED_FILES = 300;

/**
 * The base branch now, by its name: GitHub's pull request (webhook payloads and the pulls API alike)
 * can name an older commit of the base as `base.sha` for a while after a push to it, and the owners
 * read at that commit would be the ones the push replaced. One comparison gives the tip and the merge
 * base together, read at the same moment. Where the name is not found (a name the comparison cannot
 * take, a GitHub that compares commits only), the comparison with `base.sha` answers, and no tip.
 */
export async function baseBranchNow(
  client: GitHubClient,
  pr: Pick<PullRequestRef, 'baseRef' | 'baseSha' | 'headSha'>,
): Promise<BaseBranchNow> {
  const shape = object({
    base_commit: optional(object({ sha: string })),
    merge_base_commit: object({ sha: string }),
    files: optional(array(object({ filename: string, previous_filename: optional(string) }))),
  });
  const comparedOf = (data: ShapeOf<typeof shape>): Pick<BaseBranchNow, 'compared'> =>
    data.files === undefined
      ? {}
      : {
          compared: {
            paths: data.files.flatMap((f) => [
              f.filename,
              ...(f.previous_filename ? [f.previous_filename] : []),
            ]),
            complete: data.files.length < MAX_COMPARED_FILES,
          },
        };
  try {
    const data = await compareCommits(client, pr.baseRef, pr.headSha, shape);
    return { tip: data.base_commit?.sha, mergeBase: data.merge_base_commit.sha, ...comparedOf(data) };
  } catch (error) {
    // A base name the comparison cannot take, or a head not served yet (`object-unavailable`: the
    // comparison of the two commits then says so too, and the job is run again).
    if (!isNotFound(error) && !isUnavailableObject(error)) throw error;
    const data = await compareCommits(client, pr.baseSha, pr.headSha, shape);
    return { tip: undefined, mergeBase: data.merge_base_commit.sha, ...comparedOf(data) };
  }
}

const CHANGED_FILE_SHAPE = object({
  filename: string,
  status: oneOf('added', 'modified', 'removed', 'renamed', 'copied', 'changed', 'unchanged'),
  previous_filename: optional(string),
  patch: optional(string),
});

export async function changedFiles(client: GitHubClient, number: number): Promise<ChangedFile[]> {
  const { owner, repo } = client;
  const files: ChangedFile[] = [];
  for (let page = 1; page <= MAX_LISTED_FILES / 100; page++) {
    const data = await client.rest(
      `GET /repos/${owner}/${repo}/pulls/${number}/files?page=${page}`,
      () => client.octokit.rest.pulls.listFiles({ owner, repo, pull_number: number, per_page: 100, page }),
      array(CHANGED_FILE_SHAPE),
    );
    for (const f of data) {
      const file: ChangedFile = { path: f.filename, status: f.status };
      if (f.previous_filename) file.previousPath = f.previous_filename;
      if (f.patch !== undefined) file.patch = f.patch;
      files.push(file);
    }
    if (data.length < 100) return files;
  }
  throw new GitHubError({ kind: 'too-many-changed-files', limit: MAX_LISTED_FILES });
}
