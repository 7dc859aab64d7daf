/**
 * The changed files come from GitHub's list, which GitHub computes against the base commit it last
 * recorded for the pull request; the blueprint is read at the merge base with the base branch's tip
 * now. A file that differs between those two commits but is left out of the list (a base branch
 * rewritten under the pull request, a list computed before it) must not be judged unchanged: nobody
 * would be asked to approve it. Real deliveries through the Probot app, GitHub faked with nock.
 */
import { describe, expect, it } from 'vitest';
import {
  harness,
  labeledEvent,
  pullRequestEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';
import { treeDifferences, unlistedChanges } from '../../src/adapters/github/pull-request-reads.js';

useSignoffApp();

describe("a changed file GitHub's list leaves out", () => {
  it('fails the sign-off, naming it, instead of passing with nothing to sign off', async () => {
    // The head changes the orders contract; GitHub's list names nothing of it.
    const h = await harness({ unlistedFiles: ['blueprint/contracts/orders.yaml'] });
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output!.summary).toContain(
      'changed files leaves out a file that differs between the merge base and the head',
    );
    expect(shown.output!.summary).toContain('`blueprint/contracts/orders.yaml`');
  });

  it('fails the review check too, instead of "no blueprint changes" for a contract it never read', async () => {
    // The review's own run: none stands for the head yet (the harness's is taken away), mallory opens it.
    const h = await harness({ unlistedFiles: ['blueprint/contracts/orders.yaml'] }, { openedBy: null });
    h.gh.state.checkRuns.splice(0);
    await h.deliver('pull_request', pullRequestEvent(h, 'opened'));
    await h.idle();
    const review = h.gh.state.checkRuns.filter((r) => r.name === 'Blueprint review: main').at(-1)!;
    expect(review.conclusion).not.toBe('success');
    expect(review.output!.summary).toContain('`blueprint/contracts/orders.yaml`');
  });

  it('is read again by the queue, and judged once GitHub lists it, with nobody re-running the check', async () => {
    // GitHub's first listing predates the base's move; the next one names the contract.
    const h = await harness(
      { unlistedFiles: ['blueprint/contracts/orders.yaml'], unlistedListings: 1 },
      { app: { retry: { attempts: 3, backoffMs: 1 } } },
    );
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    expect(h.gh.state.unlistedListings).toBeLessThan(0);
    const shown = shownOnHead(h)!;
    expect(shown.output!.summary).not.toContain('leaves out');
    expect(shown.output!.summary).toContain('orders');
  });

  it('is found past the 300 files a comparison lists: the merge base and head trees say what differs', async () => {
    // 300 other files come first: the comparison's list stops before the contract, and GitHub's
    // list of the pull request's files leaves it out.
    const h = await harness({ paddingFiles: 300, unlistedFiles: ['blueprint/contracts/orders.yaml'] });
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output!.summary).toContain(
      'changed files leaves out a file that differs between the merge base and the head',
    );
    expect(shown.output!.summary).toContain('`blueprint/contracts/orders.yaml`');
  });

  it('past 300 files, a list that names every change is judged as usual', async () => {
    const h = await harness({ paddingFiles: 300 });
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain('@acme/orders');
  });

  it('is covered when the list names it under its former path too (a rename)', () => {
    const renamed = [{ path: 'b.yaml', previousPath: 'a.yaml', status: 'renamed' as const }];
    expect(unlistedChanges(renamed, ['b.yaml', 'a.yaml'])).toEqual([]);
    expect(unlistedChanges(renamed, ['b.yaml', 'c.yaml', 'c.yaml'])).toEqual(['c.yaml']);
  });

  it("the trees' differences: another object or mode (a link, a submodule) or a path on one side, never a folder", () => {
    const blob = (path: string, sha: string, mode = '100644') => ({
      path,
      mode,
      type: 'blob',
      sha,
      size: undefined,
    });
    const folder = (path: string, sha: string) => ({
      path,
      mode: '040000',
      type: 'tree',
      sha,
      size: undefined,
    });
    const before = [
      folder('a', '1'.repeat(40)),
      blob('a/same.yaml', 'a'.repeat(40)),
      blob('a/edited.yaml', 'b'.repeat(40)),
      blob('a/linked.yaml', 'c'.repeat(40)),
      blob('a/module', 'd'.repeat(40)),
      blob('a/gone.yaml', 'e'.repeat(40)),
    ];
    const after = [
      folder('a', '2'.repeat(40)),
      blob('a/same.yaml', 'a'.repeat(40)),
      blob('a/edited.yaml', 'f'.repeat(40)),
      blob('a/linked.yaml', 'c'.repeat(40), '120000'),
      { path: 'a/module', mode: '160000', type: 'commit', sha: 'd'.repeat(40), size: undefined },
      blob('a/new.yaml', 'e'.repeat(40)),
    ];
    expect(treeDifferences(before, after)).toEqual([
      'a/edited.yaml',
      'a/gone.yaml',
      'a/linked.yaml',
      'a/module',
      'a/new.yaml',
    ]);
  });
});
