/**
 * The app in this process on the loopback fake GitHub, one pull request open (acme/shop#7, the
 * loopback repository's head): the start of every test of what a queue on a real Redis does to a
 * review or a verdict. Its GitHub, its Probot and its runtime are stopped by the file's clean-ups.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'probot';
import { createBlueprintReviewApp } from '../../../src/app/index.js';
import type { AppOptions } from '../../../src/app/runtime.js';
import { APP_ID } from './fake-github.js';
import type { FakeCheckRun } from './github-server.js';
import { GitHubServer } from './github-server.js';
import type { LoopbackSignoff } from './loopback-signoff.js';
import { reviewEvent } from './loopback-signoff.js';
import { testProbot } from './test-probot.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

export interface AppOnFakeGitHub {
  gh: GitHubServer;
  /** A delivery (default: a review submitted on the pull request): `answered`, or the error it failed with. */
  deliver(name?: string, payload?: Record<string, unknown>): Promise<string>;
  /** The newest run of the check `name` on the fake GitHub (the one GitHub shows). */
  latest(name: string): FakeCheckRun;
}

export async function startAppOnFakeGitHub(
  { repo, privateKey, cleanups }: Pick<LoopbackSignoff, 'repo' | 'privateKey' | 'cleanups'>,
  options: AppOptions,
  log?: Logger,
): Promise<AppOnFakeGitHub> {
  const gh = await new GitHubServer(repo().dir, repo().baseSha, CONFIG).start();
  cleanups.push(() => gh.stop());
  gh.openPull({ owner: 'acme', repo: 'shop', number: 7, head: repo().headSha, branch: 'feature' });
  const app = createBlueprintReviewApp({ botLogin: 'blueprint-review[bot]', appId: APP_ID, ...options });
  const probot = testProbot({
    privateKey: privateKey(),
    baseUrl: `http://127.0.0.1:${gh.port}/api/v3`,
    ...(log ? { log } : {}),
  });
  await probot.load(app.app);
  cleanups.push(() => app.runtime()!.close(1_000));
  return {
    gh,
    deliver: (name = 'pull_request_review', payload = reviewEvent(repo())) =>
      probot.receive({ id: randomUUID(), name, payload } as never).then(
        () => 'answered',
        (error: unknown) => String(error),
      ),
    latest: (name) => gh.checkRuns.filter((r) => r.name === name).reduce((a, b) => (b.id > a.id ? b : a)),
  };
}
