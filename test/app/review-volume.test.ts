/**
 * How much the review says, through the real Probot app: findings on one line share one comment
 * (one thread, every finding listed, every id in its marker); a review comments on at most
 * `review.maxLineComments` lines (errors first) and says where the rest went; a GraphQL failure
 * while listing the review threads costs only the housekeeping, never the review.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findingIdsIn, hasReviewMarker } from '../../src/review/markers.js';
import type { CheckBody, Harness } from './support/app-harness.js';
import { CONFIG, harness, pullRequestEvent } from './support/app-harness.js';
import { addEventFlowWithoutDeadLetter, removeOrderIdFromResponse, shopFiles } from './support/shop.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

interface PostedReview {
  body: string;
  comments: { path: string; line: number; side: string; body: string }[];
}

async function expectReview(h: Harness, config: string): Promise<void> {
  h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(config).files(h.files).compare();
  await h.gh.tree(h.repo.headSha);
  await h.gh.tree(h.repo.baseSha);
  await h.gh.blobs('blueprint');
}

const posted = (h: Harness) =>
  h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews').map((c) => c.body as PostedReview);
const completion = (h: Harness) =>
  h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001').at(-1)!.body as CheckBody;

describe('review volume', () => {
  it('posts one comment per line, listing every finding on it with its id in the marker', async () => {
    const base = shopFiles();
    const h = await harness(base, removeOrderIdFromResponse(addEventFlowWithoutDeadLetter(base)));
    await expectReview(h, CONFIG);
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [review] = posted(h);
    const lines = review!.comments.map((c) => `${c.side} ${c.path}:${c.line}`);
    expect(new Set(lines).size).toBe(lines.length);
    const shared = review!.comments.find((c) => findingIdsIn(c.body).length > 1)!;
    expect(shared).toBeDefined();
    const ids = findingIdsIn(shared.body);
    expect(shared.body).toContain(`**${ids.length} findings on this line**`);
    expect(shared.body.split('\n---\n')).toHaveLength(ids.length + 1);
    // Every commented finding is marked 💬 in the summary, and none is also an annotation.
    const check = completion(h);
    const commentedIds = review!.comments.flatMap((c) => findingIdsIn(c.body));
    expect(commentedIds.length).toBeGreaterThan(review!.comments.length);
    expect(check.output!.summary.match(/💬/g)!.length).toBeGreaterThanOrEqual(commentedIds.length);
  });

  it('comments on at most review.maxLineComments lines, errors first, and says where the rest went', async () => {
    const base = shopFiles();
    const h = await harness(base, removeOrderIdFromResponse(addEventFlowWithoutDeadLetter(base)));
    await expectReview(h, `${CONFIG}review: { maxLineComments: 1 }\n`);
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [review] = posted(h);
    expect(review!.comments).toHaveLength(1);
    expect(review!.comments[0]!.body).toContain('🔴 Error');
    const note =
      /(\d+) more findings? on changed lines (is|are) annotated in the \*\*Blueprint review: main\*\* check instead: a review comments on at most 1 line \(`review.maxLineComments` in the config\), lines with errors first\./;
    const moved = Number(note.exec(review!.body)![1]);
    expect(moved).toBeGreaterThan(0);
    const check = completion(h);
    expect(check.output!.summary).toMatch(note);
    // The moved findings are annotations on their lines; nothing was dropped.
    const commented = findingIdsIn(review!.comments[0]!.body).length;
    const annotated = check.output!.annotations!.length;
    const table = check.output!.summary.match(/^\| (🔴|🟠|ℹ️) \|/gm)!.length;
    expect(commented + annotated).toBe(table);
  });

  it('still posts the review when GitHub cannot list the review threads (GraphQL 502), once per head', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    await expectReview(h, CONFIG);
    h.gh.scope
      .post('/graphql', (body: { query?: string }) => /reviewThreads/.test(body.query ?? ''))
      .reply(502, { message: 'Bad Gateway' });
    h.gh.listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [review] = posted(h);
    expect(review!.comments.length).toBeGreaterThan(0);
    expect(completion(h)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(completion(h).output!.title).not.toBe('The review could not finish');
    expect(
      h.gh.find('POST', '/graphql').filter((c) => /resolveReviewThread/.test(JSON.stringify(c.body))),
    ).toEqual([]);

    // A re-run of the same head while GraphQL is still down finds its review by the marker: no second one.
    h.gh.findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    h.gh.scope
      .post('/graphql', (body: { query?: string }) => /reviewThreads/.test(body.query ?? ''))
      .reply(200, { errors: [{ message: 'Something went wrong' }] });
    h.gh
      .listReviews([{ body: review!.body, user: { login: 'blueprint-review[bot]', type: 'Bot' } }])
      .updateCheck();
    await h.deliver('check_run', rerun(h));
    await h.idle();
    h.done();
    expect(posted(h)).toHaveLength(1);
    expect(hasReviewMarker(review!.body, h.repo.headSha)).toBe(true);
  });
});

function rerun(h: Harness): Record<string, unknown> {
  const event = pullRequestEvent(h.repo);
  return {
    action: 'rerequested',
    check_run: {
      id: 1001,
      name: 'Blueprint review: main',
      head_sha: h.repo.headSha,
      pull_requests: [
        { number: 7, base: { ref: 'main', repo: { id: (event.repository as { id: number }).id } } },
      ],
    },
    repository: event.repository,
    installation: event.installation,
    sender: { login: 'octocat', type: 'User' },
  };
}
