/**
 * Who pushed, under "latest head wins" (issue 10, issue 14): pushes of heads skipped for a newer one,
 * and of deliveries coalesced into a job already running, are recorded — by the job that runs next,
 * in a worker thread (never by the webhook server's thread), in one write, with one sign-off evaluation
 * for the lot (a record is a new run, never one rewritten). Real webhook payloads, real app with worker threads, the loopback fake GitHub over a git
 * repository; the in-process queue and BullMQ on a real Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import type { AppOptions } from '../../src/app/runtime.js';
import { parsePushes } from '../../src/signoff/pushes.js';
import type { Push } from '../../src/signoff/pushes.js';
import type { BurstPull, BurstRepository } from '../app/support/burst.js';
import { burstRepository, GitHubServer, SIGNOFF_CHECK } from '../app/support/burst.js';
import { loopbackApp, receivePullRequest } from '../app/support/loopback-app.js';
import type { RedisServer } from '../app/support/redis-server.js';
import { startRedis } from '../app/support/redis-server.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
/** A push without its pusher's account id (each delivery's sender here has one). */
const withoutId = ({ id: _id, ...push }: Push): Push => push;
let repository: BurstRepository;
let gh: GitHubServer;
let redis: RedisServer;

beforeAll(async () => {
  // Two pull requests for each queue.
  repository = burstRepository(1, 4, 4);
  gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await gh?.stop();
  await redis?.stop();
  repository?.remove();
});

const backends: [string, () => AppOptions, number][] = [
  ['in process', () => ({}), 0],
  [
    'BullMQ on Redis',
    () => ({ redisUrl: redis.url, redisQueue: { prefix: `test-${randomUUID()}`, pollMs: 100 } }),
    2,
  ],
];

describe.each(backends)('the trail of pushes (%s)', (_label, options, firstPull) => {
  let app: BlueprintReviewApp;
  let probot: Probot;

  beforeAll(async () => {
    ({ app, probot } = await loopbackApp(gh.port, { workerThreads: true, concurrency: 2, ...options() }));
  }, 60_000);

  afterAll(async () => {
    await app?.runtime()?.close(0);
  });

  /** GitHub's delivery for `pull`'s head `k`: `by` opened, reopened or pushed it (after head k-1). */
  async function deliver(
    pull: BurstPull,
    k: number,
    action: 'opened' | 'synchronize' | 'reopened',
    by: string,
  ): Promise<void> {
    const head = pull.heads[k]!;
    gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
    await receivePullRequest(probot, repository, pull, k, action, by);
  }

  const signoffRunsOn = (head: string) =>
    gh.checkRuns.filter((r) => r.name === SIGNOFF_CHECK && r.head_sha === head);
  /** The pushes recorded on a head, without the pushers' account ids (each delivery's sender has one). */
  const recorded = (head: string) =>
    signoffRunsOn(head).flatMap((r) => parsePushes(r.external_id, head).map(withoutId));
  const reads = (path: string) => gh.requested.filter((r) => r === `GET ${path}`).length;

  it('records the push of every head skipped for a newer one, and evaluates the sign-off once', async () => {
    const pull = repository.pulls[firstPull]!;
    const [h0, h1, h2, h3] = pull.heads as [string, string, string, string];
    // The review of the opened head waits while three pushes come in: h1 and h2 are never reviewed.
    const held = gh.hold(new RegExp(`/git/trees/${h0}$`));
    await deliver(pull, 0, 'opened', 'ann');
    await held.arrived;
    await deliver(pull, 1, 'synchronize', 'bob');
    await deliver(pull, 2, 'synchronize', 'cat');
    await deliver(pull, 3, 'synchronize', 'dan');
    held.release();
    await app.runtime()!.queue.idle();

    expect(recorded(h0)).toEqual([{ after: h0, by: 'ann', before: null }]);
    // The job of h3 records the pushes of the heads skipped for it with its own, in one write on h3's
    // run: the skipped heads get no run (one write a second is the installation's budget).
    expect(recorded(h3)).toEqual([
      { after: h1, by: 'bob', before: h0 },
      { after: h2, by: 'cat', before: h1 },
      { after: h3, by: 'dan', before: h2 },
    ]);
    for (const head of [h1, h2]) expect(signoffRunsOn(head)).toEqual([]);
    expect(signoffRunsOn(h3)).toHaveLength(1);
    // One evaluation for the pull request (only it reads the pull request's events), on the latest head, after every
    // record: the trace from h3 back to the opening is complete, so it is no "unknown pusher" failure.
    expect(reads(`/repos/${pull.owner}/${pull.repo}/issues/${pull.number}/events`)).toBe(1);
    const [verdict] = signoffRunsOn(h3);
    expect(verdict).toMatchObject({ status: 'completed' });
    expect(verdict!.output?.summary).not.toContain('no record of who pushed');
    expect(gh.unknown.filter((u) => !u.includes('/teams/'))).toEqual([]);
  }, 120_000);

  it('records a reopening coalesced into the review already running for that head', async () => {
    const pull = repository.pulls[firstPull + 1]!;
    const head = pull.heads[0]!;
    const held = gh.hold(new RegExp(`/git/trees/${head}$`));
    await deliver(pull, 0, 'opened', 'ann');
    await held.arrived;
    // Closed and reopened by rex while the review of the same head runs: that review answers the
    // reopening, but rex now counts as having pushed what the pull request holds.
    await deliver(pull, 0, 'reopened', 'rex');
    held.release();
    await app.runtime()!.queue.idle();
    expect(recorded(head)).toEqual([
      { after: head, by: 'ann', before: null },
      { after: head, by: 'rex', before: null },
    ]);
    // Each record is a run of its own (never one rewritten: two writers would lose a push); the
    // evaluation after each completes the newest, so none is left pending.
    expect(signoffRunsOn(head)).toMatchObject([{ status: 'completed' }, { status: 'completed' }]);
    expect(parsePushes(signoffRunsOn(head)[1]!.external_id, head).map(withoutId)).toEqual([
      { after: head, by: 'rex', before: null },
    ]);
  }, 120_000);
});
