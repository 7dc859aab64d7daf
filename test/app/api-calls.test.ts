/**
 * The GitHub API calls of one pull-request event, review and sign-off together, on a generated
 * blueprint of 120 contracts (128 blueprint files) through the real Probot app and a loopback GitHub
 * (the bench's, test/bench/api-calls.ts): every call is listed, so a read made twice, or a file
 * fetched on its own instead of in a batch, fails here. The sign-off reuses what the review of the
 * same job read: the pull request, the base config, the changed files, the merge base and the trees.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCalls } from '../bench/api-calls.js';
import { apiCallsPerEvent } from '../bench/api-calls.js';

/**
 * Who pushed the head, then the review (every event, blueprint or not: a pull request that changes no
 * blueprint file reads the same two trees, to see whether a link could lead into a blueprint).
 */
const WHO_PUSHED_AND_REVIEW = [
  // Who pushed the head: what the head's runs record already (a redelivery writes nothing); the new
  // record goes in the sign-off verdict's write, on a run of its own (below).
  'GET /commits/:sha/check-runs',
  // The review: its check (found, else created), then each fact read once.
  'GET /commits/:sha/check-runs',
  'POST /check-runs',
  'GET /pulls/:n',
  'GET /contents/:path',
  'GET /pulls/:n/files',
  // The pull request again: the files listed are its head's only if the head did not move meanwhile.
  'GET /pulls/:n',
  'GET /compare/:basehead',
  'GET /git/trees/:sha',
  'GET /git/trees/:sha',
  'POST /graphql (reviewThreads)',
  'PATCH /check-runs/:id',
];

/** Calls both blueprint events make: the review's reads and writes, then the sign-off's. */
const EVERY_EVENT = [
  ...WHO_PUSHED_AND_REVIEW,
  // The sign-off: its check, the reviews, commits, the recorded pushes and GitHub's list of pushes to
  // the branch, the PR's events, a team's access to the repository and whether it is secret.
  'GET /commits/:sha/check-runs',
  'GET /pulls/:n/reviews',
  'GET /pulls/:n/commits',
  'GET /commits/:sha/check-runs',
  'GET /activity',
  'GET /issues/:n/events',
  'GET /orgs/:org/teams/:team/repos/:owner/:repo',
  'GET /orgs/:org/teams/:team',
  // Waiting for its approval: whether the team has people enough to give it (capacity.ts).
  'GET /orgs/:org/teams/:team/members',
  // The verdict and the record of who pushed, in one write.
  'POST /check-runs',
  'POST /pulls/:n/requested_reviewers',
];

const sorted = (calls: readonly string[]) => [...calls].sort();

let dir: string;
let measured: ApiCalls;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'api-calls-'));
  measured = await apiCallsPerEvent(120, path.join(dir, 'repo'));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('API calls per pull-request event (120 contracts, 129 files)', () => {
  it('first event: the app identity and a token once, the files in two batches of blobs, the changed one in a third', () => {
    expect(measured.files).toBe(129);
    expect(measured.first.checks.map((c) => `${c.name}: ${c.conclusion}`)).toEqual([
      'Blueprint review: main: success',
      'Blueprint sign-off: main: action_required',
    ]);
    expect(sorted(measured.first.calls)).toEqual(
      sorted([
        'GET /app',
        'POST /app/installations/:id/access_tokens',
        ...EVERY_EVENT,
        // 128 blueprint files at the head: 100 + 28; the base's version of the changed contract: 1.
        'POST /graphql (blobs)',
        'POST /graphql (blobs)',
        'POST /graphql (blobs)',
      ]),
    );
  });

  it('later push: only the newly changed file is fetched, the earlier push is followed back', () => {
    expect(measured.later.checks.map((c) => `${c.name}: ${c.conclusion}`)).toEqual([
      'Blueprint review: main: success',
      'Blueprint sign-off: main: action_required',
    ]);
    expect(sorted(measured.later.calls)).toEqual(
      sorted([
        ...EVERY_EVENT,
        'POST /graphql (blobs)',
        // The recorded push of the previous head (the walk back to the first push), a second owner team.
        'GET /commits/:sha/check-runs',
        'GET /orgs/:org/teams/:team/repos/:owner/:repo',
        'GET /orgs/:org/teams/:team',
        'GET /orgs/:org/teams/:team/members',
      ]),
    );
  });

  it('a force-push leaving no blueprint file changed: the two trees say whether a link may lead into a blueprint', () => {
    expect(measured.codeOnly.checks.map((c) => `${c.name}: ${c.conclusion}`)).toEqual([
      'Blueprint review: main: success',
      'Blueprint sign-off: main: success',
    ]);
    expect(sorted(measured.codeOnly.calls)).toEqual(
      sorted([
        // The review reads no blob: the head's tree and the merge base's hold no symbolic link or
        // submodule, so no file of another name can reach the blueprint (relevance.ts).
        ...WHO_PUSHED_AND_REVIEW,
        // The sign-off: its check, the reviews, commits, the recorded pushes back through the force-push
        // (the trees it reads there are the review's), the events, GitHub's list of pushes.
        'GET /commits/:sha/check-runs',
        'GET /commits/:sha/check-runs',
        'GET /commits/:sha/check-runs',
        'GET /commits/:sha/check-runs',
        'GET /pulls/:n/reviews',
        'GET /pulls/:n/commits',
        'GET /issues/:n/events',
        'GET /activity',
        // A success: the open pull requests that share its head, before and after it is written.
        'GET /pulls',
        'POST /check-runs',
        'GET /pulls',
      ]),
    );
  });
});
