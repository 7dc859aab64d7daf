/** Invariant 6: redelivered and concurrent events give one result and never repeat a review request. */
import { describe, expect, it } from 'vitest';
import { LatestWinsQueue } from '../../src/signoff/latest-wins.js';
import {
  mergeReviewers,
  parseRequestMarker,
  requestMarker,
  reviewRequestsToMake,
} from '../../src/signoff/requests.js';
import { renderSummaryMarkdown } from '../../src/signoff/render.js';
import { ADD_FIELD, BASE_FILES, HEAD, NON_BREAKING, edit, review, runScenario } from './fixtures.js';

const head = edit(BASE_FILES, 'blueprint/contracts/orders.yaml', [ADD_FIELD]);

describe('redelivered review event', () => {
  it('evaluates to the same decision and requests reviewers only the first time', async () => {
    const reviews = [review('eve', 'APPROVED', HEAD, 1)];
    const first = await runScenario({ head, contractDiffs: NON_BREAKING, reviews });
    const again = await runScenario({ head, contractDiffs: NON_BREAKING, reviews });
    expect(again.decision).toEqual(first.decision);
    expect(renderSummaryMarkdown(again.decision)).toBe(renderSummaryMarkdown(first.decision));

    const none = { users: [], teams: [] };
    const toRequest = reviewRequestsToMake(first.decision.reviewRequests, none, none);
    expect(toRequest).toEqual({ users: [], teams: ['acme/orders'] });
    // The app writes the marker into the check run; the redelivery reads it back.
    const remembered = parseRequestMarker(`summary…\n${requestMarker(toRequest)}\n`);
    expect(reviewRequestsToMake(again.decision.reviewRequests, none, remembered)).toEqual(none);
  });

  it('does not request a team again after a member reviewed and GitHub cleared the request', () => {
    const wanted = { users: ['olivia'], teams: ['acme/orders', 'acme/billing'] };
    const remembered = parseRequestMarker(requestMarker({ users: ['olivia'], teams: ['acme/orders'] }));
    expect(reviewRequestsToMake(wanted, { users: [], teams: [] }, remembered)).toEqual({
      users: [],
      teams: ['acme/billing'],
    });
  });

  it('skips reviewers GitHub already lists as requested, case-insensitively', () => {
    expect(
      reviewRequestsToMake(
        { users: ['Olivia', 'bill'], teams: ['acme/Orders'] },
        { users: ['olivia'], teams: ['acme/orders'] },
        { users: [], teams: [] },
      ),
    ).toEqual({ users: ['bill'], teams: [] });
  });

  it('reads a missing or forged marker as "nothing requested"', () => {
    expect(parseRequestMarker(undefined)).toEqual({ users: [], teams: [] });
    expect(parseRequestMarker('<!-- blueprint-signoff:requested {"users": 5} -->')).toEqual({
      users: [],
      teams: [],
    });
    expect(parseRequestMarker('<!-- blueprint-signoff:requested {not json} -->')).toEqual({
      users: [],
      teams: [],
    });
    expect(mergeReviewers({ users: ['A'], teams: [] }, { users: ['a', 'b'], teams: ['x/Y'] })).toEqual({
      users: ['a', 'b'],
      teams: ['x/y'],
    });
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('two events racing for the same PR', () => {
  it('serialises runs per PR so the last write reflects the latest state', async () => {
    const queue = new LatestWinsQueue();
    const github = { state: 'one approval', checkRun: '' };
    const gates = [deferred(), deferred(), deferred()];
    const ran: number[] = [];
    const evaluation = (n: number) => async () => {
      ran.push(n);
      const seen = github.state; // read fresh state when the run starts
      await gates[n]!.promise;
      github.checkRun = `decision from ${seen}`;
    };

    const first = queue.run('acme/repo#7', evaluation(0));
    github.state = 'two approvals';
    const second = queue.run('acme/repo#7', evaluation(1));
    github.state = 'three approvals';
    const third = queue.run('acme/repo#7', evaluation(2));
    gates[2]!.resolve();
    gates[1]!.resolve();
    gates[0]!.resolve();
    await Promise.all([first, second, third]);

    expect(ran).toEqual([0, 2]); // the middle request collapsed into the newest one
    expect(github.checkRun).toBe('decision from three approvals');
    expect(queue.busy).toBe(0);
  });

  it('runs different PRs independently and survives a failing run', async () => {
    const queue = new LatestWinsQueue();
    const order: string[] = [];
    const failing = queue.run('a#1', async () => {
      order.push('a1');
      throw new Error('GitHub 502');
    });
    const other = queue.run('b#2', async () => {
      order.push('b2');
    });
    const later = queue.run('a#1', async () => {
      order.push('a1-again');
    });
    await expect(failing).rejects.toThrow('GitHub 502');
    await Promise.all([other, later]);
    expect(order).toEqual(['a1', 'b2', 'a1-again']);
  });
});
