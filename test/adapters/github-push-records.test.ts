/**
 * Who pushed, as the app records it on GitHub (src/adapters/github/pushes.ts): the pushes a job
 * carries go in one write, a new sign-off run on the newest head; what does not fit in one record goes
 * to another, never dropped; a redelivery writes nothing; a record is never rewritten, so two writers
 * at once both keep their push; a record GitHub did not keep as sent fails (the gate then fails
 * closed). And the trace reads back every push written, from every page of a commit's runs, and
 * says how to recover when GitHub cannot list them all. nock over an in-memory list of check runs;
 * every request is matched.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { MAX_CHECK_RUNS_READ } from '../../src/adapters/github/check-run.js';
import { pushEntriesAt, recordPushes } from '../../src/adapters/github/pushes.js';
import type { Push } from '../../src/signoff/pushes.js';
import { MAX_RECORD_CHARS, parsePushes, serializePushes } from '../../src/signoff/pushes.js';
import { tracePushers, unknownPusherReason } from '../../src/signoff/push-trace.js';
import { guardNock } from '../support/nock-guard.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';
const APP_ID = 42;
const NAME = 'Blueprint sign-off: main';
const head = (i: number) => i.toString(16).padStart(40, 'c');
/** Pushers known by login only (no delivery here gives an account's id). */
const logins = (names: string[]) => names.map((login) => ({ login }));

const unmatched = guardNock();

interface Run {
  id: number;
  head_sha: string;
  external_id: string | null;
}

/**
 * GitHub's check runs of the app, answered from `runs` a page at a time (`per_page`, `page`); `keep`
 * is what GitHub stores of a text. With `together`, the first that many listings are answered only
 * once all of them have come in (each writer has read before any writes).
 */
function fakeChecks(
  runs: Run[],
  {
    keep = (text: string) => text,
    together = 0,
  }: { keep?: (text: string) => string; together?: number } = {},
) {
  const writes: string[] = [];
  const waiting: (() => void)[] = [];
  const scope = nock(API).persist();
  const list = (uri: string): [number, Record<string, unknown>] => {
    const url = new URL(uri, API);
    const sha = url.pathname.split('/')[5];
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const listed = runs.filter((r) => r.head_sha === sha).reverse();
    const checkRuns = listed.slice((page - 1) * perPage, page * perPage).map((r) => ({
      ...r,
      name: NAME,
      status: 'queued',
      conclusion: null,
      app: { id: APP_ID },
    }));
    return [200, { total_count: listed.length, check_runs: checkRuns }];
  };
  scope
    .get(/^\/repos\/acme\/shop\/commits\/([0-9a-f]{40})\/check-runs/)
    .reply((uri, _body, callback: (error: null, answer: [number, Record<string, unknown>]) => void) => {
      const answer = () => callback(null, list(uri));
      if (together === 0) return answer();
      together--;
      waiting.push(answer);
      if (together === 0) for (const release of waiting.splice(0)) release();
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
  const octokit = tokenOctokit();
  return new GitHubClient(octokit, 'acme', 'shop');
}

const record = async (c: GitHubClient, pushes: Push[]) =>
  (await recordPushes(c, APP_ID, NAME, pushes)).writes;

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
    expect(trace).toEqual({ kind: 'ok', pushers: logins(['ann', ...chain(13).map((p) => p.by)].sort()) });
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
    expect(trace).toEqual({ kind: 'ok', pushers: logins(['ann', ...pushes.map((p) => p.by)].sort()) });
    expect(unmatched).toEqual([]);
  });

  it('never rewrites a record: two writers on one commit at once both keep their push', async () => {
    // Two jobs on head 0 (two replicas without Redis; two pull requests into one base sharing the
    // head; a job and the "delayed" check) each read the record of ann's opening before either writes.
    const runs = openedByAnn();
    const writes = fakeChecks(runs, { together: 2 });
    const c = client();
    const bob = { after: head(0), by: 'bob', before: null };
    const mallory = { after: head(0), by: 'mallory', before: head(7) };
    expect(await Promise.all([record(c, [bob]), record(c, [mallory])])).toEqual([1, 1]);
    const entries = await pushEntriesAt(c, APP_ID)(head(0));
    expect(entries.kind === 'ok' && entries.value).toEqual(
      expect.arrayContaining([{ after: head(0), by: 'ann', before: null }, bob, mallory]),
    );
    expect(writes).toEqual([`POST ${head(0)}`, `POST ${head(0)}`]);
    // What each record holds is what its writer sent: ann's opening is still where it was.
    expect(runs.map((r) => parsePushes(r.external_id, r.head_sha).map((p) => p.by))).toEqual([
      ['ann'],
      ['bob'],
      ['mallory'],
    ]);
    expect(unmatched).toEqual([]);
  });

  it("reads every page of a commit's runs: a record older than the newest 100 still counts", async () => {
    // Mallory pushed head 1; the pull request was then re-run 150 times (each a run on head 1).
    const runs = openedByAnn();
    runs.push({ id: 2, head_sha: head(1), external_id: serializePushes(chain(1, () => 'mallory')) });
    for (let i = 0; i < 150; i++) runs.push({ id: runs.length + 1, head_sha: head(1), external_id: null });
    fakeChecks(runs);
    const trace = await tracePushers(head(1), pushEntriesAt(client(), APP_ID));
    expect(trace).toEqual({ kind: 'ok', pushers: logins(['ann', 'mallory']) });
    expect(unmatched).toEqual([]);
  });

  it('fails closed, saying how to recover, on a commit with more runs than GitHub keeps of a name', async () => {
    const runs = openedByAnn();
    runs.push({ id: 2, head_sha: head(1), external_id: serializePushes(chain(1, () => 'mallory')) });
    for (let i = 0; i < MAX_CHECK_RUNS_READ; i++)
      runs.push({ id: runs.length + 1, head_sha: head(1), external_id: null });
    fakeChecks(runs);
    const c = client();
    const trace = await tracePushers(head(1), pushEntriesAt(c, APP_ID));
    expect(trace).toMatchObject({ kind: 'unknown', sha: head(1) });
    expect(trace.kind === 'unknown' && unknownPusherReason(trace)).toMatch(
      /has 1001 check runs[\s\S]*push a new commit, then close and reopen the pull request/,
    );
    // Recovered as it says: a new head pushed, the pull request closed and reopened there by rex.
    expect(
      await record(c, [...chain(2, () => 'mallory').slice(1), { after: head(2), by: 'rex', before: null }]),
    ).toBe(1);
    expect(await tracePushers(head(2), pushEntriesAt(c, APP_ID))).toEqual({
      kind: 'ok',
      pushers: logins(['mallory', 'rex']),
    });
    expect(unmatched).toEqual([]);
  });

  it("holds the evaluated head's record back for its verdict's write, and writes the rest", async () => {
    const runs = openedByAnn();
    const writes = fakeChecks(runs);
    const c = client();
    const pushes = chain(40, (i) => `a-rather-long-login-${i}`);
    const { writes: made, held } = await recordPushes(c, APP_ID, NAME, pushes, { holdFor: head(40) });
    // The newest record (the one head 40 gets) is held; the rest went out, on older heads, first.
    expect(held.length).toBeGreaterThan(0);
    expect(held.at(-1)).toEqual(pushes.at(-1));
    expect(writes).toHaveLength(made);
    expect(writes).not.toContain(`POST ${head(40)}`);
    const written = runs.slice(1).flatMap((r) => parsePushes(r.external_id, r.head_sha));
    const byHead = (list: Push[]) => [...list].sort((a, b) => a.after.localeCompare(b.after));
    expect(byHead([...written, ...held])).toEqual(byHead(pushes));
    expect(serializePushes(held).length).toBeLessThanOrEqual(MAX_RECORD_CHARS);
    // Already recorded there: nothing held, nothing written.
    runs.push({ id: runs.length + 1, head_sha: head(40), external_id: serializePushes(held) });
    expect(await recordPushes(c, APP_ID, NAME, pushes, { holdFor: head(40) })).toEqual({
      writes: 0,
      held: [],
    });
    expect(unmatched).toEqual([]);
  });

  it('fails when GitHub does not keep the record as written (a cut record would read as none)', async () => {
    const runs: Run[] = [];
    fakeChecks(runs, { keep: (text) => text.slice(0, 255) });
    const error = await record(client(), chain(5)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PushesNotRecorded', commit: head(5) });
    expect(unmatched).toEqual([]);
  });
});
