/**
 * The GitHub App end to end, Probot's way: real webhook payloads (from @octokit/webhooks-examples,
 * adapted in test/fixtures/webhooks), the network disabled, every GitHub request mocked with nock
 * and its body asserted, no pending mocks. Tests wait for the review queue, which finishes when
 * the last mocked request (the check-run completion) has been answered.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { createDemoRepository } from '../../src/cli/review-demo.js';
import { findingIdIn, hasReviewMarker } from '../../src/review/markers.js';
import { payload, PR_NUMBER } from './support/fake-github.js';
import { twoCommitRepo } from './support/git-repo.js';
import { basisLine } from './support/review-basis.js';
import type { TwoCommitRepo } from './support/git-repo.js';
import type { CheckBody, Harness } from './support/app-harness.js';
import {
  CONFIG,
  expectBlueprintReview,
  harness,
  harnessFor,
  pullRequestEvent,
} from './support/app-harness.js';
import {
  addEventFlowWithoutDeadLetter,
  BLUEPRINT,
  DEAD_LETTER_RULE,
  editReadme,
  nameWebshop,
  ORDERS_API,
  removeOrderIdFromResponse,
  shopFiles,
} from './support/shop.js';

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** "Re-run" on the head's check, as a person clicks it: the run finishes with every mock answered. */
async function rerunHead(h: Harness): Promise<void> {
  const rerun = payload('check_run.rerequested', (p) => {
    (p.check_run as { head_sha: string }).head_sha = h.repo.headSha;
  });
  await h.deliver('check_run', rerun);
  await h.idle();
  h.done();
}

function lineOf(text: string, needle: string, after = 0): number {
  const index = text.indexOf(needle, after);
  if (index < 0) throw new Error(`"${needle}" not found`);
  return text.slice(0, index).split('\n').length;
}

describe('Blueprint review app', () => {
  it('passes a clean pull request without commenting', async () => {
    const base = shopFiles();
    const head = nameWebshop(base);
    const h = await harness(base, head);
    await expectBlueprintReview(h);
    h.gh.threads().updateCheck();
    const started = performance.now();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();

    const [created] = h.gh.find('POST', '/repos/acme/shop/check-runs');
    expect(created!.body).toEqual({
      name: 'Blueprint review: main',
      head_sha: h.repo.headSha,
      status: 'in_progress',
      output: {
        title: 'Reviewing…',
        summary: 'Reading the blueprint at the base and the head of this pull request…',
      },
    });
    const [completed] = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001');
    const body = completed!.body as CheckBody;
    expect(body).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'No new problems' },
    });
    expect(body.output!.annotations).toBeUndefined();
    expect(body.output!.summary).toContain('**No new findings.**');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toEqual([]);
    const graphql = h.gh.find('POST', '/graphql')[0]!.body as { variables: unknown };
    expect(graphql.variables).toEqual({ owner: 'acme', repo: 'shop', number: PR_NUMBER, cursor: null });
    console.info(
      `clean PR: ${h.gh.calls.length} GitHub API calls, webhook → completed check ${(completed!.at - started).toFixed(0)} ms`,
    );
  });

  it('comments on the lines of a missing dead letter and a breaking contract change, and fails', async () => {
    const base = shopFiles();
    const head = removeOrderIdFromResponse(addEventFlowWithoutDeadLetter(base));
    const h = await harness(base, head);
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview().updateCheck();
    const started = performance.now();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();

    const review = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as {
      commit_id: string;
      event: string;
      body: string;
      comments: { path: string; line: number; side: string; body: string }[];
    };
    expect(review.commit_id).toBe(h.repo.headSha);
    expect(review.event).toBe('COMMENT');
    expect(hasReviewMarker(review.body, h.repo.headSha)).toBe(true);
    const dlq = review.comments.find((c) => c.body.includes(DEAD_LETTER_RULE))!;
    expect(dlq).toMatchObject({
      path: BLUEPRINT,
      side: 'RIGHT',
      line: lineOf(head[BLUEPRINT]!, 'id: order-shipped'),
    });
    expect(dlq.body).toContain('**Why:** A consumer that cannot process a message');
    expect(dlq.body).toContain(`docs/rules/${DEAD_LETTER_RULE}.md`);
    expect(findingIdIn(dlq.body)).toMatch(/^[0-9a-f]{16}$/);
    const breaking = review.comments.find((c) =>
      c.body.includes('breaking/response-required-property-removed'),
    )!;
    const schemaLine = lineOf(head[ORDERS_API]!, 'schema:', head[ORDERS_API]!.indexOf("'201':"));
    expect(breaking).toMatchObject({ path: ORDERS_API, side: 'RIGHT', line: schemaLine });
    expect(breaking.body).toContain('Response field `orderId` of `POST /orders` (201) was removed');
    // Only what matters is commented: nothing of severity info.
    expect(review.comments.some((c) => c.body.includes('ℹ️'))).toBe(false);

    const completed = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!;
    const body = completed.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    expect(body.output!.title).toMatch(/^\d+ errors?.* introduced · 1 breaking contract change/);
    expect(body.output!.summary).toContain('```mermaid');
    expect(body.output!.summary).toContain(
      '| `orders-api` (`acme/orders`) | finalized | document changed | `webshop` | **1** |',
    );
    // The compatible addition to the response is noted in the check, not commented.
    expect(
      body.output!.annotations!.some(
        (a) => a.title.startsWith('breaking/') && a.annotation_level === 'notice',
      ),
    ).toBe(true);
    expect(body.output!.annotations!.map((a) => a.title)).not.toContain(DEAD_LETTER_RULE);
    console.info(
      `example PR (missing DLQ + breaking change): ${h.gh.calls.length} GitHub API calls, webhook → completed check ${(completed.at - started).toFixed(0)} ms`,
    );
  });

  it('reviews the README demo pull request on the bundled order-to-cash example', async () => {
    const dir = createDemoRepository();
    const sha = (ref: string) =>
      execFileSync('git', ['rev-parse', ref], { cwd: dir, encoding: 'utf8' }).trim();
    const repo: TwoCommitRepo = {
      dir,
      baseSha: sha('main'),
      headSha: sha('crm-order-events'),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
    const files = await changedFilesBetween(dir, repo.baseSha, repo.headSha);
    const h = await harnessFor(repo, files);
    h.gh.token().findCheck(repo.headSha).createCheck().getPull().config('blueprints: [order-to-cash]\n');
    h.gh.files(files).compare();
    await h.gh.tree(repo.headSha);
    await h.gh.tree(repo.baseSha);
    await h.gh.blobs('order-to-cash');
    h.gh.threads().listReviews().createReview().updateCheck();
    const started = performance.now();
    await h.deliver('pull_request', pullRequestEvent(repo));
    await h.idle();
    h.done();
    const completed = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!;
    expect((completed.body as CheckBody).conclusion).toBe('failure');
    const review = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as {
      comments: { body: string }[];
    };
    expect(review.comments.some((c) => c.body.includes(DEAD_LETTER_RULE))).toBe(true);
    expect(review.comments.some((c) => c.body.includes('breaking/response-required-property-removed'))).toBe(
      true,
    );
    const blobs = h.gh.find('GET', /\/git\/blobs\//).length;
    console.info(
      `demo PR on order-to-cash: ${h.gh.calls.length} GitHub API calls (${blobs} blobs), webhook → completed check ${(completed.at - started).toFixed(0)} ms`,
    );
  });

  it('annotates a finding outside the changed lines instead of commenting on it', async () => {
    const base = shopFiles();
    const policies = 'blueprint/policies/error-handling.yaml';
    const head = { ...base, [policies]: base[policies]!.replace(/ {4}deadLetter:\n( {6}.*\n)+/, '') };
    const h = await harness(base, head);
    await expectBlueprintReview(h);
    h.gh.threads().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();

    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toEqual([]);
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    const annotation = body.output!.annotations!.find((a) => a.title === DEAD_LETTER_RULE)!;
    expect(annotation).toMatchObject({ path: BLUEPRINT, annotation_level: 'failure' });
    expect(annotation.start_line).toBe(lineOf(base[BLUEPRINT]!, 'errorHandling: async-consumer'));
    expect(annotation.message).toContain(
      'uses policy "async-consumer", which has no dead-letter destination',
    );
  });

  it('passes a pull request that touches no blueprint file quickly: its trees hold no link, no file is read', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.bothTrees();
    h.gh.threads().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(body).toMatchObject({ conclusion: 'success', output: { title: 'No blueprint changes' } });
    expect(body.output!.summary).toContain('None of the 1 changed file belongs to a blueprint.');
    // The pull request is read twice: before, and after its files are listed (its head still the same);
    // the comparison with the base branch says the list leaves out no file that differs; the head's and
    // the merge base's trees hold no symbolic link or submodule, which could lead a README into a blueprint.
    expect(h.gh.calls).toHaveLength(12);
  });

  it('fails with a check that names the problem when the base config is invalid', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh
      .token()
      .findCheck(h.repo.headSha)
      .createCheck()
      .getPull()
      .config('blueprints: [blueprint]\npreset: lenient\n')
      .updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    expect(body.output!.title).toBe('Invalid .github/blueprint-review.yml');
    expect(body.output!.summary).toContain(
      '- `acme/shop:.github/blueprint-review.yml@main:2`: /preset must be one of',
    );
    expect(body.output!.summary).toMatch(/preset/);
    expect(body.output!.summary).toContain('a pull request cannot change the rules that judge it');
  });

  it('runs the review again when GitHub answers 5xx during it: the review is not lost', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha, 502);
    await h.gh.tree(h.repo.baseSha);
    // The queue runs the job again: the run still in progress is adopted, the review completes.
    h.gh.findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }]);
    h.gh.getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(h.gh.find('POST', '/repos/acme/shop/check-runs')).toHaveLength(1);
    const patches = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001');
    expect(patches).toHaveLength(1);
    const body = patches[0]!.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    expect(body.output!.title).not.toBe('The review could not finish');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('writes a retry into a new run when the run in progress already holds annotations, and completes the old one', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha, 502);
    await h.gh.tree(h.repo.baseSha);
    // The earlier attempt's run holds a batch of annotations (a long review's first batch went out
    // before a later write failed): GitHub would append the review's annotations to it again.
    h.gh.findCheck(h.repo.headSha, [
      { id: 1001, status: 'in_progress', conclusion: null, output: { annotations_count: 50 } },
    ]);
    h.gh.updateCheck(1001).createCheck(1002).getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview().updateCheck(1002);
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    // The replaced run is completed (never left in progress on the pull request), failing closed, with
    // no annotation written to it again, and says where the review is.
    const replaced = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001');
    expect(replaced).toHaveLength(1);
    const closed = replaced[0]!.body as CheckBody;
    expect(closed).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(closed.output!.annotations).toBeUndefined();
    expect(closed.output!.summary).toContain('newer run of this check');
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1002')[0]!.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    expect(body.output!.title).not.toBe('The review could not finish');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('fails (never passes) when GitHub answers 5xx every time, and says how to re-run', async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, addEventFlowWithoutDeadLetter(base));
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    const h = await harnessFor(repo, files, [], 'blueprint-review[bot]', {
      retry: { attempts: 2, backoffMs: 1 },
    });
    h.gh.token().findCheck(h.repo.headSha).createCheck();
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (attempt > 1)
        h.gh.findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }]);
      h.gh.getPull().config(CONFIG).files(h.files).compare();
      await h.gh.tree(h.repo.headSha, 502);
      await h.gh.tree(h.repo.baseSha);
    }
    // Given up: the run still in progress is completed with the reason.
    h.gh.findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }]).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    expect(body.output!.title).toBe('The review could not finish');
    expect(body.output!.summary).toContain('it failed 2 times, and is not tried again');
    expect(body.output!.summary).toContain(
      // The path holds a tree SHA, which GitHub would link outside code: it is shown as code.
      `GitHub answered 502 (a server error) to GET \`/repos/acme/shop/git/trees/${h.repo.headSha.slice(0, 7)}\``,
    );
    expect(body.output!.summary).toContain('use **Re-run** on this check');
  });

  it('does not review a redelivered event twice, whether it arrives during or after the review', async () => {
    const base = shopFiles();
    const h = await harness(base, removeOrderIdFromResponse(addEventFlowWithoutDeadLetter(base)));
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview().updateCheck();
    const event = pullRequestEvent(h.repo);
    await Promise.all([h.deliver('pull_request', event), h.deliver('pull_request', event)]);
    await h.idle();
    h.done();
    // After it: the completed check run on the SHA is found, computed under the config main still
    // reads (its summary says so), and nothing else happens.
    const written = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001').at(-1)!.body as CheckBody;
    h.gh
      .findCheck(h.repo.headSha, [
        { id: 1001, status: 'completed', conclusion: 'failure', output: written.output },
      ])
      .getPull()
      .config(CONFIG);
    const before = h.gh.calls.length;
    await h.deliver('pull_request', event);
    await h.idle();
    h.done();
    expect(h.gh.calls.length).toBe(before + 3);
    expect(h.gh.find('POST', '/repos/acme/shop/check-runs')).toHaveLength(1);
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('reviews a head whose earlier run was cancelled, in that same check run (events out of order)', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    h.gh
      .token()
      .findCheck(h.repo.headSha, [{ id: 1001, status: 'completed', conclusion: 'cancelled' }])
      .getPull()
      .config(CONFIG)
      .files(h.files)
      .compare();
    await h.gh.bothTrees();
    h.gh.threads().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo, 'synchronize'));
    await h.idle();
    h.done();
    expect(h.gh.find('POST', '/repos/acme/shop/check-runs')).toEqual([]);
    expect(h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
  });

  it('does not post a second review when the run restarts after posting it (check still in progress)', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    // The run starts again (its replica died after posting): its check is still in progress, and
    // GitHub does not list the review's threads yet.
    h.gh.findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }]);
    h.gh.getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    h.gh.threads().listReviews(h.gh.postedReviews()).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(h.gh.find('POST', '/repos/acme/shop/check-runs')).toHaveLength(1);
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
    const patches = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001');
    expect((patches.at(-1)!.body as CheckBody).conclusion).toBe('failure');
  });

  it('resolves its own threads whose finding is gone and keeps those still valid', async () => {
    const base = shopFiles();
    const head = addEventFlowWithoutDeadLetter(base);
    const h = await harness(base, head);
    await expectBlueprintReview(h);
    // First run: the comments the bot posts.
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    const first = (
      h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as {
        comments: { path: string; line: number; body: string }[];
      }
    ).comments;
    expect(first.some((c) => c.body.includes(DEAD_LETTER_RULE))).toBe(true);
    const botThread = (id: string, body: string, line: number, path = BLUEPRINT) => ({
      id,
      isResolved: false,
      isOutdated: false,
      path,
      line,
      comments: { nodes: [{ body, author: { __typename: 'Bot', login: 'blueprint-review' } }] },
    });
    await expectBlueprintReview(h, false);
    h.gh
      .threads([
        ...first.map((c, i) => botThread(`T_kept${i}`, c.body, c.line, c.path)),
        botThread('T_gone', '<!-- blueprint-review:finding id=0123456789abcdef -->\nold', 12),
        {
          ...botThread('T_human', 'a person wrote this', 3),
          comments: { nodes: [{ body: 'x', author: { __typename: 'User', login: 'octocat' } }] },
        },
      ])
      .resolveThread()
      .updateCheck();
    // A re-run of the same SHA (as after "Re-run"): a new check run, the same threads.
    await rerunHead(h);
    const resolved = h.gh
      .find('POST', '/graphql')
      .filter((c) => /resolveReviewThread/.test((c.body as { query: string }).query));
    expect(resolved.map((c) => (c.body as { variables: unknown }).variables)).toEqual([
      { threadId: 'T_gone' },
    ]);
    // Every finding still commented on its line: no second review repeats them.
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('comments the findings a re-run under another config finds on the same head', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    // First run: the dead-letter rule off, so its finding is not commented on.
    await expectBlueprintReview(h, true, `${CONFIG}rules:\n  ${DEAD_LETTER_RULE}: off\n`);
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    type Posted = { body: string; comments: { path: string; line: number; body: string }[] };
    const first = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as Posted;
    expect(first.comments.length).toBeGreaterThan(0);
    expect(first.comments.some((c) => c.body.includes(DEAD_LETTER_RULE))).toBe(false);
    // The base's config turns the rule on, and the check is re-run for the same head: its review is
    // there, with comments on other findings.
    await expectBlueprintReview(h, false);
    h.gh
      .threads(
        first.comments.map((c, i) => ({
          id: `T_first${i}`,
          isResolved: false,
          isOutdated: false,
          path: c.path,
          line: c.line,
          comments: { nodes: [{ body: c.body, author: { __typename: 'Bot', login: 'blueprint-review' } }] },
        })),
      )
      .listReviews(h.gh.postedReviews())
      .createReview()
      .resolveThread()
      .updateCheck();
    await rerunHead(h);
    const reviews = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews');
    expect(reviews).toHaveLength(2);
    // The new finding shares a line with one commented on before: that thread gives way to one comment
    // listing both.
    const second = reviews[1]!.body as Posted;
    expect(second.comments.filter((c) => c.body.includes(DEAD_LETTER_RULE))).toHaveLength(1);
    expect(second.body).not.toEqual(first.body);
  });

  it('a review or threads that imitate its markers, written by anyone else, do not stop it commenting', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    const [real] = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews');
    const posted = real!.body as { body: string; comments: { path: string; line: number; body: string }[] };
    // Copies of the bot's review and comments, markers and all: by the pull request's author, and by a
    // workflow of the pull request posting with its token (another bot).
    const forger = (login: string, type: string) => ({ __typename: type, login });
    const copies = (author: { __typename: string; login: string }, prefix: string) =>
      posted.comments.map((c, i) => ({
        id: `${prefix}${i}`,
        isResolved: false,
        isOutdated: false,
        path: c.path,
        line: c.line,
        comments: { nodes: [{ body: c.body, author }] },
      }));
    await expectBlueprintReview(h, false);
    h.gh
      .threads([
        ...copies(forger('octocat', 'User'), 'T_user'),
        ...copies(forger('github-actions', 'Bot'), 'T_ci'),
      ])
      .listReviews([
        { body: posted.body, user: { login: 'octocat', type: 'User' } },
        { body: posted.body, user: { login: 'github-actions[bot]', type: 'Bot' } },
      ])
      .createReview()
      .updateCheck();
    await rerunHead(h);
    const reviews = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews');
    expect(reviews).toHaveLength(2);
    expect(reviews[1]!.body).toEqual(real!.body);
    // Nothing of theirs is resolved as if it were the bot's.
    expect(
      h.gh
        .find('POST', '/graphql')
        .filter((c) => /resolveReviewThread/.test((c.body as { query: string }).query)),
    ).toEqual([]);
  });

  it('re-runs for a fork pull request, found by its head SHA since the check event lists none', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    h.gh
      .token()
      .listOpenPulls()
      .findCheck(h.repo.headSha, [{ id: 1001, status: 'completed', conclusion: 'success' }]);
    h.gh.createCheck(1002).getPull().config(CONFIG).files(h.files).compare();
    await h.gh.bothTrees();
    h.gh.threads().updateCheck(1002);
    const event = payload('check_suite.rerequested.fork', (p) => {
      (p.check_suite as { head_sha: string }).head_sha = h.repo.headSha;
    });
    await h.deliver('check_suite', event);
    await h.idle();
    h.done();
    expect((h.gh.find('POST', '/repos/acme/shop/check-runs')[0]!.body as CheckBody).head_sha).toBe(
      h.repo.headSha,
    );
    expect((h.gh.find('PATCH', '/repos/acme/shop/check-runs/1002')[0]!.body as CheckBody).conclusion).toBe(
      'success',
    );
  });

  it('waits out a secondary rate limit once, then posts', async () => {
    const sleeps: number[] = [];
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base), sleeps);
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview(403, { 'retry-after': '7' }).createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(sleeps).toEqual([7000]);
    const [refused, posted] = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews');
    expect(posted!.body).toEqual(refused!.body);
    expect((h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody).conclusion).toBe(
      'failure',
    );
  });

  it('a review GitHub created but answered 502 to is found, not posted twice', async () => {
    const sleeps: number[] = [];
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base), sleeps);
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview(502);
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    // The 502's review exists: the look after the wait finds it.
    const posted = () => h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as { body: string };
    h.gh.scope
      .get('/repos/acme/shop/pulls/7/reviews')
      .query({ per_page: '100', page: '1' })
      .reply(200, () => [{ body: posted().body, user: { login: 'blueprint-review[bot]', type: 'Bot' } }]);
    h.gh.updateCheck();
    await h.idle();
    h.done();
    expect(sleeps).toEqual([2000]);
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
    const check = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(check.conclusion).toBe('failure');
    expect(check.output!.title).not.toBe('The review could not finish');
  });

  it('a review GitHub did not create (502, then not found) is posted again, once', async () => {
    const sleeps: number[] = [];
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base), sleeps);
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview(502).listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(sleeps).toEqual([2000]);
    const [failed, posted] = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews');
    expect(posted!.body).toEqual(failed!.body);
    expect(
      (h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody).output!.title,
    ).not.toBe('The review could not finish');
  });

  it('marks a review cancelled when the pull request has moved on to a newer head', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    const newer = 'a'.repeat(40);
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull(newer).updateCheck();
    // The head the pull request moved to is reviewed next (here it already was, under main's config).
    h.gh
      .findCheck(newer, [
        { id: 9, status: 'completed', conclusion: 'success', output: { summary: await basisLine(CONFIG) } },
      ])
      .getPull(newer)
      .config(CONFIG);
    await h.deliver('pull_request', pullRequestEvent(h.repo, 'synchronize'));
    await h.idle();
    h.done();
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(body).toMatchObject({
      conclusion: 'cancelled',
      output: { title: 'Superseded by a newer commit' },
    });
  });

  it('moves comments GitHub refuses (422) into the check run instead of losing them', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview(422).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
    const body = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
    expect(body.conclusion).toBe('failure');
    expect(body.output!.annotations!.map((a) => a.title)).toContain(DEAD_LETTER_RULE);
  });

  it("applies org defaults from the owner's .github repository (_extends), the repository config winning", async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull();
    h.gh.config(`_extends: .github\nblueprints: [blueprint]\nrules:\n  ${DEAD_LETTER_RULE}: off\n`);
    h.gh.orgConfig(`rules:\n  ${DEAD_LETTER_RULE}: error\n  requirements/flow-without-requirement: error\n`);
    h.gh.files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const review = h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as {
      comments: { body: string }[];
    };
    const requirement = review.comments.find((c) =>
      c.body.includes('requirements/flow-without-requirement'),
    )!;
    // The org raised the rule to error; the repository switched the dead-letter rule off.
    // Its line holds other findings too: one comment lists them all, each with its severity.
    expect(requirement.body).toMatch(/^<!-- blueprint-review:finding id=[0-9a-f]+(,[0-9a-f]+)* -->\n/);
    const part = requirement.body
      .split('\n---\n')
      .find((p) => p.includes('requirements/flow-without-requirement'))!;
    expect(part.trim()).toMatch(/^\*\*🔴 Error:\*\*/);
    expect(review.comments.some((c) => c.body.includes(DEAD_LETTER_RULE))).toBe(false);
  });

  it('leaves a failing check even when looking for an earlier one fails every time', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    h.gh.token();
    // Each of the queue's 4 attempts, then the look of the job given up: GitHub answers 502.
    for (let look = 1; look <= 5; look++) h.gh.findCheck(h.repo.headSha, [], 502);
    h.gh.createCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(h.gh.find('POST', '/repos/acme/shop/check-runs')).toHaveLength(1);
    const body = h.gh.find('POST', '/repos/acme/shop/check-runs')[0]!.body as CheckBody;
    expect(body).toMatchObject({
      name: 'Blueprint review: main',
      head_sha: h.repo.headSha,
      status: 'completed',
      conclusion: 'failure',
    });
    expect(body.output!.summary).toContain('GitHub answered 502');
    expect(body.output!.summary).toContain('it failed 4 times, and is not tried again');
  });

  it('reviews again when the pull request is retargeted to another base branch', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.bothTrees();
    h.gh.threads().updateCheck();
    await h.deliver('pull_request', {
      ...pullRequestEvent(h.repo),
      action: 'edited',
      changes: { base: { ref: { from: 'develop' } } },
    });
    await h.idle();
    h.done();
    expect((h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody).conclusion).toBe(
      'success',
    );
  });

  it("recognises its own bot by looking up the app's slug once", async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, editReadme(base));
    const h = await harnessFor(
      repo,
      await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha),
      [],
      null,
    );
    h.gh.scope.get('/app').reply(200, (_uri: string, body: unknown) => {
      h.gh.calls.push({ method: 'GET', path: '/app', body, at: performance.now() });
      return { id: 1, slug: 'blueprint-review', name: 'Blueprint review' };
    });
    const fromBot = (login: string) =>
      payload('pull_request.synchronize', (p) => {
        p.sender = { login, type: 'Bot', id: 2 };
      });
    await h.deliver('pull_request', fromBot('blueprint-review[bot]'));
    await h.deliver('pull_request', fromBot('blueprint-review[bot]'));
    await h.idle();
    h.done();
    expect(h.gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /app']);
    expect(h.gh.calls[0]!.body).toBeFalsy();
  });

  it("checks GitHub's answer about the app: one without an id is refused, and asked again later", async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, editReadme(base));
    const h = await harnessFor(repo, [], [], null);
    h.gh.scope.get('/app').reply(200, { slug: 'blueprint-review' });
    h.gh.scope.get('/app').reply(200, { id: 9, slug: 'blueprint-review' });
    const runtime = h.app.runtime()!;
    await expect(runtime.appId()).rejects.toThrow(/GET \/app.*`id` is missing/);
    expect(await runtime.appId()).toBe(9);
    expect(await runtime.botLogin()).toBe('blueprint-review[bot]');
    h.done();
  });

  it('ignores events the app caused and title edits', async () => {
    const base = shopFiles();
    const h = await harness(base, editReadme(base));
    await h.deliver(
      'pull_request',
      payload('pull_request.synchronize', (p) => {
        p.sender = { login: 'blueprint-review[bot]', type: 'Bot', id: 1 };
      }),
    );
    await h.deliver('pull_request', {
      ...pullRequestEvent(h.repo),
      action: 'edited',
      changes: { title: { from: 'x' } },
    });
    await h.idle();
    h.done();
    expect(h.gh.calls).toEqual([]);
  });
});
