/**
 * Redis down: the app fails closed. A webhook it cannot queue leaves the review and sign-off checks
 * `queued` with the reason (so nothing is approved meanwhile), the delivery fails (so it can be
 * redelivered), and /readyz reports the replica not ready.
 */
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { Push } from '../../src/signoff/pushes.js';
import { MAX_RECORD_CHARS, parsePushes, serializePushes } from '../../src/signoff/pushes.js';
import { APP_ID, payload, testPrivateKey } from './support/fake-github.js';
import { freePort } from './support/redis-server.js';
import { testProbot } from './support/test-probot.js';

let privateKey: string;
beforeAll(() => {
  privateKey = testPrivateKey();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** The app with a Redis nobody listens on, and a `synchronize` delivery of its head (or `patch`'s). */
async function appWithoutRedis(patch: (event: Record<string, unknown>) => void = () => {}) {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1'); // the (absent) Redis
  const app = createBlueprintReviewApp({
    botLogin: 'blueprint-review[bot]',
    appId: APP_ID,
    redisUrl: `redis://127.0.0.1:${await freePort()}`,
  });
  const probot = testProbot({ privateKey });
  await probot.load(app.app);
  const event = payload('pull_request.synchronize', patch) as Record<string, unknown> & {
    sender: { login: string; id: number };
    before: string;
  };
  const head = (event.pull_request as { head: { sha: string } }).head.sha;
  const deliver = () => probot.receive({ id: randomUUID(), name: 'pull_request', payload: event } as never);
  return { app, event, head, deliver };
}

/**
 * GitHub for one refused delivery: a token, the review's and the sign-off's check runs on the head
 * (the review's none, the sign-off's `signoffRuns`), and the `checks` check runs the app then creates.
 */
function gitHubAnswering(signoffRuns: object[], checks = 2) {
  const created: Record<string, unknown>[] = [];
  const scope = nock('https://api.github.com')
    .post('/app/installations/4242/access_tokens')
    .reply(201, { token: 'ghs_test', expires_at: new Date(Date.now() + 3_600_000).toISOString() })
    .get(/\/repos\/acme\/shop\/commits\/[0-9a-f]+\/check-runs/)
    .query(true)
    .times(checks)
    .reply((uri) => {
      const name = new URL(uri, 'https://api.github.com').searchParams.get('check_name');
      const runs = name?.includes('review') ? [] : signoffRuns;
      return [200, { total_count: runs.length, check_runs: runs }];
    })
    .post('/repos/acme/shop/check-runs', (body: Record<string, unknown>) => created.push(body) > 0)
    .times(checks)
    .reply(201, (_, body) => ({ id: 78, ...(body as object) }));
  return { scope, created };
}

describe('Redis unreachable', () => {
  it('marks the checks delayed, approves nothing, fails the delivery and is not ready', async () => {
    const { app, event, head, deliver } = await appWithoutRedis();
    const { scope, created } = gitHubAnswering([]);

    await expect(deliver()).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    expect(created.map((c) => [c.name, c.status, c.head_sha])).toEqual(
      expect.arrayContaining([
        ['Blueprint review: main', 'queued', head],
        ['Blueprint sign-off: main', 'queued', head],
      ]),
    );
    for (const check of created) {
      expect(check).not.toHaveProperty('conclusion');
      expect((check.output as { summary: string }).summary).toContain('queue is unreachable');
    }
    // Who pushed the head is recorded on the sign-off run in the same write (no job will): once the
    // queue is back, a re-run or a push on top of it evaluates without an "unknown pusher" gap.
    const signoff = created.find((c) => c.name === 'Blueprint sign-off: main')!;
    expect(parsePushes(signoff.external_id as string, signoff.head_sha as string)).toEqual([
      { after: signoff.head_sha, by: event.sender.login, before: event.before, id: event.sender.id },
    ]);
    expect((signoff.output as { summary: string }).summary).toMatch(
      /does not pass[\s\S]*re-run this check, or redeliver the failed webhook/,
    );
    const review = created.find((c) => c.name === 'Blueprint review: main')!;
    expect(review).not.toHaveProperty('external_id');
    const runtime = app.runtime()!;
    expect(await runtime.queue.ready()).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/^Redis is unreachable/),
    });
    const metrics = await runtime.metrics.registry.metrics();
    expect(metrics).toMatch(/blueprint_review_jobs_enqueued_total\{kind="review",state="refused"\} 1/);
    await runtime.close(100);
  }, 30_000);

  it('records the push in a run of its own, within the record cap, never rewriting the record a pending run holds', async () => {
    const { app, event, head, deliver } = await appWithoutRedis();
    // A pending sign-off run on the head whose record is nearly full (1,000 characters and more).
    const held: Push[] = [];
    for (let i = 0; serializePushes(held).length < 1_000; i++)
      held.push({ after: head, by: 'someone', before: i.toString(16).padStart(40, 'b') });
    const pending = {
      id: 77,
      name: 'Blueprint sign-off: main',
      head_sha: head,
      status: 'queued',
      conclusion: null,
      external_id: serializePushes(held),
      app: { id: APP_ID },
      output: { title: 'Waiting for the review', summary: 'Waiting', text: null },
    };
    const { scope, created } = gitHubAnswering([pending]);

    await expect(deliver()).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    const signoff = created.find((c) => c.name === 'Blueprint sign-off: main')!;
    expect(signoff).toMatchObject({
      status: 'queued',
      head_sha: head,
      output: { title: 'Sign-off delayed' },
    });
    const record = signoff.external_id as string;
    expect(record.length).toBeLessThanOrEqual(MAX_RECORD_CHARS);
    expect(parsePushes(record, head)).toEqual([
      { after: head, by: event.sender.login, before: event.before, id: event.sender.id },
    ]);
    await app.runtime()!.close(100);
  }, 30_000);

  it('marks the checks of the new base delayed too when the job for the base a pull request left is refused', async () => {
    // Retargeted from develop to main: one delivery asks two jobs, the withdrawal of develop's sign-off
    // and the review of main. The first refusal must not cost the second its mark (nor its retry).
    const { app, head, deliver } = await appWithoutRedis((event) => {
      event.action = 'edited';
      event.changes = { base: { ref: { from: 'develop' }, sha: { from: 'b'.repeat(40) } } };
    });
    const { scope, created } = gitHubAnswering([], 3);

    await expect(deliver()).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    expect(created.map((c) => [c.name, c.status, c.head_sha])).toEqual(
      expect.arrayContaining([
        ['Blueprint sign-off: develop', 'queued', head],
        ['Blueprint review: main', 'queued', head],
        ['Blueprint sign-off: main', 'queued', head],
      ]),
    );
    const metrics = await app.runtime()!.metrics.registry.metrics();
    expect(metrics).toMatch(/blueprint_review_jobs_enqueued_total\{kind="signoff",state="refused"\} 1/);
    expect(metrics).toMatch(/blueprint_review_jobs_enqueued_total\{kind="review",state="refused"\} 1/);
    await app.runtime()!.close(100);
  }, 30_000);
});
