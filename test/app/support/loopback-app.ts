/**
 * The app loaded in this process into a Probot that reaches the loopback fake GitHub (GitHubServer)
 * over HTTP, as worker threads need (their requests are their own: nock here would not see them);
 * deliveries are handed to Probot directly, unsigned. Probot's own retries and write spacing are off
 * (unthrottled-octokit.ts); the app's spacing of worker threads' writes is kept, shortened.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Probot } from 'probot';
import { createBlueprintReviewApp } from '../../../src/app/index.js';
import type { BlueprintReviewApp } from '../../../src/app/index.js';
import type { AppOptions } from '../../../src/app/runtime.js';
import type { BurstPull, BurstRepository } from './burst.js';
import { webhookPayload } from './burst.js';
import { APP_ID, testPrivateKey } from './fake-github.js';
import { testProbot } from './test-probot.js';
import { account } from './accounts.js';
import { builtEntry } from '../../support/built-app.js';

/**
 * A tenth of GitHub's spacing for worker threads' requests: each write still waits its turn behind
 * the installation's previous one (the limiter runs as in production), but tests do not wait out
 * seconds per write.
 */
const TEST_SPACING_MS = { write: 100, notification: 300, search: 200 };

export interface LoopbackApp {
  app: BlueprintReviewApp;
  probot: Probot;
}

/**
 * The app with `options`, known as `blueprint-review[bot]` (no lookup), against GitHub on `githubPort`.
 * Its worker threads, if any, load the built worker (test/support/built-app.ts): from the sources,
 * each thread would transpile the engine again.
 */
export async function loopbackApp(githubPort: number, options: AppOptions = {}): Promise<LoopbackApp> {
  const app = createBlueprintReviewApp({
    botLogin: 'blueprint-review[bot]',
    appId: APP_ID,
    spacingMs: TEST_SPACING_MS,
    ...(options.workerThreads ? { workerEntry: pathToFileURL(builtEntry('worker')) } : {}),
    ...options,
  });
  const probot = testProbot({
    privateKey: testPrivateKey(),
    baseUrl: `http://127.0.0.1:${githubPort}/api/v3`,
  });
  await probot.load(app.app);
  return { app, probot };
}

/** GitHub's delivery that `by` opened, reopened or pushed head `k` (after head k-1) of `pull`. */
export async function receivePullRequest(
  probot: Probot,
  repository: BurstRepository,
  pull: BurstPull,
  k: number,
  action: 'opened' | 'synchronize' | 'reopened',
  by: string,
): Promise<void> {
  const body = webhookPayload(pull, pull.heads[k]!, action, repository.baseSha) as Record<string, unknown>;
  if (action === 'synchronize') body.before = pull.heads[k - 1];
  body.sender = account(by);
  await probot.receive({ id: randomUUID(), name: 'pull_request', payload: body } as never);
}
