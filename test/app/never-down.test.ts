/**
 * The app survives any single failing job, through the real Probot app and nock: a blob fetch that
 * throws, an answer of the wrong shape, or a check write that fails while reporting a failure —
 * each ends with that pull request's check completed as `failure` with the reason, and the next
 * review (another pull request, same process) still completes. Nothing is left `in_progress`.
 */
import { EventEmitter } from 'node:events';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { installProcessGuards } from '../../src/app/job-boundary.js';
import { FakeGitHub } from './support/fake-github.js';
import { twoCommitRepo } from './support/git-repo.js';
import type { CheckBody, Harness } from './support/app-harness.js';
import { CONFIG, harnessFor, pullRequestEvent } from './support/app-harness.js';
import { addEventFlowWithoutDeadLetter, editReadme, nameWebshop, shopFiles } from './support/shop.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/**
 * A pull request whose review fails. A job that GitHub did not answer (5xx, the network) is run again
 * by the queue; here it is given up after the first attempt, and its check marked failed with the reason.
 */
const failingPull = async () => {
  const base = shopFiles();
  const repo = twoCommitRepo(base, addEventFlowWithoutDeadLetter(base));
  const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
  return harnessFor(repo, files, [], 'blueprint-review[bot]', { retry: { attempts: 1, backoffMs: 1 } });
};

/** Another pull request (#8, another head) reviewed by the same app process afterwards: it completes. */
async function nextReviewCompletes(h: Harness): Promise<void> {
  const base = editReadme(shopFiles());
  const repo = twoCommitRepo(base, nameWebshop(base));
  const gh = new FakeGitHub(repo, 8);
  try {
    gh.findCheck(repo.headSha).createCheck(2002).getPull().config(CONFIG);
    gh.files(await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha)).compare();
    await gh.tree(repo.headSha);
    await gh.tree(repo.baseSha);
    await gh.blobs('blueprint');
    gh.threads().updateCheck(2002);
    await h.deliver(
      'pull_request',
      pullRequestEvent(repo, 'opened', (p) => ((p.pull_request as { number: number }).number = 8)),
    );
    await h.idle();
    expect(gh.unmatched).toEqual([]);
    expect(gh.scope.pendingMocks()).toEqual([]);
    const completed = gh.find('PATCH', '/repos/acme/shop/check-runs/2002')[0]!.body as CheckBody;
    expect(completed).toMatchObject({ status: 'completed', conclusion: 'success' });
  } finally {
    gh.dispose();
    repo.remove();
  }
}

function completion(h: Harness, id = 1001): CheckBody {
  const patches = h.gh.find('PATCH', `/repos/acme/shop/check-runs/${id}`);
  expect(patches.length).toBeGreaterThan(0);
  return patches.at(-1)!.body as CheckBody;
}

describe('one failing job never takes the app down', () => {
  it('fails the check with the reason when blob fetches throw, and serves the next pull request', async () => {
    const h = await failingPull();
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    // Every blob request fails at the socket; how many are made before the review stops varies.
    const blobs = h.gh.scope
      .get(/\/git\/blobs\//)
      .times(100)
      .optionally();
    blobs.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    // A dropped connection is worth another attempt; given up, the run in progress gets the reason.
    h.gh.findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }]).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    nock.removeInterceptor(blobs);
    const body = completion(h);
    expect(body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(body.output!.title).toBe('The review could not finish');
    expect(body.output!.summary).toMatch(
      // The path holds a blob SHA, which GitHub would link outside code: it is shown as code.
      /it failed once, and is not tried again; the last time: GitHub could not be reached for GET `\/repos\/acme\/shop\/git\/blobs\/[0-9a-f]{7}`/,
    );

    await nextReviewCompletes(h);
  });

  it('fails the check with the reason when a blob arrives in the wrong shape (JSON, not raw)', async () => {
    const h = await failingPull();
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    const blobs = h.gh.scope
      .get(/\/git\/blobs\//)
      .times(100)
      .optionally();
    blobs.reply(200, { encoding: 'base64', content: 'YTogMQo=' });
    h.gh.updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    nock.removeInterceptor(blobs);
    const body = completion(h);
    expect(body.conclusion).toBe('failure');
    expect(body.output!.summary).toContain(
      "was not what the app expects: the answer is an object, expected the file's raw content",
    );

    await nextReviewCompletes(h);
  });

  it('never passes when the file list arrives as text (the false "none of 31457994 files" ✅)', async () => {
    const h = await failingPull();
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG);
    h.gh.scope
      .get('/repos/acme/shop/pulls/7/files')
      .query(true)
      .reply(200, 'x'.repeat(31_457_994), { 'content-type': 'text/plain' });
    h.gh.updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const body = completion(h);
    expect(body.conclusion).toBe('failure');
    expect(body.output!.summary).toContain(
      "GitHub's answer to GET /repos/acme/shop/pulls/7/files?page=1 was not what the app expects: the answer is text (31,457,994 characters), expected a list",
    );
    expect(body.output!.summary).not.toContain('belongs to a blueprint');

    await nextReviewCompletes(h);
  });

  it('marks the check failed from the boundary when reporting the failure itself fails', async () => {
    const h = await failingPull();
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG);
    h.gh.scope.get('/repos/acme/shop/pulls/7/files').query(true).reply(200, { not: 'a list' });
    // The review's own failure report is refused (403 that is not a rate limit)…
    h.gh.updateCheck(1001, 403);
    // …so the boundary finds the run still in progress and completes it with the reason.
    h.gh.findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }]).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const body = completion(h);
    expect(body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(body.output!.summary).toContain(
      "GitHub's answer to GET /repos/acme/shop/pulls/7/files?page=1 was not what the app expects",
    );
    expect(body.output!.summary).toContain(
      '(Writing that to this check failed at first: GitHub refused PATCH /repos/acme/shop/check-runs/1001 (403',
    );

    await nextReviewCompletes(h);
  });
});

describe('installProcessGuards', () => {
  it('logs an error that escaped every job instead of letting it end the process', () => {
    const events = new EventEmitter();
    const logged: string[] = [];
    installProcessGuards(events, { error: (_details, message) => void logged.push(message) });
    events.emit('unhandledRejection', new TypeError('The "string" argument must be of type string'));
    events.emit('uncaughtException', new Error('boom'));
    expect(logged).toEqual([
      'an unhandled rejection escaped a job; the app keeps serving: An internal error stopped the review (TypeError: The "string" argument must be of type string).',
      'an uncaught exception escaped a job; the app keeps serving: An internal error stopped the review (Error: boom).',
    ]);
  });
});
