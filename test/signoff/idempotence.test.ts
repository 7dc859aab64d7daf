/**
 * Invariant 6 at the core: a redelivered event evaluates to the same decision and never repeats a
 * review request. (Concurrent events in the app: test/signoff/app.test.ts.)
 */
import { describe, expect, it } from 'vitest';
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
