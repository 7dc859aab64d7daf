/**
 * A contract the blueprint names through a symbolic link (gate18, attempt 1). Git stores a link as
 * one entry whose text is its target: the contract consumers read is the target's, which can live
 * anywhere in the repository and change without the link, or any blueprint file, changing. The gate
 * reads no links, so it never saw such a change: a breaking edit of the target passed as "No
 * blueprint change needs sign-off". Now the head cannot pass while its blueprint reads through a link
 * (the check names it), and a merge base's link replaced by the file is judged uncompared — breaking.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { commitAll, twoCommitRepo } from '../app/support/git-repo.js';
import { BASE_FILES, CHANGE_TYPE, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import type { Harness } from './support/signoff-app.js';
import {
  deliverApproval,
  harness,
  pullRequestEvent,
  reviewShownOnHead,
  checkText,
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
  return checkText(shown);
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
      const review = reviewShownOnHead(h);
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
    const review = reviewShownOnHead(h);
    expect(review.conclusion).toBe('failure');
    expect(review.said).toContain('1 contract not compared');
    expect(review.said).toContain('`orders-api` could not be compared completely');
    expect(review.said).toContain("the merge base's `blueprint/contracts/orders.yaml` does not load");
  });
});

/** The shared contract kept under a name no blueprint file has (`.txt`), the contract a link to it. */
const { [CONTRACT]: _orders, ...ELSEWHERE } = SHARED;
const TXT_BASE: Files = { ...WITHOUT_CONTRACT, 'shared/orders.txt': ORDERS! };
const TXT_BROKEN: Files = { ...WITHOUT_CONTRACT, 'shared/orders.txt': SHARED_BROKEN['shared/orders.yaml']! };
/** The contracts folder a submodule whose pointer the pull request moves (and nothing else). */
const MOVED_SUBMODULE = {
  base: { 'blueprint/contracts': 'a'.repeat(40) },
  head: { 'blueprint/contracts': 'b'.repeat(40) },
};

describe("a pull request that changes no file of a blueprint's name", () => {
  it.each([
    [
      'a link whose target of another name alone changed',
      { base: TXT_BASE, head: TXT_BROKEN, baseLinks: { [CONTRACT]: '../../shared/orders.txt' } },
      'blueprint/contracts/orders.yaml is a symbolic link',
    ],
    [
      'a submodule inside the blueprint whose pointer moved',
      { base: WITHOUT_CONTRACT, head: WITHOUT_CONTRACT, submodules: MOVED_SUBMODULE },
      'blueprint/contracts/orders.yaml is in a folder that is a git submodule',
    ],
  ])('on %s: both checks fail naming it, whoever approves', async (_, options, named) => {
    const h = await harness({ checkRuns: [] }, options);
    const said = await opened(h);
    expect(said).toContain('reads what the gate cannot see at the head');
    expect(said).toContain(named);
    const review = reviewShownOnHead(h);
    expect(review.said).not.toContain('No blueprint changes');
    expect(review.conclusion).toBe('failure');
    expect(review.said).toContain(named);
  });

  it('with links the blueprint does not read through: both pass', async () => {
    const h = await harness(
      { checkRuns: [] },
      {
        base: ELSEWHERE,
        head: { ...ELSEWHERE, 'README.md': '# order to cash, now documented\n' },
        baseLinks: { 'docs/latest': 'v2' },
        submodules: { base: { vendor: 'a'.repeat(40) } },
      },
    );
    await h.deliver('pull_request', pullRequestEvent(h, 'opened'));
    await h.idle();
    expect(reviewShownOnHead(h)).toMatchObject({ conclusion: 'success' });
    expect(reviewShownOnHead(h).said).toContain('No blueprint changes');
    expect(shownOnHead(h)?.conclusion).toBe('success');
  });
});

describe('the CLI door, over git', () => {
  it.each([
    [
      'a folder that is a link',
      twoCommitRepo.bind(null, SHARED, SHARED_BROKEN, {}, { 'blueprint/contracts': '../shared' }),
      'blueprint/contracts/orders.yaml is in a folder that is a symbolic link',
    ],
    [
      'a link whose target of another name alone changed',
      twoCommitRepo.bind(null, TXT_BASE, TXT_BROKEN, {}, { [CONTRACT]: '../../shared/orders.txt' }),
      'blueprint/contracts/orders.yaml is a symbolic link',
    ],
    [
      'a submodule inside the blueprint whose pointer moved',
      twoCommitRepo.bind(null, WITHOUT_CONTRACT, WITHOUT_CONTRACT, {}, {}, MOVED_SUBMODULE),
      'blueprint/contracts/orders.yaml is in a folder that is a git submodule',
    ],
  ])('fails the same way on %s', async (_, create, named) => {
    const repo = create();
    const reviews = path.join(repo.dir, '..', `${path.basename(repo.dir)}-reviews.json`);
    try {
      writeFileSync(reviews, JSON.stringify({ author: 'mallory', pushers: [], commits: [], reviews: [] }));
      let out = '';
      const io = { stdout: (t: string) => (out += t), stderr: () => {}, cwd: repo.dir, isTTY: false };
      const code = await main(
        ['signoff', '--base', 'main', '--head', 'feature', '--org', 'acme', '--reviews', reviews],
        io,
      );
      expect(code).toBe(1);
      expect(out.replace(/\n\s+/g, ' ')).toContain(named);
    } finally {
      repo.remove();
      rmSync(reviews, { force: true });
    }
  });

  it('a submodule only the merge base held, dropped by the head: the review fails, and the gate', async () => {
    const repo = twoCommitRepo(WITHOUT_CONTRACT, WITHOUT_CONTRACT, {}, {}, { base: MOVED_SUBMODULE.base });
    const reviews = path.join(repo.dir, '..', `${path.basename(repo.dir)}-reviews.json`);
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir });
      git('rm', '-q', '--cached', 'blueprint/contracts');
      commitAll(repo.dir, 'the submodule dropped');
      // The base branch moves on: the merge base is a commit of its own, named after the branch.
      git('checkout', '-q', 'main');
      writeFileSync(path.join(repo.dir, 'NOTES.md'), 'notes\n');
      commitAll(repo.dir, 'main moves on');
      git('checkout', '-q', 'feature');
      writeFileSync(reviews, JSON.stringify({ author: 'mallory', pushers: [], commits: [], reviews: [] }));
      const run = async (args: string[]) => {
        let out = '';
        const io = { stdout: (t: string) => (out += t), stderr: () => {}, cwd: repo.dir, isTTY: false };
        return { code: await main(args, io), out: out.replace(/\n\s+/g, ' ') };
      };
      const review = await run(['review', '--base', 'main', '--head', 'feature']);
      expect(review.code).toBe(1);
      expect(review.out).not.toContain('No blueprint changes');
      expect(review.out).toContain('blueprint/contracts/orders.yaml does not exist');
      const signoff = await run([
        'signoff',
        '--base',
        'main',
        '--head',
        'feature',
        '--org',
        'acme',
        '--reviews',
        reviews,
      ]);
      expect(signoff.code).toBe(1);
      expect(signoff.out).toContain('The review of feature fails');
    } finally {
      repo.remove();
      rmSync(reviews, { force: true });
    }
  });
});
