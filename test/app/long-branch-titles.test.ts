/**
 * A check run's title is one line in the merge box, and some of ours name a base branch: git allows a
 * branch name far longer than a title should show (thousands of characters, in slash-separated
 * parts). Each such title shows the name cut as every other medium cuts one value — its start and its
 * end, and how much is left out — and still says what happened. Through the app's doors: the review
 * job against the fake GitHub, and the sign-off app's deliveries.
 */
import { marked } from 'marked';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_CHARS } from '../../src/core/inert-text.js';
import {
  deliverApproval,
  harness,
  pullRequestEvent,
  reviewCheckDone,
  shownOnHead,
  useSignoffApp,
} from '../signoff/support/signoff-app.js';
import type { Harness } from '../signoff/support/signoff-app.js';
import { FakeGitHub, payload, pullRequestData } from './support/fake-github.js';
import { twoCommitRepo } from './support/git-repo.js';
import { editReadme, shopFiles } from './support/shop.js';
import { reviewOf } from './support/review-of.js';

useSignoffApp();

/** A branch name of 10,000 characters, in parts of 100 (git's refs are files, each part a name). */
const TAIL = 'the-end-1';
const LONG = `release/${`${'x'.repeat(99)}/`.repeat(100)}`.slice(0, 10_000 - TAIL.length) + TAIL;

/** A title naming LONG: bounded, its words kept, the name's start and end shown, the cut said. */
function expectBounded(title: string | undefined | null, words: RegExp): void {
  expect(LONG.length).toBe(10_000);
  expect(title).toMatch(words);
  expect(title!.length).toBeLessThan(MAX_VALUE_CHARS + 200);
  expect(title).toContain('release/xxx');
  expect(title).toContain(TAIL);
  expect(title).toMatch(/characters left out/);
}

describe('a check title naming a very long base branch', () => {
  it('the review of a pull request retargeted to it: "now targets", the name cut', async () => {
    nock.disableNetConnect();
    const repo = twoCommitRepo(shopFiles(), editReadme(shopFiles()));
    const gh = new FakeGitHub(repo);
    try {
      const pr = pullRequestData(repo);
      gh.findCheck(repo.headSha).createCheck();
      gh.scope.get('/repos/acme/shop/pulls/7').reply(200, { ...pr, base: { ...pr.base, ref: LONG } });
      gh.updateCheck();
      const result = await reviewOf(repo);
      expect(result.kind).toBe('superseded');
      const { output } = gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as {
        output: { title: string; summary: string };
      };
      expectBounded(output.title, /^The pull request now targets release\//);
      // The summary's code span is cut the same way: the whole summary stays readable.
      const html = marked.parse(output.summary, { gfm: true, async: false });
      expect(html.length).toBeLessThan(2 * MAX_VALUE_CHARS + 500);
    } finally {
      gh.dispose();
      repo.remove();
      nock.cleanAll();
    }
  });

  /** #7 into LONG, its review done and approved by olivia: its sign-off for LONG passes. */
  async function approvedIntoLong(state: Parameters<typeof harness>[0] = {}, app = {}): Promise<Harness> {
    const h = await harness({ base: LONG, ...state }, { app });
    await reviewCheckDone(h, LONG, 'signoff: {}\n');
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h, LONG)).toMatchObject({ conclusion: 'success' });
    return h;
  }

  it('the sign-off withdrawn when the pull request leaves it: "no longer targets", the name cut', async () => {
    const h = await approvedIntoLong({ configs: { main: 'signoff: {}\n' } });
    h.gh.state.base = 'main';
    await h.deliver(
      'pull_request',
      pullRequestEvent(h, 'edited', {
        patch: (p, pr) => {
          (pr.base as { ref: string }).ref = 'main';
          p.changes = { base: { ref: { from: LONG }, sha: { from: h.gh.repo.baseSha } } };
        },
      }),
    );
    await h.idle();
    const shown = shownOnHead(h, LONG);
    expect(shown).toMatchObject({ conclusion: 'failure' });
    expectBounded(shown!.output!.title, /^The pull request no longer targets release\//);
  });

  it('a success marked when its config changes: "the configuration of … changed", the name cut', async () => {
    const before = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
    const after = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
    const h = await approvedIntoLong({}, { reviewsPerConfigChange: 0 });
    const strict = `signoff:\n  rules:\n    - id: security\n      when: { categories: [contract] }\n      require: { teams: [acme/security] }\n`;
    h.gh.state.configs = { [LONG]: strict, [before]: 'signoff: {}\n', [after]: strict };
    const push = payload('push', (p) => {
      Object.assign(p, { ref: `refs/heads/${LONG}`, before, after });
      for (const commit of [
        ...(p.commits as Record<string, unknown>[]),
        p.head_commit as Record<string, unknown>,
      ])
        commit.modified = ['.github/blueprint-review.yml'];
    });
    await h.deliver('push', push);
    await h.idle();
    const shown = shownOnHead(h, LONG);
    expect(shown).toMatchObject({ conclusion: 'failure' });
    expectBounded(shown!.output!.title, /^To be evaluated again: the configuration of release\/.* changed$/);
  });
});
