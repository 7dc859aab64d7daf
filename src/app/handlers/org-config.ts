/**
 * A config may `_extends` a file of another repository — the organisation's `.github` above all — and
 * a change there changes the config of every base branch that extends it without any push to those
 * branches. The app learns of it when it is installed on that repository too: the push to its default
 * branch (where `_extends` reads) is delivered like any other. Which repositories extend it cannot be
 * told without reading their configs, so every open pull request of the installation's other
 * repositories is marked (stale-checks.ts): a success of either check computed under another config
 * than its base resolves now is replaced by a failure until its next event or a Re-run, and a check
 * computed under the config it resolves now is left as it is. A marking reads a few things (the pull
 * request, its config, its checks' runs) and writes only where the resolved config changed — as a
 * membership change evaluates every open pull request of the installation (signoff.ts) — at most
 * `MARKS_PER_EXTENDED_CONFIG_CHANGE` of them per push (below).
 *
 * Which pushes: to the default branch of a repository named `.github` touching a YAML or JSON file,
 * or of any other repository touching a file named `blueprint-review.*` (a config another one may
 * extend as `repo` or `owner/repo:path`). A file another config extends under another name outside
 * `.github` is not seen: re-run the checks, or push to the bases, to apply it.
 */
import { loggedError } from '../log-text.js';
import type { Probot } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { installationRepositoryPages } from '../../adapters/github/installation.js';
import type { ClientOptions } from '../../adapters/github/client.js';
import { openPullRequests } from '../../adapters/github/pull-request.js';
import type { Logger } from '../jobs.js';
import type { AppRuntime } from '../runtime.js';
import type { BranchPush } from './base-config.js';
import { mayChangeConfig, pushOf } from './base-config.js';
import { eachThenThrow } from './enqueue.js';
import type { OpenPullRequest } from '../jobs.js';
import { queuePullRequests } from './signoff.js';

/** The organisation's own repository of defaults, which `_extends: .github` names. */
const ORG_DEFAULTS = '.github';
const CONFIG_NAME = /(^|\/)blueprint-review\.[^/]+$/i;

/**
 * The open pull requests one push of a config other repositories may extend marks at most, across the
 * installation's repositories. Each marking is a job of a few reads — and, with the queue down, two
 * check writes from the webhook handler itself — so an organisation's thousands of open pull requests
 * would spend the installation's rate limit (and GitHub's patience with the delivery) on a push that
 * may concern none of them. The first ones found are marked: repositories in the order GitHub lists
 * the installation's, the newest pull requests of each first; no further page is read. The others are
 * not marked, and an error line names their repositories: a success they show stands until their next
 * event or a Re-run — what fails closed for them is every later use of it (an evaluation of the pull
 * request, a merge group), which compares the config each check records with the one resolved now.
 */
export const MARKS_PER_EXTENDED_CONFIG_CHANGE = 100;

export function registerOrgConfigHandler(app: Probot, runtime: AppRuntime): void {
  app.on('push', async (context) => {
    const payload = context.payload as unknown as PushPayload;
    const push = pushOf(payload as unknown as Record<string, unknown>);
    const repository = payload.repository;
    if (!push || !repository || push.branch !== repository.default_branch) return;
    if (!mayBeExtended(push, repository.name)) return;
    const installationId = payload.installation?.id;
    if (installationId === undefined) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    const octokit = context.octokit as Octokit;
    const owner = repository.owner.login;
    // The pushed repository's own pull requests are its base-config handler's (reviewed again).
    const found = await pullRequestsToMark(
      octokit,
      { owner, repo: repository.name },
      runtime.settings.client,
      context.log,
    );
    context.log.info(
      {
        repository: `${owner}/${repository.name}`,
        repositories: found.marking.length,
        pulls: found.marking.reduce((n, m) => n + m.pulls.length, 0),
      },
      'a config other repositories may extend changed: marking their open pull requests',
    );
    if (found.unmarked.length > 0)
      context.log.error(
        { cap: MARKS_PER_EXTENDED_CONFIG_CHANGE, notMarked: found.unmarked.slice(0, 20) },
        `a config other repositories may extend changed: only the first ${MARKS_PER_EXTENDED_CONFIG_CHANGE} open pull requests were marked; those of ${found.unmarked.length} repositories (and any listed after them) keep their checks until their next event or a re-run`,
      );
    // Each repository's pull requests are queued even when another's could not be listed or queued;
    // the delivery then fails and can be redelivered.
    await eachThenThrow(found.marking, (m) =>
      queuePullRequests(context, runtime, installationId, m.repository, m.pulls, { stale: true }),
    );
    if (found.failures.length > 0) throw found.failures[0];
  });
}

interface Marking {
  repository: { owner: string; repo: string };
  pulls: OpenPullRequest[];
}

/**
 * The first `MARKS_PER_EXTENDED_CONFIG_CHANGE` open pull requests of the installation's repositories
 * other than `pushed`, page by page; the repositories whose pull requests are left out (wholly or in
 * part, as far as the pages read name them); and the listings that failed (the delivery fails after
 * the rest are marked, and can be redelivered).
 */
async function pullRequestsToMark(
  octokit: Octokit,
  pushed: { owner: string; repo: string },
  options: ClientOptions | undefined,
  log: Logger,
): Promise<{ marking: Marking[]; unmarked: string[]; failures: unknown[] }> {
  const marking: Marking[] = [];
  const unmarked: string[] = [];
  const failures: unknown[] = [];
  let left = MARKS_PER_EXTENDED_CONFIG_CHANGE;
  const pages = installationRepositoryPages(new GitHubClient(octokit, pushed.owner, '', options));
  for await (const page of pages) {
    for (const repository of page) {
      if (same(repository.owner, pushed.owner) && same(repository.repo, pushed.repo)) continue;
      const name = `${repository.owner}/${repository.repo}`;
      if (left === 0) {
        unmarked.push(name);
        continue;
      }
      try {
        const client = new GitHubClient(octokit, repository.owner, repository.repo, options);
        // One more than can be marked: whether some are left out is known without another page.
        const open = await openPullRequests(client, left + 1);
        if (open.length > left) unmarked.push(name);
        const pulls = open.slice(0, left);
        left -= pulls.length;
        if (pulls.length > 0) marking.push({ repository, pulls });
      } catch (error) {
        log.error({ err: loggedError(error), repository: name }, 'could not list its open pull requests');
        failures.push(error);
      }
    }
    if (left === 0) break;
  }
  return { marking, unmarked, failures };
}

/** Whether the push may change a file another repository's config extends (see above). */
export function mayBeExtended(push: BranchPush, repository: string): boolean {
  if (same(repository, ORG_DEFAULTS)) return mayChangeConfig(push);
  if (push.forced || push.touched === undefined) return true;
  return [...push.touched].some((path) => CONFIG_NAME.test(path));
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A push delivery, as far as it is read here. */
interface PushPayload {
  sender?: { type?: string; login?: string };
  installation?: { id: number };
  repository?: { name: string; default_branch?: string; owner: { login: string } };
}
