/**
 * A contract the blueprint names through a symbolic link (gate18, attempt 1). Git stores a link as
 * one entry whose text is its target: the contract consumers read is the target's, which can live
 * anywhere in the repository and change without the link, or any blueprint file, changing. The gate
 * reads no links, so it never saw such a change: a breaking edit of the target passed as "No
 * blueprint change needs sign-off". Now the head cannot pass while its blueprint reads through a link
 * (the check names it), and a merge base's link replaced by the file is judged uncompared — breaking.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { BASE_FILES, CHANGE_TYPE, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import type { Harness } from './support/signoff-app.js';
import {
  deliverApproval,
  harness,
  pullRequestEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

const CONTRACT = 'blueprint/contracts/orders.yaml';
/** The repository with the orders contract kept outside the blueprint, in `shared/orders.yaml`. */
const { [CONTRACT]: ORDERS, ...WITHOUT_CONTRACT } = BASE_FILES;
const SHARED: Files = { ...WITHOUT_CONTRACT, 'shared/orders.yaml': ORDERS! };
/** The shared contract with a field's type changed: a break for its consumer, billing. */
const SHARED_BROKEN: Files = {
  ...WITHOUT_CONTRACT,
  'shared/orders.yaml': edit(BASE_FILES, CONTRACT, [CHANGE_TYPE])[CONTRACT]!,
};

async function opened(h: Harness): Promise<string> {
  await h.deliver('pull_request', pullRequestEvent(h, 'opened'));
  await h.idle();
  await deliverApproval(h, 'olivia', 1);
  const shown = shownOnHead(h)!;
  expect(shown.conclusion).not.toBe('success');
  return `${shown.output?.title}\n${shown.output?.summary}\n${shown.output?.text ?? ''}`.replace(
    /\n\s+/g,
    ' ',
  );
}

describe('a contract the blueprint reads through a symbolic link', () => {
  it('whose target alone breaks: the check fails, naming the link, whoever approves', async () => {
    const h = await harness(
      { checkRuns: [] },
      { base: SHARED, head: SHARED_BROKEN, baseLinks: { [CONTRACT]: '../../shared/orders.yaml' } },
    );
    const said = await opened(h);
    expect(said).toContain('reads what the gate cannot see at the head');
    expect(said).toContain('blueprint/contracts/orders.yaml is a symbolic link');
    expect(said).toContain('commit the file itself');
  });

  it('in a folder that is a link: the same', async () => {
    const h = await harness(
      { checkRuns: [] },
      { base: SHARED, head: SHARED_BROKEN, baseLinks: { 'blueprint/contracts': '../shared' } },
    );
    const said = await opened(h);
    expect(said).toContain('blueprint/contracts/orders.yaml is in a folder that is a symbolic link');
  });

  it('replaced by the file: the merge base could not be compared, so its consumers are asked', async () => {
    const replaced = { ...SHARED_BROKEN, [CONTRACT]: SHARED_BROKEN['shared/orders.yaml']! };
    const h = await harness(
      { checkRuns: [] },
      { base: SHARED, head: replaced, baseLinks: { [CONTRACT]: '../../shared/orders.yaml' } },
    );
    await deliverApproval(h, 'sam', 2);
    const said = await opened(h);
    expect(said).toContain('contract orders-api has a breaking change');
    expect(said).toContain('Still needs: 1 approval from `@acme/billing`');
    expect(said).not.toContain('reads what the gate cannot see');
  });
});

/** The review check on the head, unfolded: the app writes it before the sign-off. */
function reviewCheck(h: Harness): { conclusion: string | null | undefined; said: string } {
  const run = h.gh.state.checkRuns.findLast(
    (r) => r.name === 'Blueprint review: main' && r.head_sha === h.headSha,
  )!;
  const said = `${run.output?.title}\n${run.output?.summary}\n${run.output?.text ?? ''}`;
  return { conclusion: run.conclusion, said: said.replace(/\n\s+/g, ' ') };
}

/** The orders contract's response schema `$ref`s `shared/order.yaml`, a link to `vendor/order.yaml`. */
const INLINE_SCHEMA =
  '              schema:\n                type: object\n                properties:\n                  orderId: { type: string }\n                  total: { type: number }\n';
const ORDER_SCHEMA =
  'Order:\n  type: object\n  properties:\n    orderId: { type: string }\n    total: { type: number }\n';
const REFERRING: Files = {
  ...edit(BASE_FILES, CONTRACT, [
    [INLINE_SCHEMA, "              schema: { $ref: '../../shared/order.yaml#/Order' }\n"],
  ]),
  'vendor/order.yaml': ORDER_SCHEMA,
};

/** The shared schema with a field's type changed: a break for billing, reached only through the link. */
const REFERRING_BROKEN = edit(REFERRING, 'vendor/order.yaml', [
  ['total: { type: number }', 'total: { type: string }'],
]);

describe('the review check agrees with the sign-off', () => {
  it.each([
    [
      'a link whose target alone changed',
      SHARED,
      SHARED_BROKEN,
      { [CONTRACT]: '../../shared/orders.yaml' },
      'blueprint/contracts/orders.yaml is a symbolic link',
    ],
    [
      'a folder that is a link',
      SHARED,
      SHARED_BROKEN,
      { 'blueprint/contracts': '../shared' },
      'blueprint/contracts/orders.yaml is in a folder that is a symbolic link',
    ],
    [
      'a file a $ref reaches outside the blueprint, through a link',
      REFERRING,
      REFERRING_BROKEN,
      { 'shared/order.yaml': '../vendor/order.yaml' },
      'shared/order.yaml is a symbolic link',
    ],
  ])(
    'on %s: it fails naming the link, not "No blueprint changes"',
    async (_, base, head, baseLinks, named) => {
      const h = await harness({ checkRuns: [] }, { base, head, baseLinks });
      await opened(h);
      const review = reviewCheck(h);
      expect(review.said).not.toContain('No blueprint changes');
      expect(review.conclusion).toBe('failure');
      expect(review.said).toContain(named);
    },
  );

  it('on a link replaced by the file: the merge base could not be compared, and the review says so', async () => {
    const replaced = { ...SHARED, [CONTRACT]: SHARED['shared/orders.yaml']! };
    const h = await harness(
      { checkRuns: [] },
      { base: SHARED, head: replaced, baseLinks: { [CONTRACT]: '../../shared/orders.yaml' } },
    );
    await opened(h);
    const review = reviewCheck(h);
    expect(review.conclusion).toBe('failure');
    expect(review.said).toContain('1 contract not compared');
    expect(review.said).toContain('`orders-api` could not be compared completely');
    expect(review.said).toContain("the merge base's `blueprint/contracts/orders.yaml` does not load");
  });
});

describe('the CLI door, over git', () => {
  it('fails the same way on a folder that is a link', async () => {
    const repo = twoCommitRepo(SHARED, SHARED_BROKEN, {}, { 'blueprint/contracts': '../shared' });
    try {
      const reviews = path.join(repo.dir, '..', `${path.basename(repo.dir)}-reviews.json`);
      writeFileSync(reviews, JSON.stringify({ author: 'mallory', reviews: [] }));
      let out = '';
      const io = { stdout: (t: string) => (out += t), stderr: () => {}, cwd: repo.dir, isTTY: false };
      const code = await main(
        ['signoff', '--base', 'main', '--head', 'feature', '--org', 'acme', '--reviews', reviews],
        io,
      );
      expect(code).toBe(1);
      expect(out.replace(/\n\s+/g, ' ')).toContain(
        'blueprint/contracts/orders.yaml is in a folder that is a symbolic link',
      );
    } finally {
      repo.remove();
    }
  });
});
