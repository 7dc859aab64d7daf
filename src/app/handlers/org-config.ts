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
 * membership change evaluates every open pull request of the installation (signoff.ts) — all of
 * them, a page per job (sweep.ts): bounded work per job, and none left out.
 *
 * Which pushes: to the default branch of a repository named `.github` touching a YAML or JSON file,
 * or of any other repository touching a file named `blueprint-review.*` (a config another one may
 * extend as `repo` or `owner/repo:path`). A file another config extends under another name outside
 * `.github` is not seen: re-run the checks, or push to the bases, to apply it.
 */
import type { Probot } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { logBindings } from '../jobs.js';
import type { AppRuntime } from '../runtime.js';
import { sweepJob } from '../sweep.js';
import type { BranchPush } from './base-config.js';
import { mayChangeConfig, pushOf } from './base-config.js';
import { startSweep } from './enqueue.js';

/** The organisation's own repository of defaults, which `_extends: .github` names. */
const ORG_DEFAULTS = '.github';
const CONFIG_NAME = /(^|\/)blueprint-review\.[^/]+$/i;

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
    const pushed = { owner: repository.owner.login, repo: repository.name, id: repository.id };
    // The pushed repository's own pull requests are its base-config handler's (reviewed again).
    const job = sweepJob(
      { ...pushed, installationId, delivery: context.id },
      { mode: 'stale', limit: runtime.pullRequestsPerSweepPage, skip: pushed },
    );
    const log = context.log.child(logBindings(job));
    log.info({}, 'a config other repositories may extend changed: marking their open pull requests');
    await startSweep(context.octokit as Octokit, runtime, job, log);
  });
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
  repository?: { id: number; name: string; default_branch?: string; owner: { login: string } };
}
