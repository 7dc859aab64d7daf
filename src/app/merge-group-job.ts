/**
 * One merge group's checks (src/signoff/merge-group.ts says when they pass): read the pull request
 * the group's branch names, what the group changes (its base's and head's trees), the pull request
 * head's tree and this app's own checks on the pull request's head; write each check (`Blueprint
 * review: <base>`, and `Blueprint sign-off: <base>` unless the gate is off) on the group's head. A
 * GitHub answer that may pass later (rate limit, 5xx) throws, and the queue tries again with backoff;
 * a job given up marks the group's checks failed (`abandonMergeGroup`), so the queue never waits on a
 * check that never comes. Any other failure to read is the group's verdict: failure, with the reason.
 *
 * A check that waits on the group ahead (it passed on the pull request, the group ahead has no
 * verdict of it yet) is shown in progress, and the job ends: it holds no worker and no retry. Once a
 * group's checks all have their verdict, the job names the queued groups built on it (`wake`), and
 * each is checked again (runtime.ts) — so a slow group ahead delays the groups behind it, and never
 * fails them; one that never gets a verdict leaves them to the queue's own timeout for checks.
 */
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient, isTransient } from '../adapters/github/client.js';
import type { ExistingCheckRun } from '../adapters/github/check-run.js';
import { CheckRun, completedAfter, listOwnCheckRuns } from '../adapters/github/check-run.js';
import type { TreeItem } from '../adapters/github/file-source.js';
import { isOnBranch, queuedGroups, showInProgress } from '../adapters/github/merge-group.js';
import { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import { markdownParagraphs } from '../core/inert-text.js';
import type {
  GroupFacts,
  GroupParent,
  GroupVerdict,
  MergeGroupEvent,
  OwnRun,
} from '../signoff/merge-group.js';
import {
  awaitsGroupAhead,
  contentDifferences,
  groupBase,
  groupOfQueueBranch,
  groupVerdict,
  queueEntryOf,
  treeChanges,
  waitingOutput,
} from '../signoff/merge-group.js';
import { checkNameFor } from './check-name.js';
import type { ReviewSettings } from './review-job.js';
import { explain } from './job-errors.js';
import { reviewBasis } from './review-basis.js';
import { basisIn } from '../review/markers.js';
import { writeVerdict } from './verdict-writing.js';

type WaitingOutput = ReturnType<typeof waitingOutput>;

export interface MergeGroupSettings {
  /** The checks the app writes on pull requests, without the base (`Blueprint review`, `Blueprint sign-off`). */
  checks: readonly string[];
  /**
   * The review check (one of `checks`) and how its basis is computed: a review written under another
   * config of the base than it has now vouches for nothing (review-job.ts, `reviewBasis`).
   */
  review?: Pick<ReviewSettings, 'checkName' | 'validator' | 'configPath' | 'blueprints'>;
  /**
   * The sign-off check (one of `checks`): its verdict records the config it was evaluated under too
   * (signoff-job.ts), and one evaluated under another config than the base has now vouches for nothing.
   */
  signoff?: { checkName: string };
  /** The app's id: only its own check runs count, and only they are adopted. */
  appId(): Promise<number>;
  client?: ClientOptions;
}

export interface MergeGroupTarget {
  octokit: Octokit;
  owner: string;
  repo: string;
  group: MergeGroupEvent;
}

export interface MergeGroupRunResult {
  /** Each check written (or already showing its verdict) on the group's head, by name. */
  verdicts: Record<string, GroupVerdict['conclusion'] | 'waiting'>;
  /** The queued groups built on this one, to check again now that its checks have their verdicts. */
  wake: MergeGroupEvent[];
  /** Why the groups built on this one could not be listed (they wait for the queue's timeout). */
  wakeFailed?: string;
  /**
   * A check passed on the pull request under another config of the base than it has now: its head is
   * to be reviewed again (and the sign-off evaluated again) under the config the base has now.
   */
  reviewAgain?: { headSha: string; base: string };
  requests: number;
}

export async function runMergeGroup(
  target: MergeGroupTarget,
  settings: MergeGroupSettings,
): Promise<MergeGroupRunResult> {
  const client = new GitHubClient(target.octokit, target.owner, target.repo, settings.client);
  const base = groupBase(target.group);
  // A group without a base branch has no check name branch protection could require: nothing to write.
  if (base === undefined) return { verdicts: {}, wake: [], requests: client.requests };
  const appId = await settings.appId();
  const names = settings.checks.map((check) => checkNameFor(check, base));
  let facts: GroupFacts;
  try {
    facts = await groupFacts(client, target.group, names, appId, settings);
  } catch (error) {
    if (isTransient(error)) throw error;
    facts = { kind: 'unverifiable', pullNumber: pullNumberOf(target.group), reason: explain(error) };
  }
  const waiting = names.filter((name) => awaitsGroupAhead(name, facts));
  const { verdicts, written } = await writeOnGroup(
    client,
    target.group.headSha,
    appId,
    names.map((name) =>
      waiting.includes(name)
        ? { name, waiting: waitingOutput(name, facts) }
        : { name, verdict: groupVerdict(name, facts) },
    ),
    settings.client?.sleep,
  );
  // Groups behind wait on this one's verdicts: none to give while one of its own checks waits, and
  // none new when they were already shown (they woke the groups behind when written — and groups
  // whose branches name each other could otherwise wake each other for ever).
  const behind = waiting.length > 0 || !written ? { wake: [] } : await groupsBuiltOn(client, target.group);
  const again = outdatedHead(facts, base);
  return { verdicts, ...behind, ...(again ? { reviewAgain: again } : {}), requests: client.requests };
}

/** The pull request's head, when a check there passed under a config the base no longer has. */
function outdatedHead(facts: GroupFacts, base: string): MergeGroupRunResult['reviewAgain'] {
  if (facts.kind !== 'same-content') return undefined;
  return [...facts.runs.values()].some((run) => run.outdated) ? { headSha: facts.headSha, base } : undefined;
}

/**
 * The queued groups whose branch names this group's head as the commit they are built on: the ones
 * that may wait for its verdicts. Best effort — a listing that fails leaves them to the queue's timeout
 * (a retry could only re-write this group's verdicts, and a job given up would replace them).
 */
async function groupsBuiltOn(
  client: GitHubClient,
  group: MergeGroupEvent,
): Promise<Pick<MergeGroupRunResult, 'wake' | 'wakeFailed'>> {
  const base = groupBase(group);
  if (base === undefined) return { wake: [] };
  try {
    const queued = await queuedGroups(client, base);
    const wake = queued.flatMap((branch) => {
      const behind = groupOfQueueBranch(branch.ref, branch.headSha);
      return behind && behind.baseSha === group.headSha && behind.headSha !== group.headSha ? [behind] : [];
    });
    return { wake };
  } catch (error) {
    return { wake: [], wakeFailed: explain(error) };
  }
}

function pullNumberOf(group: MergeGroupEvent): number {
  const entry = queueEntryOf(group);
  return entry.kind === 'entry' ? entry.pullNumber : 0;
}

async function groupFacts(
  client: GitHubClient,
  group: MergeGroupEvent,
  names: readonly string[],
  appId: number,
  settings: Pick<MergeGroupSettings, 'review' | 'signoff'>,
): Promise<GroupFacts> {
  const entry = queueEntryOf(group);
  if (entry.kind === 'unreadable') return entry;
  const { pullNumber, base } = entry;
  const reads = new PullRequestReads();
  const pr = await reads.pullRequest(client, pullNumber);
  if (pr.state !== 'open') return { kind: 'not-open', pullNumber, state: pr.state };
  if (pr.baseRef !== base) return { kind: 'other-base', pullNumber, base, pullBase: pr.baseRef };
  const pullFiles = await reads.changedFiles(client, pullNumber, pr.headSha);
  // What the group changes, from the trees (GitHub's comparison lists at most 300 files); a tree
  // GitHub truncates fails the read, and so the group, with the reason.
  const trees = reads.trees(client);
  const [baseTree, groupTree, pullTree] = await Promise.all([
    trees(group.baseSha),
    trees(group.headSha),
    trees(pr.headSha),
  ]);
  const groupHead = blobsByPath(groupTree);
  const changed = [
    ...treeChanges(blobsByPath(baseTree), groupHead),
    ...pullFiles.map((f) => ({ path: f.path, ...(f.previousPath ? { previousPath: f.previousPath } : {}) })),
  ];
  const differing = contentDifferences(changed, groupHead, blobsByPath(pullTree));
  if (differing.length > 0)
    return { kind: 'content-differs', pullNumber, headSha: pr.headSha, paths: differing };
  const runs = await ownRunsByName(client, pr.headSha, appId, names, async (run) => {
    // Only a passing check needs its basis checked: anything else does not pass anyway.
    if (run.status !== 'completed' || run.conclusion !== 'success') return false;
    const basis = await basisNow(client, reads, base, run.name, settings);
    return basis !== undefined && basisIn(run.output.summary) !== basis;
  });
  const anyPassed = [...runs.values()].some((r) => r.status === 'completed' && r.conclusion === 'success');
  // Only a check that passed on the pull request asks whether the group's parent is vouched for.
  const parent: GroupParent =
    !anyPassed || (await isOnBranch(client, base, group.baseSha))
      ? { kind: 'on-branch' }
      : { kind: 'group', sha: group.baseSha, runs: await ownRunsByName(client, group.baseSha, appId, names) };
  return { kind: 'same-content', pullNumber, headSha: pr.headSha, runs, parent };
}

/**
 * The basis a passing check named `name` must record to vouch for the group: the config the base
 * reads now, as the review (with its blueprint folders) or the sign-off computes it; undefined for a
 * check that records none. One config read per job, shared by both checks.
 */
async function basisNow(
  client: GitHubClient,
  reads: PullRequestReads,
  base: string,
  name: string,
  { review, signoff }: Pick<MergeGroupSettings, 'review' | 'signoff'>,
): Promise<string | undefined> {
  if (!review) return undefined;
  const isReview = name === checkNameFor(review.checkName, base);
  if (!isReview && !(signoff && name === checkNameFor(signoff.checkName, base))) return undefined;
  // Each reads the config where its job does (the sign-off: the default path); one read when the same.
  const path = isReview ? review.configPath : undefined;
  const loaded = await reads.repositoryConfig(client, base, review.validator, path);
  return reviewBasis(loaded, base, isReview ? review : {});
}

/**
 * This app's own latest run of each name on `sha` (GitHub lists the latest run of a name first);
 * `outdated` tells a run written under another config of the base than it has now.
 */
async function ownRunsByName(
  client: GitHubClient,
  sha: string,
  appId: number,
  names: readonly string[],
  outdated: (run: ExistingCheckRun) => Promise<boolean> = async () => false,
): Promise<Map<string, OwnRun>> {
  const own = await listOwnCheckRuns(client, sha, appId);
  const runs = new Map<string, OwnRun>();
  for (const name of names) {
    const run = own.find((r) => r.name === name);
    if (run)
      runs.set(name, {
        status: run.status,
        conclusion: run.conclusion,
        ...((await outdated(run)) ? { outdated: true as const } : {}),
      });
  }
  return runs;
}

/** Each entry's mode and object by path: a merge may keep a blob and change its mode (a file become a symlink). */
function blobsByPath(tree: readonly TreeItem[]): Map<string, string> {
  return new Map(
    tree.filter((item) => item.type !== 'tree').map((item) => [item.path, `${item.mode} ${item.sha}`]),
  );
}

/**
 * Writes each check on the group's head: this app's run of the name is updated (a redelivery adds no
 * second run), and a run already showing the verdict is left alone (`written`: whether any verdict
 * was). Each write is retried; one GitHub still refuses fails the job (`VerdictNotWritten`), and the
 * queue tries it again.
 */
async function writeOnGroup(
  client: GitHubClient,
  headSha: string,
  appId: number,
  checks: readonly ({ name: string; verdict: GroupVerdict } | { name: string; waiting: WaitingOutput })[],
  sleep: ((ms: number) => Promise<void>) | undefined,
): Promise<{ verdicts: MergeGroupRunResult['verdicts']; written: boolean }> {
  const existing = await listOwnCheckRuns(client, headSha, appId);
  const verdicts: MergeGroupRunResult['verdicts'] = {};
  let written = false;
  for (const entry of checks) {
    const { name } = entry;
    const run = existing.find((r) => r.name === name);
    if ('waiting' in entry) {
      verdicts[name] = 'waiting';
      // A run already waiting is left alone; a completed one (a re-run) gives way to a new run.
      const open = run !== undefined && run.status !== 'completed';
      if (!(open && run.output.title === entry.waiting.title))
        await showInProgress(client, name, headSha, run, entry.waiting);
      continue;
    }
    const { verdict } = entry;
    verdicts[name] = verdict.conclusion;
    if (shows(run, verdict)) continue;
    const check = new CheckRun(client, name, headSha, appId);
    if (run) check.adopt(run.id);
    await writeVerdict(check, verdict, run?.status === 'completed' ? run.conclusion : null, sleep);
    written = true;
  }
  return { verdicts, written };
}

function shows(run: ExistingCheckRun | undefined, verdict: GroupVerdict): boolean {
  return (
    run?.status === 'completed' &&
    run.conclusion === verdict.conclusion &&
    run.output.title === verdict.title &&
    run.output.summary === verdict.summary
  );
}

/**
 * A merge-group job given up (its retries spent): each check on the group's head is marked failed,
 * "not evaluated", unless it already shows a verdict that does not pass — or, on a later try of the
 * marks, a verdict GitHub completed after `since` (a re-run of the group wrote it meanwhile:
 * queue-give-up.ts). The queue then removes the pull request instead of waiting for its timeout, and
 * the summary says how to queue it again. The groups built on this one are named (as `runMergeGroup`
 * does), to be checked again: they fail too.
 */
export async function abandonMergeGroup(
  target: MergeGroupTarget,
  settings: MergeGroupSettings,
  reason: string,
  since?: string,
): Promise<Pick<MergeGroupRunResult, 'wake' | 'wakeFailed'>> {
  const client = new GitHubClient(target.octokit, target.owner, target.repo, settings.client);
  const base = groupBase(target.group);
  if (base === undefined) return { wake: [] };
  const appId = await settings.appId();
  const names = settings.checks.map((check) => checkNameFor(check, base));
  const existing = await listOwnCheckRuns(client, target.group.headSha, appId);
  const leftAsItIs = new Set(
    existing
      .filter((r) => (r.status === 'completed' && r.conclusion !== 'success') || completedAfter(r, since))
      .map((r) => r.name),
  );
  const verdict: GroupVerdict = {
    conclusion: 'failure',
    title: 'Not evaluated — queue the pull request again',
    summary: `**This merge group does not pass:** the app could not check it and gave up.\n\n${markdownParagraphs(reason)}\n\nQueue the pull request again to have it checked anew.\n`,
  };
  let written = false;
  for (const name of names) {
    if (leftAsItIs.has(name)) continue;
    const check = new CheckRun(client, name, target.group.headSha, appId);
    const run = existing.find((r) => r.name === name);
    if (run) check.adopt(run.id);
    await check.complete(verdict);
    written = true;
  }
  return written ? groupsBuiltOn(client, target.group) : { wake: [] };
}
