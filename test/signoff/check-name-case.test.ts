/**
 * A verdict belongs to one base (invariant 9) under any case: git branch names are case-sensitive, so
 * `Main` (with a lax config) and `main` can both be bases, and GitHub does not document whether it
 * matches a required check's name with case or without. The name written for `Main` must differ from
 * `main`'s however case is folded. Real deliveries through the Probot app, GitHub faked with nock.
 */
import { describe, expect, it } from 'vitest';
import { baseOfCheckName, checkNameFor, SIGNOFF_CHECK_NAME } from '../../src/app/check-name.js';
import { payload } from '../app/support/fake-github.js';
import {
  deliverReview,
  harnessWithLaxBase,
  LAX_CONFIG,
  reviewCheckDone,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

describe('a base that differs from another only in case', () => {
  it('gets a check name that differs from the other base’s in any case, and its re-run finds it', async () => {
    const h = await harnessWithLaxBase('Main');
    await reviewCheckDone(h, 'Main (capitals 1)', LAX_CONFIG);
    await deliverReview(h, 'eve', 1, 'APPROVED', 8);
    const passed = h.gh.state.checkRuns.filter(
      (r) =>
        r.head_sha === h.headSha && r.name.startsWith('Blueprint sign-off') && r.conclusion === 'success',
    );
    // eve's approval passes the pull request into Main, under a name main's protection cannot take
    // for its own, with case or without.
    expect(passed.map((r) => r.name)).toEqual(['Blueprint sign-off: Main (capitals 1)']);
    expect(passed.filter((r) => r.name.toLowerCase() === 'blueprint sign-off: main')).toEqual([]);

    // A re-run of that check evaluates the pull request into Main again (and no other).
    const run = passed[0]!;
    run.conclusion = 'failure';
    await h.deliver(
      'check_run',
      payload('check_run.rerequested', (p) => {
        const checkRun = p.check_run as {
          name: string;
          head_sha: string;
          id: number;
          pull_requests: unknown[];
        };
        checkRun.name = run.name;
        checkRun.head_sha = h.headSha;
        checkRun.id = run.id;
        // As for a fork: GitHub lists none, so the app looks them up by head (#7 into main, #8 into Main).
        checkRun.pull_requests = [];
      }),
    );
    await h.idle();
    expect(h.gh.state.checkRuns.find((r) => r.id === run.id)).toMatchObject({ conclusion: 'success' });
    expect(h.gh.state.checkRuns.filter((r) => r.name === 'Blueprint sign-off: main')).toEqual([]);
  });

  it('reads back only the names the app writes', () => {
    for (const base of ['main', 'Main', 'release/V2', 'ÉTÉ', 'feature/(capitals 1)'])
      expect(baseOfCheckName(SIGNOFF_CHECK_NAME, checkNameFor(SIGNOFF_CHECK_NAME, base))).toBe(base);
    const names = ['main', 'Main', 'MAIN', 'mAin'].map((base) =>
      checkNameFor(SIGNOFF_CHECK_NAME, base).toLowerCase(),
    );
    expect(new Set(names).size).toBe(4);
    // A name without the capitals its base has, or with capitals it does not have, is no base's.
    expect(baseOfCheckName(SIGNOFF_CHECK_NAME, 'Blueprint sign-off: Main')).toBeUndefined();
    expect(baseOfCheckName(SIGNOFF_CHECK_NAME, 'Blueprint sign-off: main (capitals 1)')).toBeUndefined();
    expect(baseOfCheckName(SIGNOFF_CHECK_NAME, 'Blueprint sign-off: ')).toBeUndefined();
  });
});
