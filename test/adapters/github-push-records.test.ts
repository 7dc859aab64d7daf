/**
 * Who pushed, as the app records it on GitHub (src/adapters/github/pushes.ts): the pushes a job
 * carries go in one write on the newest head's sign-off run; what does not fit in one record goes to
 * another, never dropped; a redelivery writes nothing; a full record, or one GitHub did not keep as
 * sent, fails (the gate then fails closed). And the trace reads back every push written. nock over
 * an in-memory list of check runs; every request is matched.
 */
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { CheckRun } from '../../src/adapters/github/check-run.js';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { PushesNotRecorded, pushEntriesAt, recordPushes } from '../../src/adapters/github/pushes.js';
import type { Push } from '../../src/signoff/pushes.js';
import { MAX_RECORD_CHARS, parsePushes, serializePushes, tracePushers } from '../../src/signoff/pushes.js';
import { guardNock } from '../support/nock-guard.js';

const API = 'https://api.github.com';
const APP_ID = 42;
const NAME = 'Blueprint sign-off: main';
const head = (i: number) => i.toString(16).padStart(40, 'c');

const unmatched = guardNock();

interface Run {
  id: number;
  head_sha: string;
  external_id: string | null;
}

/** GitHub's check runs of the app, answered from `runs`; `keep` is what GitHub stores of a text. */
function fakeChecks(runs: Run[], keep: (text: string) => string = (text) => text) {
  const writes: string[] = [];
  const scope = nock(API).persist();
  scope.get(/^\/repos\/acme\/shop\/commits\/([0-9a-f]{40})\/check-runs/).reply((uri) => {
    const sha = /commits\/([0-9a-f]{40})\//.exec(uri)![1];
    const listed = runs.filter((r) => r.head_sha === sha).reverse();
    const checkRuns = listed.map((r) => ({
      ...r,
      name: NAME,
      status: 'queued',
      conclusion: null,
      app: { id: APP_ID },
    }));
    return [200, { total_count: checkRuns.length, check_runs: checkRuns }];
  });
  scope.post('/repos/acme/shop/check-runs').reply((_, body) => {
    const { head_sha, external_id, status } = body as {
      head_sha: string;
      external_id: string;
      status: string;
    };
    expect(status).toBe('queued');
    const run = { id: runs.length + 1, head_sha, external_id: keep(external_id) };
    runs.push(run);
    writes.push(`POST ${head_sha}`);
    return [201, run];
  });
  scope.patch(/^\/repos\/acme\/shop\/check-runs\/(\d+)$/).reply((uri, body) => {
    const run = runs.find((r) => r.id === Number(/(\d+)$/.exec(uri)![1]))!;
    run.external_id = keep((body as { external_id: string }).external_id);
    writes.push(`PATCH ${run.head_sha}`);
    return [200, run];
  });
  return writes;
}

function client(): GitHubClient {
  const octokit = new ProbotOctokit({
    auth: { token: 'ghs_test' },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return new GitHubClient(octokit, 'acme', 'shop');
}

const record = (c: GitHubClient, pushes: Push[]) =>
  recordPushes(c, (commit) => new CheckRun(c, NAME, commit, APP_ID), pushes);

/** The run of head 0, recording that ann opened the pull request there. */
function openedByAnn(): Run[] {
  return [
    { id: 1, head_sha: head(0), external_id: serializePushes([{ after: head(0), by: 'ann', before: null }]) },
  ];
}

/** Heads 1…n pushed one on top of the other by `by(i)`, head 0 opened by ann. */
function chain(n: number, by: (i: number) => string = (i) => `dev-${i}`): Push[] {
  return Array.from({ length: n }, (_, i) => ({ after: head(i + 1), by: by(i + 1), before: head(i) }));
}

describe('recording who pushed', () => {
  it('records every push a job carries in one write on the newest head', async () => {
    const runs = openedByAnn();
    const writes = fakeChecks(runs);
    const c = client();
    expect(await record(c, chain(13))).toBe(1);
    expect(writes).toEqual([`POST ${head(13)}`]);
    expect(parsePushes(runs[1]!.external_id, head(13))).toEqual(chain(13));
    // The same pushes again (a redelivery, the job retried): read, nothing written.
    expect(await record(c, chain(13))).toBe(0);
    expect(writes).toHaveLength(1);
    const trace = await tracePushers(head(13), pushEntriesAt(c, APP_ID));
    expect(trace).toEqual({ kind: 'ok', pushers: ['ann', ...chain(13).map((p) => p.by)].sort() });
    expect(unmatched).toEqual([]);
  });

  it('spills what does not fit in one record to the newest head among the rest, and the trace reads it all back', async () => {
    const runs = openedByAnn();
    const writes = fakeChecks(runs);
    const c = client();
    const pushes = chain(40, (i) => `a-rather-long-login-${i}`);
    const made = await record(c, pushes);
    expect(made).toBeGreaterThan(1);
    expect(writes).toHaveLength(made);
    expect(writes[0]).toBe(`POST ${head(40)}`);
    for (const run of runs) expect(run.external_id!.length).toBeLessThanOrEqual(MAX_RECORD_CHARS);
    const written = runs.slice(1).flatMap((r) => parsePushes(r.external_id, r.head_sha));
    expect(new Set(written.map((p) => p.after)).size).toBe(40);
    expect(written).toHaveLength(40);
    const trace = await tracePushers(head(40), pushEntriesAt(c, APP_ID));
    expect(trace).toEqual({ kind: 'ok', pushers: ['ann', ...pushes.map((p) => p.by)].sort() });
    expect(unmatched).toEqual([]);
  });

  it('keeps what a record holds and adds to it; a full record fails instead of dropping a push', async () => {
    // As many pushes as fit in one record (the shortest login there is: nothing longer fits after them).
    const held: Push[] = [];
    for (
      let i = 0;
      serializePushes([...held, { after: head(99), by: 'm', before: head(i) }]).length <= MAX_RECORD_CHARS;
      i++
    )
      held.push({ after: head(99), by: 'm', before: head(i) });
    const runs: Run[] = [{ id: 1, head_sha: head(99), external_id: serializePushes(held) }];
    const writes = fakeChecks(runs);
    const c = client();
    const push = { after: head(99), by: 'mallory', before: head(1000) };
    const error = await record(c, [push]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushesNotRecorded);
    expect(error).toMatchObject({ kind: 'full', commit: head(99) });
    expect(writes).toEqual([]);
    // Room for one more: added beside what it holds.
    runs[0]!.external_id = serializePushes(held.slice(0, 3));
    expect(await record(c, [push])).toBe(1);
    expect(parsePushes(runs[0]!.external_id, head(99))).toEqual([...held.slice(0, 3), push]);
    expect(unmatched).toEqual([]);
  });

  it('fails when GitHub does not keep the record as written (a cut record would read as none)', async () => {
    const runs: Run[] = [];
    fakeChecks(runs, (text) => text.slice(0, 255));
    const error = await record(client(), chain(5)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PushesNotRecorded', kind: 'altered', commit: head(5) });
    expect(unmatched).toEqual([]);
  });
});
