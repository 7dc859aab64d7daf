/**
 * A config change on a base branch applies to the pull requests already open into it. Config, rules
 * and approver lists are read from the base branch's tip at each evaluation, but nothing evaluated an
 * open pull request when that tip changed: a `success` computed under the old config (one approver
 * where the new config asks for the security team too, a rule now added, a config now invalid) stood,
 * and the pull request merged on it. So a `push` to a branch that is the base of open pull requests,
 * and that changes its config as the app reads it (`.github/blueprint-review.yml` and every file it
 * `_extends`, compared as read at the push's `before` and `after`), reviews each of them again — the
 * review and the sign-off, as **Re-run** would — under the new config: the newest
 * `reviewsPerConfigChange` of them; the others have each success under the old config replaced by a
 * failure until their next event (stale-checks.ts), so no push costs more than that many reviews. Any other push that touches a
 * file a blueprint or the config can be read from may have moved the base's blueprint, whose owners and
 * contract status at the tip are asked too (src/signoff/current-owners.ts): the sign-off of each of the
 * newest `rechecksPerBaseMove` that shows success is evaluated again (one read of its check for the
 * others); the rest have a sign-off success replaced by a failure until their next event (stale-checks.ts).
 *
 * Cost: a push that touches no YAML or JSON file (nothing the config can be read from) and lists its
 * commits costs nothing; else one listing of the open pull requests into the branch, and only when
 * there are some, the config read at both commits. A change in another repository the config
 * extends (the organisation's `.github`) is org-config.ts's.
 */
import type { Probot } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { CONFIG_PATH, configIdentity, loadRepositoryConfig } from '../../adapters/github/config.js';
import { openPullRequestsInto } from '../../adapters/github/pull-request.js';
import type { AppRuntime } from '../runtime.js';
import type { JobRequest } from './enqueue.js';
import { enqueueEach } from './enqueue.js';
import type { JobDescriptor } from '../jobs.js';
import { logBindings } from '../jobs.js';

export { configIdentity };

export function registerBaseConfigHandlers(app: Probot, runtime: AppRuntime): void {
  app.on('push', async (context) => {
    const push = pushOf(context.payload as unknown as Record<string, unknown>);
    if (!push || !mayChangeConfig(push)) return;
    if (await runtime.isOwnEvent(context.payload.sender ?? undefined)) return;
    const { owner, repo } = context.repo();
    const client = new GitHubClient(context.octokit as Octokit, owner, repo, runtime.settings.client);
    const open = await openPullRequestsInto(client, push.branch);
    if (open.length === 0) return;
    // Config changed: both checks again under it. Else the base's blueprint may have moved (owners,
    // contract status: src/signoff/current-owners.ts): each sign-off that shows success is evaluated again.
    const changed = await configChanged(client, push, runtime);
    context.log.info(
      { branch: push.branch, pulls: open.length },
      changed
        ? 'the base branch config changed: reviewing its open pull requests again'
        : 'the base branch moved: checking the successes of its open pull requests again',
    );
    // Each pull request is queued even when another one's could not be; the delivery then fails and
    // can be redelivered, and the refused ones wait for the queue (a page of them marked delayed). A config change reviews the first ones again
    // (GitHub lists the newest first); the rest have a success under the old config replaced.
    // A move of the blueprint rechecks the first ones too; the rest have their sign-off success replaced.
    const bound = changed ? runtime.reviewsPerConfigChange : runtime.rechecksPerBaseMove;
    const installationId = context.payload.installation?.id;
    if (installationId === undefined) throw new Error(`push delivery ${context.id} names no installation`);
    const jobs = open.map((pr, i): JobDescriptor => ({
      kind: changed && i < bound ? 'review' : 'signoff',
      installationId,
      repositoryId: context.payload.repository.id,
      owner,
      repo,
      pullNumber: pr.number,
      headSha: pr.headSha,
      base: push.branch,
      force: true,
      deliveryId: context.id,
      ...jobFlags(changed, i < bound, push.before),
    }));
    await enqueueEach(context.octokit as Octokit, runtime, jobs, (job) =>
      context.log.child(logBindings(job)),
    );
  });
}

/** What a pull request's job does about the push: evaluated again (within the bound) or marked. */
function jobFlags(
  changed: boolean,
  within: boolean,
  before: string,
): Pick<JobRequest, 'recheck' | 'stale' | 'moved' | 'movedFrom'> {
  if (changed) return within ? {} : { stale: true };
  return within ? { recheck: true } : { stale: true, moved: true, movedFrom: before };
}

/** A push to a branch, as far as it is read here (read defensively: a field missing reads as unknown). */
export interface BranchPush {
  branch: string;
  before: string;
  after: string;
  forced: boolean;
  /** Every path the pushed commits add, modify or remove; undefined when the delivery does not list them all. */
  touched: Set<string> | undefined;
}

const NO_COMMIT = /^0{40}$/;
/**
 * A push delivery may leave commits out: GitHub documents a cap of 2,048 (webhooks) and of 20 (the
 * same payload in its event timeline, and in older versions of the webhook docs). A delivery listing
 * this many is not trusted to list them all: a commit cut from it could be the one that changed the
 * config. Trusting too little costs a listing of the open pull requests; trusting too much, a verdict
 * under a config the base no longer has.
 */
const TRUSTED_COMMITS = 20;
/**
 * A commit's `added`/`modified`/`removed` lists are cut too for a large commit (GitHub's docs have
 * named 3,000 paths per commit and 5,000 per list; its other file listings stop at 300 a page). A
 * commit naming this many paths is not trusted to name them all.
 */
const TRUSTED_PATHS_PER_COMMIT = 300;

/** The push, or undefined for one that changes no config read from a branch (a tag, a deletion, a new branch). */
export function pushOf(payload: Record<string, unknown>): BranchPush | undefined {
  const { ref, before, after } = payload;
  if (typeof ref !== 'string' || typeof before !== 'string' || typeof after !== 'string') return undefined;
  if (!ref.startsWith('refs/heads/') || payload.deleted === true) return undefined;
  // A new branch is no pull request's base yet; a deleted one is none any more.
  if (NO_COMMIT.test(before) || NO_COMMIT.test(after)) return undefined;
  const branch = ref.slice('refs/heads/'.length);
  // A merge queue's group branch is GitHub's, never a pull request's base.
  if (branch.startsWith('gh-readonly-queue/')) return undefined;
  return { branch, before, after, forced: payload.forced === true, touched: touchedPaths(payload) };
}

/**
 * Every path the push's commits name, or undefined when the delivery may not name them all: no
 * commits listed, as many as GitHub may cut the list at, fewer than its `size` says, a list that does
 * not end at the commit pushed (`after`), or a commit whose lists are missing or as long as GitHub
 * may cut them at. Undefined reads as "may have changed anything" (fail closed).
 */
function touchedPaths(payload: Record<string, unknown>): Set<string> | undefined {
  const { commits, size, after } = payload;
  if (!Array.isArray(commits) || commits.length === 0 || commits.length >= TRUSTED_COMMITS) return undefined;
  if (size !== undefined && size !== commits.length) return undefined;
  if ((commits[commits.length - 1] as Record<string, unknown> | null)?.id !== after) return undefined;
  const touched = new Set<string>();
  for (const commit of commits) {
    const named = pathsOf(commit);
    if (named === undefined) return undefined;
    for (const path of named) touched.add(path);
  }
  return touched;
}

/** The paths one listed commit names, or undefined when its lists are missing or may have been cut. */
function pathsOf(commit: unknown): string[] | undefined {
  const paths: string[] = [];
  for (const key of ['added', 'modified', 'removed']) {
    const listed = (commit as Record<string, unknown> | null)?.[key];
    if (!Array.isArray(listed)) return undefined;
    for (const path of listed) if (typeof path === 'string') paths.push(path);
  }
  return paths.length >= TRUSTED_PATHS_PER_COMMIT ? undefined : paths;
}

/** The config and the files it extends are YAML (or JSON, which YAML reads): a push touching none changes none. */
const CONFIG_LIKE = /\.(ya?ml|json)$/i;

/** Whether the push may change the config: it touched a file it could be read from, or does not say. */
export function mayChangeConfig(push: BranchPush): boolean {
  if (push.forced || push.touched === undefined) return true;
  return [...push.touched].some((path) => path === CONFIG_PATH || CONFIG_LIKE.test(path));
}

/**
 * Whether the config as the app reads it differs between the push's two commits. A read that fails
 * counts as a change: evaluating again costs an evaluation, a missed change a verdict that no longer holds.
 */
async function configChanged(client: GitHubClient, push: BranchPush, runtime: AppRuntime): Promise<boolean> {
  const { validator, configPath } = runtime.settings;
  try {
    const [before, after] = await Promise.all(
      [push.before, push.after].map((ref) => loadRepositoryConfig(client, ref, validator, configPath)),
    );
    return configIdentity(before!, push.before) !== configIdentity(after!, push.after);
  } catch {
    return true;
  }
}
