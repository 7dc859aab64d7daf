/**
 * The app's own octokit (`app.auth()`, no installation) is one object for the process's life: every
 * GitHub client built over it — each failed lookup of the app's identity, each recovery or redelivery
 * scan — must not add its request hooks again, or they pile up with uptime and every app-level
 * request runs through all of them. The real app, real webhook payloads, the loopback fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import type { BurstRepository } from './support/burst.js';
import { burstRepository, GitHubServer, REVIEW_CHECK, until, webhookPayload } from './support/burst.js';
import { account } from './support/accounts.js';
import { testPrivateKey } from './support/fake-github.js';
import { testProbot } from './support/test-probot.js';
import { receivePullRequest } from './support/loopback-app.js';

const EDITS = 30;
let repository: BurstRepository;
let gh: GitHubServer;
let app: BlueprintReviewApp;
let probot: Probot;

beforeAll(async () => {
  repository = burstRepository(1, 1, 1);
  gh = await new GitHubServer(repository.dir, repository.baseSha, undefined).start();
  // No login or id given: the app looks itself up (`GET /app`) when a bot's event comes in.
  app = createBlueprintReviewApp({ spacingMs: { write: 10, notification: 30, search: 20 } });
  probot = testProbot({ privateKey: testPrivateKey(), baseUrl: `http://127.0.0.1:${gh.port}/api/v3` });
  await probot.load(app.app);
}, 60_000);

afterAll(async () => {
  await app?.runtime()?.close(0);
  await gh?.stop();
  repository?.remove();
});

/** Every hook added to `octokit` from now on, by kind and name. */
function hooksAdded(octokit: { hook: Record<'before' | 'after' | 'error' | 'wrap', unknown> }): string[] {
  const added: string[] = [];
  for (const kind of ['before', 'after', 'error', 'wrap'] as const) {
    const add = octokit.hook[kind] as (name: string, hook: unknown) => void;
    octokit.hook[kind] = (name: string, hook: unknown) => {
      added.push(`${kind} ${name}`);
      add.call(octokit.hook, name, hook);
    };
  }
  return added;
}

it('adds no request hook to the app’s own octokit per event, however many events look the app up', async () => {
  const shared = (await probot.auth()) as unknown as Parameters<typeof hooksAdded>[0];
  expect(await probot.auth()).toBe(shared);
  const added = hooksAdded(shared);
  const pull = repository.pulls[0]!;
  gh.openPull({ ...pull, head: pull.heads[0]! });
  // GitHub fails each lookup of the app's identity: each bot event looks it up again.
  gh.refuse('GET', /^\/api\/v3\/app$/, EDITS, 502);
  for (let edit = 0; edit < EDITS; edit++) {
    const payload = webhookPayload(pull, pull.heads[0]!, 'opened', repository.baseSha) as Record<
      string,
      unknown
    >;
    payload.action = 'edited';
    payload.sender = account('renovate[bot]');
    await probot.receive({ id: randomUUID(), name: 'pull_request', payload } as never);
  }
  expect(gh.requested.filter((r) => r === 'GET /app')).toHaveLength(EDITS);
  // And a review, through the whole app (it looks the app up once more: found now).
  await receivePullRequest(probot, repository, pull, 0, 'opened', 'ann');
  await until(
    () => gh.checkRuns.some((r) => r.name === REVIEW_CHECK && r.status === 'completed'),
    'the review',
  );
  // The client's two hooks at most, once (none when a client was built over it before this test).
  expect(added.length).toBeLessThanOrEqual(2);
  await app.runtime()?.queue.idle();
});
