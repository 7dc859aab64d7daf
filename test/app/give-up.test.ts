/**
 * A job given up never leaves a sign-off success standing. The pull request's head carries a sign-off
 * success from an earlier evaluation; a review is then submitted and the new evaluation's verdict is
 * refused by GitHub on every attempt, so the queue gives the job up. The check must then say the
 * sign-off was not evaluated (failure), not keep the old success — with the in-process queue and with
 * BullMQ on a real Redis. The app runs in this process (Probot) against the loopback fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { AppOptions } from '../../src/app/runtime.js';
import { GitHubServer } from './support/github-server.js';
import { APP_ID } from './support/fake-github.js';
import { reviewEvent, useLoopbackSignoff } from './support/loopback-signoff.js';
import { testProbot } from './support/test-probot.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
const SIGNOFF_CHECK = 'Blueprint sign-off: main';
const ATTEMPTS = 2;

const { repo, privateKey, cleanups, backends } = useLoopbackSignoff();

async function appWith(gh: GitHubServer, options: AppOptions) {
  const app = createBlueprintReviewApp({
    botLogin: 'blueprint-review[bot]',
    appId: APP_ID,
    retry: { attempts: ATTEMPTS, backoffMs: 20 },
    ...options,
  });
  const probot = testProbot({ privateKey: privateKey(), baseUrl: `http://127.0.0.1:${gh.port}/api/v3` });
  await probot.load(app.app);
  cleanups.push(() => app.runtime()!.close(1_000));
  return { probot, runtime: app.runtime()! };
}

/** Every attempt's verdict is refused; a write after them goes through. */
const verdictRefused = (gh: GitHubServer) => gh.refuse('PATCH', /\/check-runs\/1$/, ATTEMPTS);

/** The pull request's head carries a completed sign-off check (`conclusion`, `output`); GitHub refuses every attempt (`refused`). */
async function pullWithSignoff(
  conclusion: string,
  output: { title: string; summary: string },
  refused = verdictRefused,
) {
  const gh = await new GitHubServer(repo().dir, repo().baseSha, CONFIG).start();
  cleanups.push(() => gh.stop());
  gh.openPull({ owner: 'acme', repo: 'shop', number: 7, head: repo().headSha, branch: 'feature' });
  gh.checkRuns.push({
    id: 1,
    owner: 'acme',
    repo: 'shop',
    name: SIGNOFF_CHECK,
    head_sha: repo().headSha,
    status: 'completed',
    conclusion,
    output,
    createdAt: 0,
    completedAt: 0,
  });
  refused(gh);
  return gh;
}

/** The head's one sign-off check, marked "not evaluated" (failure): its summary. */
function notEvaluatedSummary(gh: GitHubServer): string {
  const signoff = gh.checkRuns.filter((r) => r.name === SIGNOFF_CHECK && r.head_sha === repo().headSha);
  expect(signoff).toMatchObject([
    {
      id: 1,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Not evaluated — re-run this check' },
    },
  ]);
  return signoff[0]!.output!.summary!;
}

describe.each(backends)('a sign-off job given up (%s)', (_label, options) => {
  /** A review submitted on the head: its evaluation is refused on every attempt, so the job is given up. */
  async function reviewGivenUp(gh: GitHubServer): Promise<void> {
    const { probot, runtime } = await appWith(gh, options());
    await probot.receive({
      id: randomUUID(),
      name: 'pull_request_review',
      payload: reviewEvent(repo()),
    } as never);
    await runtime.queue.idle();
  }
  const patches = (gh: GitHubServer) =>
    gh.requested.filter((r) => r === 'PATCH /repos/acme/shop/check-runs/1').length;

  it('replaces the success standing on the head with "not evaluated", after its last attempt', async () => {
    const gh = await pullWithSignoff('success', { title: 'Signed off', summary: 'Every approver approved.' });
    await reviewGivenUp(gh);

    const summary = notEvaluatedSummary(gh);
    expect(summary).toMatch(/not evaluated\*\*, so it does not pass/);
    expect(summary).toMatch(new RegExp(`failed ${ATTEMPTS} times`));
    // Each attempt tried to write its verdict (refused), then the give-up wrote its own.
    expect(patches(gh)).toBe(ATTEMPTS + 1);
    expect(gh.unknown.filter((u) => !u.includes('/teams/'))).toEqual([]);
  }, 60_000);

  // The review submitted is a new fact about the same head: the success judged the head without it.
  it('replaces the success with "not evaluated" when the token is refused at the start of every attempt', async () => {
    const gh = await pullWithSignoff(
      'success',
      { title: 'Signed off', summary: 'Every approver approved.' },
      (gh) => gh.refuse('POST', /\/app\/installations\/\d+\/access_tokens$/, ATTEMPTS, 401),
    );
    await reviewGivenUp(gh);

    expect(notEvaluatedSummary(gh).replace(/\n\s+/g, ' ')).toContain(
      "GitHub refused the app's own credentials (401",
    );
    // Nothing was evaluated: the one write is the give-up's.
    expect(patches(gh)).toBe(1);
  }, 60_000);

  it('leaves a failure standing on the head as it is (it does not pass either, and says why)', async () => {
    const failure = { title: 'Waiting for approvals', summary: 'Still needed: @acme/platform.' };
    const gh = await pullWithSignoff('failure', failure);
    await reviewGivenUp(gh);

    expect(gh.checkRuns).toMatchObject([
      { id: 1, status: 'completed', conclusion: 'failure', output: failure },
    ]);
    expect(patches(gh)).toBe(ATTEMPTS);
  }, 60_000);
});
