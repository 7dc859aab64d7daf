/**
 * Whether a push by an account that pushes for whoever asks added nothing of its own, as the GitHub
 * adapter proves it from the trees (pass-through-pushes.ts), against mocked REST answers: what GitHub
 * cannot serve proves nothing, and what it does not answer is no answer (never "nothing added").
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { readTree } from '../../src/adapters/github/file-source.js';
import { addsNothingOfItsOwn } from '../../src/adapters/github/pass-through-pushes.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';
const [BEFORE, AFTER, BASE] = ['a', 'b', 'c'].map((c) => c.repeat(40)) as [string, string, string];
const CONTRACT = 'blueprint/contracts/orders.yaml';
const POLICIES = 'blueprint/policies/security.yaml';
const scope = { folders: ['blueprint'], files: ['.github/blueprint-review.yml'] };
const push = { after: AFTER, by: 'github-actions[bot]', before: BEFORE };

function addsNothing() {
  const client = new GitHubClient(tokenOctokit('test'), 'acme', 'shop', { sleep: async () => {} });
  return addsNothingOfItsOwn({ client, trees: (sha) => readTree(client, sha), baseRef: 'main', scope });
}

const blob = (path: string, sha: string) => ({ path, mode: '100644', type: 'blob', sha, size: 1 });

function mergeBase(status = 200) {
  nock(API)
    .get(`/repos/acme/shop/compare/main...${AFTER}`)
    .query(true)
    .reply(status, status === 200 ? { merge_base_commit: { sha: BASE } } : { message: 'Not Found' });
}

function tree(sha: string, entries: ReturnType<typeof blob>[]) {
  nock(API)
    .get(`/repos/acme/shop/git/trees/${sha}`)
    .query(true)
    .reply(200, { sha, truncated: false, tree: entries });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('a push for whoever asks', () => {
  it('adds nothing when each blueprint file is as before it or as on the base branch, whatever else it holds', async () => {
    mergeBase();
    tree(BEFORE, [blob(CONTRACT, '1'.repeat(40)), blob(POLICIES, '2'.repeat(40))]);
    tree(BASE, [blob(POLICIES, '3'.repeat(40)), blob('README.md', '4'.repeat(40))]);
    tree(AFTER, [
      blob(CONTRACT, '1'.repeat(40)),
      blob(POLICIES, '3'.repeat(40)),
      blob('README.md', '5'.repeat(40)),
    ]);
    expect(await addsNothing()(push)).toEqual({ kind: 'ok', value: true });
  });

  it('adds something when a blueprint file is neither, or only its mode is the base’s', async () => {
    mergeBase();
    tree(BEFORE, [blob(CONTRACT, '1'.repeat(40))]);
    tree(BASE, [blob(CONTRACT, '3'.repeat(40))]);
    tree(AFTER, [{ ...blob(CONTRACT, '3'.repeat(40)), mode: '120000' }]);
    expect(await addsNothing()(push)).toEqual({ kind: 'ok', value: false });
  });

  it('proves nothing when GitHub no longer serves a commit of it (not found)', async () => {
    mergeBase(404);
    expect(await addsNothing()(push)).toEqual({ kind: 'ok', value: false });
  });

  it('is no answer when GitHub does not answer: the trace fails with the reason, to be tried again', async () => {
    nock(API)
      .get(`/repos/acme/shop/compare/main...${AFTER}`)
      .query(true)
      .reply(502, { message: 'Bad Gateway' })
      .persist();
    const answer = await addsNothing()(push);
    expect(answer).toMatchObject({ kind: 'error', transient: true });
    expect(answer.kind === 'error' && answer.reason).toContain('could not compare the push of bbbbbbb');
  });

  it('an opening (no commit before it) adds what it holds', async () => {
    expect(await addsNothing()({ ...push, before: null })).toEqual({ kind: 'ok', value: false });
  });
});
