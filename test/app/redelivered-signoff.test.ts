/**
 * A sign-off delivery GitHub delivers again after its job has finished (a redelivery asked for in
 * GitHub's settings, or by a replica: redelivery.ts): the job is not run again — no check run, no
 * verdict written twice, and a verdict a newer event wrote meanwhile is not replaced by one the old
 * delivery asked for. With the in-process queue and with BullMQ on a real Redis, against the loopback
 * fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { GitHubServer } from './support/github-server.js';
import { APP_ID } from './support/fake-github.js';
import { reviewEvent, useLoopbackSignoff } from './support/loopback-signoff.js';
import { testProbot } from './support/test-probot.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
const SIGNOFF_CHECK = 'Blueprint sign-off: main';

const { repo, privateKey, cleanups, backends } = useLoopbackSignoff();

describe.each(backends)('a sign-off delivery redelivered after its job finished (%s)', (_label, options) => {
  async function started() {
    const gh = await new GitHubServer(repo().dir, repo().baseSha, CONFIG).start();
    cleanups.push(() => gh.stop());
    gh.openPull({ owner: 'acme', repo: 'shop', number: 7, head: repo().headSha, branch: 'feature' });
    const app = createBlueprintReviewApp({ botLogin: 'blueprint-review[bot]', appId: APP_ID, ...options() });
    const probot = testProbot({ privateKey: privateKey(), baseUrl: `http://127.0.0.1:${gh.port}/api/v3` });
    await probot.load(app.app);
    cleanups.push(() => app.runtime()!.close(1_000));
    const deliver = async (id: string, payload: Record<string, unknown>) => {
      await probot.receive({ id, name: 'pull_request_review', payload } as never);
      await app.runtime()!.queue.idle();
    };
    return { gh, deliver };
  }
  const writes = (gh: GitHubServer) => gh.requested.filter((r) => !r.startsWith('GET '));
  const signoffRuns = (gh: GitHubServer) => gh.checkRuns.filter((r) => r.name === SIGNOFF_CHECK);

  it('is not evaluated again: nothing is written twice', async () => {
    const { gh, deliver } = await started();
    const id = randomUUID();
    await deliver(id, reviewEvent(repo(), 'submitted'));
    const written = writes(gh);
    expect(signoffRuns(gh)).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
    const requests = gh.requested.length;

    await deliver(id, reviewEvent(repo(), 'submitted'));
    expect(writes(gh)).toEqual(written);
    expect(gh.requested).toHaveLength(requests);
    expect(signoffRuns(gh)).toHaveLength(1);
  }, 60_000);

  it("does not replace a newer event's verdict with its own", async () => {
    const { gh, deliver } = await started();
    const old = randomUUID();
    await deliver(old, reviewEvent(repo(), 'submitted'));
    await deliver(randomUUID(), reviewEvent(repo(), 'dismissed'));
    const verdicts = signoffRuns(gh).map((r) => ({ ...r, output: { ...r.output } }));
    const requests = gh.requested.length;

    await deliver(old, reviewEvent(repo(), 'submitted'));
    expect(gh.requested).toHaveLength(requests);
    expect(signoffRuns(gh)).toEqual(verdicts);
  }, 60_000);
});
