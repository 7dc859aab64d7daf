/**
 * The changed files come from GitHub's list, which GitHub computes against the base commit it last
 * recorded for the pull request; the blueprint is read at the merge base with the base branch's tip
 * now. A file that differs between those two commits but is left out of the list (a base branch
 * rewritten under the pull request, a list computed before it) must not be judged unchanged: nobody
 * would be asked to approve it. Real deliveries through the Probot app, GitHub faked with nock.
 */
import { describe, expect, it } from 'vitest';
import { harness, labeledEvent, shownOnHead, useSignoffApp } from './support/signoff-app.js';
import { unlistedChanges } from '../../src/adapters/github/pull-request-reads.js';

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

  it('is covered when the list names it under its former path too (a rename)', () => {
    const renamed = [{ path: 'b.yaml', previousPath: 'a.yaml', status: 'renamed' as const }];
    expect(unlistedChanges(renamed, ['b.yaml', 'a.yaml'])).toEqual([]);
    expect(unlistedChanges(renamed, ['b.yaml', 'c.yaml', 'c.yaml'])).toEqual(['c.yaml']);
  });
});
