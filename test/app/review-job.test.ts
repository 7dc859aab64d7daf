/**
 * The review job and the check-run sink at the adapter boundary: a superseded run ends `cancelled`
 * (never success), and more than 50 annotations go out in batches of 50, the last with completion.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { CheckRun } from '../../src/adapters/github/check-run.js';
import { marked } from 'marked';
import { FakeGitHub, pullRequestData } from './support/fake-github.js';
import { twoCommitRepo } from './support/git-repo.js';
import { editReadme, shopFiles } from './support/shop.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';
import { reviewOf } from './support/review-of.js';
import { runReview } from '../../src/app/review-job.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import { RULE_SET } from './support/shop.js';

const octokit = () => tokenOctokit();

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('runReview', () => {
  it('ends a run superseded by a newer push as cancelled, after reading nothing of the blueprint', async () => {
    const repo = twoCommitRepo(shopFiles(), editReadme(shopFiles()));
    const gh = new FakeGitHub(repo);
    try {
      gh.findCheck(repo.headSha).createCheck().getPull().config(undefined).updateCheck();
      const controller = new AbortController();
      controller.abort();
      const result = await reviewOf(repo, controller.signal);
      expect(result.kind).toBe('superseded');
      expect(gh.unmatched).toEqual([]);
      expect(gh.scope.pendingMocks()).toEqual([]);
      expect(gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body).toMatchObject({
        status: 'completed',
        conclusion: 'cancelled',
        output: { title: 'Superseded by a newer commit' },
      });
    } finally {
      gh.dispose();
      repo.remove();
    }
  });
});

describe('runReview with the Action token (no app id)', () => {
  it("never completes a run in progress it did not create: another workflow's, holding annotations", async () => {
    const repo = twoCommitRepo(shopFiles(), editReadme(shopFiles()));
    const gh = new FakeGitHub(repo);
    try {
      // The newest run of the name on the head is another workflow run's (GitHub Actions' app), still
      // writing its batches: the Action's token reads it, but it is not this run's to end.
      const theirs = { id: 999, status: 'in_progress', conclusion: null, output: { annotations_count: 50 } };
      gh.findCheck(repo.headSha, [theirs], 200, null).createCheck().getPull().config(undefined).updateCheck();
      const controller = new AbortController();
      controller.abort();
      const result = await runReview(
        {
          octokit: octokit(),
          owner: 'acme',
          repo: 'shop',
          pullNumber: 7,
          headSha: repo.headSha,
          base: 'main',
          force: true,
        },
        {
          checkName: 'Blueprint review',
          ruleSet: RULE_SET,
          validator: createSchemaValidator(),
          docs: ruleDocs(RULE_SET),
        },
        controller.signal,
      );
      expect(result.kind).toBe('superseded');
      expect(gh.unmatched).toEqual([]);
      expect(gh.find('PATCH', '/repos/acme/shop/check-runs/999')).toHaveLength(0);
      expect(gh.find('PATCH', '/repos/acme/shop/check-runs/1001')).toHaveLength(1);
    } finally {
      gh.dispose();
      repo.remove();
    }
  });
});

describe('runReview of a retargeted pull request', () => {
  it('names the new base inertly: a branch name is repository text (git allows backticks and @ in it)', async () => {
    const repo = twoCommitRepo(shopFiles(), editReadme(shopFiles()));
    const gh = new FakeGitHub(repo);
    const hostile = 'x`@acme/security-team`<img/src=x>';
    try {
      const pr = pullRequestData(repo);
      gh.findCheck(repo.headSha).createCheck();
      gh.scope.get('/repos/acme/shop/pulls/7').reply(200, { ...pr, base: { ...pr.base, ref: hostile } });
      gh.updateCheck();
      const result = await reviewOf(repo, new AbortController().signal);
      expect(result.kind).toBe('superseded');
      expect(gh.scope.pendingMocks()).toEqual([]);
      const output = (
        gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as {
          conclusion: string;
          output: { summary: string };
        }
      ).output;
      const html = marked.parse(output.summary, { gfm: true, async: false });
      const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
      expect(codes).toEqual(['main', 'x`@acme/security-team`&lt;img/src=x&gt;']);
      expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@|<img/);
    } finally {
      gh.dispose();
      repo.remove();
    }
  });
});

describe('CheckRun', () => {
  it('sends annotations 50 at a time while in progress, and the last batch with the conclusion', async () => {
    const bodies: Record<string, unknown>[] = [];
    const scope = nock('https://api.github.com')
      .patch('/repos/acme/shop/check-runs/9')
      .times(3)
      .reply(200, (_uri, body) => {
        bodies.push(body as Record<string, unknown>);
        return { id: 9 };
      });
    const check = new CheckRun(
      new GitHubClient(octokit(), 'acme', 'shop'),
      'Blueprint review: main',
      'a'.repeat(40),
      1,
      9,
    );
    const annotations = Array.from({ length: 120 }, (_, i) => ({
      path: 'b.yaml',
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: 'warning' as const,
      message: `m${i}`,
      title: 't',
    }));
    await check.complete({ conclusion: 'failure', title: 'T', summary: 'S', annotations });
    expect(scope.isDone()).toBe(true);
    expect(bodies.map((b) => (b.output as { annotations: unknown[] }).annotations.length)).toEqual([
      50, 50, 20,
    ]);
    expect(bodies.map((b) => b.status)).toEqual([undefined, undefined, 'completed']);
    expect(bodies[2]).toMatchObject({ conclusion: 'failure', output: { title: 'T', summary: 'S' } });
    expect((bodies[0]!.output as { annotations: { message: string }[] }).annotations[0]!.message).toBe('m0');
    expect((bodies[2]!.output as { annotations: { message: string }[] }).annotations[19]!.message).toBe(
      'm119',
    );
  });
});
