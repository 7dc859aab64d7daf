/**
 * Merge queues end to end, Probot's way: a real `merge_group.checks_requested` payload (octokit's
 * webhook example with the fields GitHub sends today, adapted to acme/shop in
 * test/fixtures/webhooks), the network shut, every GitHub request mocked with nock and its body
 * asserted, no pending mocks. The group's checks pass only when the group merges exactly the pull
 * request's head content and this app's own check of each name passed there (src/signoff/merge-group.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import type { AppOptions } from '../../src/app/runtime.js';
import { freePort } from './support/redis-server.js';
import { API, APP_ID, INSTALLATION, payload, testPrivateKey } from './support/fake-github.js';

const REPO_PATH = '/repos/acme/shop';
const GROUP = payload('merge_group.checks_requested').merge_group as {
  head_sha: string;
  base_sha: string;
  head_ref: string;
};
const PR_HEAD = 'a'.repeat(40);
const MOVED_HEAD = 'b'.repeat(40);
const BLUEPRINT = 'blueprint/blueprint.yaml';
const NAMES = ['Blueprint review: main', 'Blueprint sign-off: main'];

interface Call {
  method: string;
  path: string;
  body: unknown;
}

let privateKey: string | undefined;
let calls: Call[];
let unmatched: string[];
const onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
  unmatched.push(`${req.method} ${req.path ?? req.href}`);
let apps: BlueprintReviewApp[];

beforeEach(() => {
  nock.disableNetConnect();
  calls = [];
  unmatched = [];
  apps = [];
  nock.emitter.on('no match', onNoMatch);
});

afterEach(async () => {
  for (const app of apps) await app.runtime()?.close(1_000);
  nock.emitter.removeListener('no match', onNoMatch);
  nock.cleanAll();
  nock.enableNetConnect();
});

function recorded(method: string, status: number, data: unknown) {
  return (uri: string, body: unknown): [number, unknown] => {
    calls.push({ method, path: uri, body });
    return [status, data];
  };
}

async function load(options: AppOptions = {}) {
  privateKey ??= testPrivateKey();
  const app = createBlueprintReviewApp({
    botLogin: 'blueprint-review[bot]',
    appId: APP_ID,
    client: { sleep: async () => {} },
    ...options,
  });
  apps.push(app);
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    secret: 'test-secret',
    logLevel: (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal',
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: { enabled: false },
      throttle: { ...(o.throttle as object), enabled: false },
    })),
  });
  await probot.load(app.app);
  const receive = (body: Record<string, unknown>, name = 'merge_group') =>
    probot.receive({ id: randomUUID(), name, payload: body } as never);
  return { app, receive };
}

/** One delivery of event `name` to a new app, and the jobs it queued. */
async function deliverAs(name: string, body: Record<string, unknown>) {
  const { app, receive } = await load();
  await receive(body, name);
  await app.runtime()!.queue.idle();
}

async function deliver(body: Record<string, unknown>, options: AppOptions = {}) {
  const { app, receive } = await load(options);
  await receive(body);
  await app.runtime()!.queue.idle();
}

function done(scope: nock.Scope) {
  expect(unmatched).toEqual([]);
  expect(scope.pendingMocks()).toEqual([]);
}

function token(scope: nock.Scope) {
  scope.post(`/app/installations/${INSTALLATION}/access_tokens`).reply(
    recorded('POST', 201, {
      token: 'ghs_test',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  );
}

function pull(scope: nock.Scope, head: string, fields: { state?: string; base?: string } = {}) {
  scope.get(`${REPO_PATH}/pulls/7`).reply(
    recorded('GET', 200, {
      number: 7,
      state: fields.state ?? 'open',
      user: { login: 'octocat' },
      head: { sha: head, ref: 'feature', repo: { id: 118 } },
      base: { sha: GROUP.base_sha, ref: fields.base ?? 'main', repo: { id: 118 } },
    }),
  );
}

/** The requests up to the group's content check: the token, the pull request, the contents. */
function groupOfPull(scope: nock.Scope, head: string, blob: string, groupMode?: string) {
  token(scope);
  pull(scope, head);
  contents(scope, head, blob, groupMode);
}

/** A recursive tree: the blueprint file (its blob and mode), a README and `more` further files. */
function tree(blob: string, mode = '100644', more: { path: string; sha: string }[] = []) {
  return {
    truncated: false,
    tree: [
      { path: 'blueprint', mode: '040000', type: 'tree', sha: 'c'.repeat(40) },
      { path: BLUEPRINT, mode, type: 'blob', sha: blob, size: 10 },
      { path: 'README.md', mode: '100644', type: 'blob', sha: 'd'.repeat(40), size: 10 },
      ...more.map((f) => ({ ...f, mode: '100644', type: 'blob', size: 10 })),
    ],
  };
}

function treeAt(scope: nock.Scope, sha: string, body: unknown) {
  scope
    .get(`${REPO_PATH}/git/trees/${sha}`)
    .query({ recursive: 'true' })
    .reply(recorded('GET', 200, body));
}

/**
 * The pull request's files and the trees of the group's base (the blueprint as before), the group's
 * head and the pull request's head: what the group changes is read from its base's and head's trees.
 */
function contents(scope: nock.Scope, pullHead: string, pullBlueprintBlob: string, groupMode = '100644') {
  scope
    .get(`${REPO_PATH}/pulls/7/files`)
    .query({ per_page: '100', page: '1' })
    .reply(recorded('GET', 200, [{ filename: BLUEPRINT, status: 'modified', sha: pullBlueprintBlob }]));
  // Read again after the listing: the files are the head's only if the head did not move meanwhile.
  pull(scope, pullHead);
  treeAt(scope, GROUP.base_sha, tree('0'.repeat(40)));
  treeAt(scope, GROUP.head_sha, tree('1'.repeat(40), groupMode));
  treeAt(scope, pullHead, tree(pullBlueprintBlob));
}

/**
 * The first line a review and a sign-off write: the digest of what they were computed under
 * (review-basis.ts) — here the base without a config file, as `configAtBase` serves it, and no
 * blueprint folders named instead.
 */
const BASIS_WITHOUT_CONFIG = createHash('sha256')
  .update(JSON.stringify([JSON.stringify(['missing']), null]))
  .digest('hex');
const REVIEWED = { summary: `<!-- blueprint-review:basis ${BASIS_WITHOUT_CONFIG} -->\nNo findings.` };

/** The check runs GitHub lists on `sha` for the app (it filters by `app_id`; the app checks again). */
function ownRuns(
  scope: nock.Scope,
  sha: string,
  runs: { name: string; conclusion: string | null; app?: number; output?: unknown }[],
  configNow?: string,
) {
  scope
    .get(`${REPO_PATH}/commits/${sha}/check-runs`)
    .query({ app_id: String(APP_ID), filter: 'latest', per_page: '100' })
    .reply(
      recorded('GET', 200, {
        total_count: runs.length,
        check_runs: runs.map((r, i) => ({
          id: 500 + i,
          name: r.name,
          status: r.conclusion === null ? 'in_progress' : 'completed',
          conclusion: r.conclusion,
          app: { id: r.app ?? APP_ID },
          // A review and a sign-off say what they were computed under (their first line).
          output: r.output ?? REVIEWED,
        })),
      }),
    );
  // A pull request's passing review or sign-off: its basis is compared with the config main has now
  // (none, unless `configNow` is given), read once.
  const ownPassing = (r: (typeof runs)[number]) =>
    NAMES.includes(r.name) && r.conclusion === 'success' && (r.app ?? APP_ID) === APP_ID;
  const groupHead = sha === GROUP.head_sha || sha === GROUP.base_sha; // a group's runs carry no basis
  if (!groupHead && runs.some(ownPassing)) configAtBase(scope, configNow);
}

/** main's config as the group reads it: none (404), or `text`. */
function configAtBase(scope: nock.Scope, text?: string) {
  scope
    .get(`${REPO_PATH}/contents/.github%2Fblueprint-review.yml`)
    .query({ ref: 'main' })
    .reply(text === undefined ? recorded('GET', 404, { message: 'Not Found' }) : recorded('GET', 200, text));
}

/** The group of #7 at its head, whose content the group merges, and this app's (or `runs`') checks there. */
function pullRequestChecked(
  scope: nock.Scope,
  runs: { name: string; conclusion: string | null; app?: number; output?: unknown }[] = NAMES.map((name) => ({
    name,
    conclusion: 'success',
  })),
) {
  groupOfPull(scope, PR_HEAD, '1'.repeat(40));
  ownRuns(scope, PR_HEAD, runs);
}

/**
 * Where the group's parent commit (`base_sha`) stands against the base branch: `behind` or
 * `identical`, it is on the branch; `ahead`, it is the head of a group ahead in the queue.
 */
function parentStanding(scope: nock.Scope, status: 'identical' | 'behind' | 'ahead') {
  scope
    .get(`${REPO_PATH}/compare/main...${GROUP.base_sha}`)
    .query({ per_page: '1' })
    .reply(recorded('GET', 200, { status, ahead_by: status === 'ahead' ? 1 : 0, files: [] }));
}

const QUEUE_REFS = new RegExp(
  `^${REPO_PATH}/git/matching-refs/heads(/|%2F)gh-readonly-queue(/|%2F)main(/|%2F)$`,
);

/**
 * The base's queue branches, which a group lists once its checks have their verdicts: the groups
 * built on it (their branch names its head) are checked again.
 */
function queue(scope: nock.Scope, refs: { ref: string; sha: string }[] = []) {
  scope.get(QUEUE_REFS).reply(
    recorded(
      'GET',
      200,
      refs.map((r) => ({ ref: r.ref, object: { sha: r.sha, type: 'commit' } })),
    ),
  );
}

function creates(scope: nock.Scope, count: number) {
  scope
    .post(`${REPO_PATH}/check-runs`)
    .times(count)
    .reply(recorded('POST', 201, { id: 1001 }));
}

/**
 * The group is on the base branch and has no check of this app yet: both are created, and its queue
 * branches listed for groups built on it (none).
 */
function bothChecksWritten(scope: nock.Scope) {
  parentStanding(scope, 'identical');
  ownRuns(scope, GROUP.head_sha, []);
  creates(scope, 2);
  queue(scope);
}

interface CheckBody {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string;
  output: { title: string; summary: string };
}

/** The group's two runs (in progress, or shown before) were completed with this verdict. */
function expectBothRunsCompleted(conclusion: string, title: string) {
  const patched = calls.filter((c) => c.method === 'PATCH').map((c) => c.body as CheckBody);
  expect(patched).toHaveLength(2);
  for (const check of patched)
    expect(check).toMatchObject({ status: 'completed', conclusion, output: { title } });
}

function written(): Map<string, CheckBody> {
  const bodies = calls.filter((c) => c.method === 'POST' && c.path === `${REPO_PATH}/check-runs`);
  return new Map(bodies.map((c) => [(c.body as CheckBody).name, c.body as CheckBody]));
}

const REVIEW_LOOKUP = `${REPO_PATH}/commits/${PR_HEAD}/check-runs?app_id=${APP_ID}&check_name=${encodeURIComponent(NAMES[0]!)}&filter=latest&per_page=100`;

/**
 * The follow-up of a group that found a check passed under another config: a review of #7's head
 * (and the sign-off after it). Here #7 was closed meanwhile and moved on: the review finds its run,
 * reads the pull request and leaves it; the sign-off evaluates nothing.
 */
function followUpReview(scope: nock.Scope) {
  scope
    .get(`${REPO_PATH}/commits/${PR_HEAD}/check-runs`)
    .query({ app_id: String(APP_ID), check_name: NAMES[0]!, filter: 'latest', per_page: '100' })
    .reply(
      recorded('GET', 200, {
        total_count: 1,
        check_runs: [
          {
            id: 600,
            name: NAMES[0],
            status: 'completed',
            conclusion: 'success',
            app: { id: APP_ID },
            output: REVIEWED,
          },
        ],
      }),
    );
  scope.get(`${REPO_PATH}/pulls/7`).reply(
    recorded('GET', 200, {
      number: 7,
      state: 'closed',
      user: { login: 'octocat' },
      head: { sha: MOVED_HEAD, ref: 'feature', repo: { id: 118 } },
      base: { sha: GROUP.base_sha, ref: 'main', repo: { id: 118 } },
    }),
  );
}

/** Whether the job that followed looked up #7's review to run it again. */
function reviewedAgain(): boolean {
  return calls.some((c) => c.path === REVIEW_LOOKUP);
}

describe('merge queues: the checks on a merge group', () => {
  it('passes each check that passed on the pull request whose head content the group merges', async () => {
    const scope = nock(API);
    pullRequestChecked(scope);
    bothChecksWritten(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    const checks = written();
    expect([...checks.keys()].sort()).toEqual(NAMES);
    for (const name of NAMES)
      expect(checks.get(name)).toMatchObject({
        head_sha: GROUP.head_sha,
        status: 'completed',
        conclusion: 'success',
        output: { title: 'Passed on #7' },
      });
    expect(checks.get(NAMES[1]!)!.output.summary).toContain(
      `passed on pull request #7 at ${PR_HEAD.slice(0, 7)}`,
    );
  });

  it('does not pass when the pull request moved on after the group was built (its content differs)', async () => {
    const scope = nock(API);
    groupOfPull(scope, MOVED_HEAD, '2'.repeat(40));
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    for (const check of written().values()) {
      expect(check.conclusion).toBe('failure');
      expect(check.output.title).toBe('The group does not merge #7 as checked');
      expect(check.output.summary).toContain(`- \`${BLUEPRINT}\``);
      expect(check.output.summary).toContain('Update the pull request');
    }
    // The pull request's checks were never read: the content alone decides.
    expect(calls.some((c) => c.path.startsWith(`${REPO_PATH}/commits/${MOVED_HEAD}`))).toBe(false);
  });

  it("does not pass when the group keeps a file's blob but makes it a symlink (its mode differs)", async () => {
    const scope = nock(API);
    groupOfPull(scope, PR_HEAD, '1'.repeat(40), '120000');
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    for (const check of written().values()) {
      expect(check.conclusion).toBe('failure');
      expect(check.output.title).toBe('The group does not merge #7 as checked');
      expect(check.output.summary).toContain(`- \`${BLUEPRINT}\``);
    }
  });

  describe('a group that changes more files than GitHub compares (300)', () => {
    const many = (blob: string) =>
      Array.from({ length: 450 }, (_, i) => ({ path: `services/s${i}.yaml`, sha: blob }));

    /** #7 changes the blueprint; the group also changes 450 files from its base. */
    function wideGroup(
      scope: nock.Scope,
      groupFiles: { path: string; sha: string }[],
      pullFiles = groupFiles,
    ) {
      token(scope);
      pull(scope, PR_HEAD);
      scope
        .get(`${REPO_PATH}/pulls/7/files`)
        .query({ per_page: '100', page: '1' })
        .reply(recorded('GET', 200, [{ filename: BLUEPRINT, status: 'modified', sha: '1'.repeat(40) }]));
      pull(scope, PR_HEAD);
      treeAt(scope, GROUP.base_sha, tree('0'.repeat(40), '100644', many('e'.repeat(40))));
      treeAt(scope, GROUP.head_sha, tree('1'.repeat(40), '100644', groupFiles));
      treeAt(scope, PR_HEAD, tree('1'.repeat(40), '100644', pullFiles));
    }

    it('passes when every one of them has the content of the pull request it merges', async () => {
      const scope = nock(API);
      wideGroup(scope, many('f'.repeat(40)));
      ownRuns(
        scope,
        PR_HEAD,
        NAMES.map((name) => ({ name, conclusion: 'success' })),
      );
      bothChecksWritten(scope);
      await deliver(payload('merge_group.checks_requested'));
      done(scope);
      for (const check of written().values())
        expect(check).toMatchObject({ conclusion: 'success', output: { title: 'Passed on #7' } });
      // Nothing was compared file by file: GitHub's comparison lists at most 300 files.
      expect(calls.some((c) => c.path.includes(`/compare/${GROUP.base_sha}`))).toBe(false);
    });

    it('names a file past the 300th that the group merges differently', async () => {
      const scope = nock(API);
      const groupFiles = many('f'.repeat(40));
      wideGroup(scope, groupFiles, [
        ...groupFiles.slice(0, 420),
        { path: 'services/s420.yaml', sha: '2'.repeat(40) },
        ...groupFiles.slice(421),
      ]);
      ownRuns(scope, GROUP.head_sha, []);
      creates(scope, 2);
      queue(scope);
      await deliver(payload('merge_group.checks_requested'));
      done(scope);
      for (const check of written().values()) {
        expect(check).toMatchObject({
          conclusion: 'failure',
          output: { title: 'The group does not merge #7 as checked' },
        });
        expect(check.output.summary).toContain('- `services/s420.yaml`');
      }
    });

    it('fails closed, saying why, when GitHub truncates a tree', async () => {
      const scope = nock(API);
      token(scope);
      pull(scope, PR_HEAD);
      scope
        .get(`${REPO_PATH}/pulls/7/files`)
        .query({ per_page: '100', page: '1' })
        .reply(recorded('GET', 200, [{ filename: BLUEPRINT, status: 'modified', sha: '1'.repeat(40) }]));
      pull(scope, PR_HEAD);
      treeAt(scope, GROUP.base_sha, { ...tree('0'.repeat(40)), truncated: true });
      treeAt(scope, GROUP.head_sha, tree('1'.repeat(40)));
      treeAt(scope, PR_HEAD, tree('1'.repeat(40)));
      ownRuns(scope, GROUP.head_sha, []);
      creates(scope, 2);
      queue(scope);
      await deliver(payload('merge_group.checks_requested'));
      done(scope);
      for (const check of written().values()) {
        expect(check).toMatchObject({
          conclusion: 'failure',
          output: { title: 'Cannot tell what the group merges of #7' },
        });
        expect(check.output.summary).toContain(GROUP.base_sha.slice(0, 7));
      }
    });
  });

  it('fails the check that failed on the pull request, and passes the one that passed', async () => {
    const scope = nock(API);
    pullRequestChecked(scope, [
      { name: 'Blueprint sign-off: main', conclusion: 'failure' },
      { name: 'Blueprint review: main', conclusion: 'success' },
    ]);
    parentStanding(scope, 'behind');
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    const checks = written();
    expect(checks.get('Blueprint review: main')!.conclusion).toBe('success');
    const signoff = checks.get('Blueprint sign-off: main')!;
    expect(signoff).toMatchObject({ conclusion: 'failure', output: { title: 'Not passed on #7' } });
    expect(signoff.output.summary).toContain('concluded `failure` on pull request #7');
  });

  it('does not pass on a review or sign-off written under a config main no longer has', async () => {
    // main's config changed after #7 was reviewed and signed off (and the app missed the push): both
    // vouch for rules main no longer has, so the group passes on neither, and #7 is reviewed again.
    const scope = nock(API);
    groupOfPull(scope, PR_HEAD, '1'.repeat(40));
    ownRuns(
      scope,
      PR_HEAD,
      NAMES.map((name) => ({ name, conclusion: 'success' })),
      'rules:\n  topology/owner-required: error\n',
    );
    bothChecksWritten(scope);
    followUpReview(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    const checks = written();
    for (const name of NAMES) {
      expect(checks.get(name)).toMatchObject({
        conclusion: 'failure',
        output: { title: 'Not passed on #7' },
      });
      expect(checks.get(name)!.output.summary).toContain(
        'passed under another configuration of the base branch',
      );
    }
    expect(reviewedAgain()).toBe(true);
  });

  it('does not pass on a sign-off that records no configuration (written before it did)', async () => {
    const scope = nock(API);
    pullRequestChecked(scope, [
      { name: NAMES[0]!, conclusion: 'success' },
      { name: NAMES[1]!, conclusion: 'success', output: { summary: 'Signed off.' } },
    ]);
    bothChecksWritten(scope);
    followUpReview(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    const checks = written();
    expect(checks.get(NAMES[0]!)).toMatchObject({ conclusion: 'success' });
    expect(checks.get(NAMES[1]!)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Not passed on #7' },
    });
    expect(reviewedAgain()).toBe(true);
  });

  it("never counts another app's or a workflow's check of the same name", async () => {
    const scope = nock(API);
    pullRequestChecked(
      scope,
      NAMES.map((name) => ({ name, conclusion: 'success', app: 15368 })),
    );
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    for (const check of written().values()) {
      expect(check.conclusion).toBe('failure');
      expect(check.output.summary).toContain('has not run on pull request #7');
      expect(check.output.summary).toContain("only this app's own check counts");
    }
  });

  describe('built on the group ahead in the queue (base_sha is not on the branch)', () => {
    it('passes only the checks that passed on the group ahead: it would merge that group too', async () => {
      const scope = nock(API);
      pullRequestChecked(scope);
      parentStanding(scope, 'ahead');
      ownRuns(scope, GROUP.base_sha, [
        { name: 'Blueprint review: main', conclusion: 'success' },
        { name: 'Blueprint sign-off: main', conclusion: 'failure' },
      ]);
      ownRuns(scope, GROUP.head_sha, []);
      creates(scope, 2);
      queue(scope);
      await deliver(payload('merge_group.checks_requested'));
      done(scope);
      const checks = written();
      expect(checks.get('Blueprint review: main')).toMatchObject({ conclusion: 'success' });
      expect(checks.get('Blueprint review: main')!.output.summary).toContain(
        `group ahead of it in the queue (${GROUP.base_sha.slice(0, 7)})`,
      );
      const signoff = checks.get('Blueprint sign-off: main')!;
      expect(signoff).toMatchObject({
        conclusion: 'failure',
        output: { title: 'The group ahead does not pass' },
      });
      expect(signoff.output.summary).toContain('concluded `failure`');
    });

    /** The group of #6 ahead of #7's: built on `AHEAD_BASE` (on the branch), its head is #7's group's base. */
    const AHEAD_BASE = '8'.repeat(40);
    const PR6_HEAD = '6'.repeat(40);
    const AHEAD_REF = `refs/heads/gh-readonly-queue/main/pr-6-${AHEAD_BASE}`;
    const aheadGroup = () =>
      payload('merge_group.checks_requested', (p) => {
        const group = p.merge_group as Record<string, string>;
        group.head_sha = GROUP.base_sha;
        group.base_sha = AHEAD_BASE;
        group.head_ref = AHEAD_REF;
      });

    /** #7's group, whose group ahead has no verdict yet: both checks passed on #7. */
    function waitingOnAhead(scope: nock.Scope, ahead: { name: string; conclusion: string | null }[]) {
      pull(scope, PR_HEAD);
      contents(scope, PR_HEAD, '1'.repeat(40));
      ownRuns(
        scope,
        PR_HEAD,
        NAMES.map((name) => ({ name, conclusion: 'success' })),
      );
      parentStanding(scope, 'ahead');
      ownRuns(scope, GROUP.base_sha, ahead);
    }

    /** #7's group checked again once the group ahead concluded: its two runs in progress are completed. */
    function wokenAfter(scope: nock.Scope, ahead: string) {
      waitingOnAhead(
        scope,
        NAMES.map((name) => ({ name, conclusion: ahead })),
      );
      ownRuns(
        scope,
        GROUP.head_sha,
        NAMES.map((name) => ({ name, conclusion: null })),
      );
      scope
        .patch(/\/repos\/acme\/shop\/check-runs\/50[01]$/)
        .times(2)
        .reply(recorded('PATCH', 200, {}));
    }

    /** #6's group: #6 open at PR6_HEAD, which it merges as checked, onto the branch. */
    function aheadPasses(scope: nock.Scope) {
      // Read before and after its files are listed (the head did not move meanwhile).
      scope
        .get(`${REPO_PATH}/pulls/6`)
        .times(2)
        .reply(
          recorded('GET', 200, {
            number: 6,
            state: 'open',
            user: { login: 'octocat' },
            head: { sha: PR6_HEAD, ref: 'six', repo: { id: 118 } },
            base: { sha: AHEAD_BASE, ref: 'main', repo: { id: 118 } },
          }),
        );
      scope
        .get(`${REPO_PATH}/pulls/6/files`)
        .query({ per_page: '100', page: '1' })
        .reply(recorded('GET', 200, [{ filename: BLUEPRINT, status: 'modified', sha: '0'.repeat(40) }]));
      treeAt(scope, AHEAD_BASE, tree('9'.repeat(40)));
      treeAt(scope, GROUP.base_sha, tree('0'.repeat(40)));
      treeAt(scope, PR6_HEAD, tree('0'.repeat(40)));
      ownRuns(
        scope,
        PR6_HEAD,
        NAMES.map((name) => ({ name, conclusion: 'success' })),
      );
      scope
        .get(`${REPO_PATH}/compare/main...${AHEAD_BASE}`)
        .query({ per_page: '1' })
        .reply(recorded('GET', 200, { status: 'behind', files: [] }));
    }

    it('shows the group waiting (in progress) while the group ahead has no verdict, and checks it again once that one has', async () => {
      const { app, receive } = await load();
      const scope = nock(API);
      token(scope);
      waitingOnAhead(scope, [{ name: 'Blueprint review: main', conclusion: null }]);
      ownRuns(scope, GROUP.head_sha, []);
      creates(scope, 2);
      await receive(payload('merge_group.checks_requested'));
      await app.runtime()!.queue.idle();
      done(scope);
      // Nothing failed while the group ahead had no verdict: both checks hold the queue, in progress.
      for (const check of written().values()) {
        expect(check).toMatchObject({
          head_sha: GROUP.head_sha,
          status: 'in_progress',
          output: { title: 'Waiting for the group ahead' },
        });
        expect(check).not.toHaveProperty('conclusion');
        expect(check.output.summary).toContain(GROUP.base_sha.slice(0, 7));
      }
      calls = [];

      // However long it took, the group ahead gets its verdict: #7's group, named by its branch as
      // built on it, is checked again and passes (its runs in progress are completed, not added to).
      aheadPasses(scope);
      ownRuns(scope, GROUP.base_sha, []);
      creates(scope, 2);
      queue(scope, [
        { ref: AHEAD_REF, sha: GROUP.base_sha },
        { ref: GROUP.head_ref, sha: GROUP.head_sha },
        { ref: `refs/heads/gh-readonly-queue/main/pr-9-${'7'.repeat(40)}`, sha: '7'.repeat(40) },
      ]);
      wokenAfter(scope, 'success');
      queue(scope, [{ ref: GROUP.head_ref, sha: GROUP.head_sha }]);
      await receive(aheadGroup());
      await app.runtime()!.queue.idle();
      done(scope);
      for (const check of written().values())
        expect(check).toMatchObject({ head_sha: GROUP.base_sha, conclusion: 'success' });
      expectBothRunsCompleted('success', 'Passed on #7');
    });

    it('fails the waiting group once the group ahead is given up', async () => {
      const { app, receive } = await load({ retry: { attempts: 1, backoffMs: 1 } });
      const scope = nock(API);
      token(scope);
      waitingOnAhead(scope, []);
      ownRuns(scope, GROUP.head_sha, []);
      creates(scope, 2);
      await receive(payload('merge_group.checks_requested'));
      await app.runtime()!.queue.idle();
      calls = [];

      scope.get(`${REPO_PATH}/pulls/6`).reply(recorded('GET', 502, { message: 'Bad Gateway' }));
      ownRuns(scope, GROUP.base_sha, []);
      creates(scope, 2);
      queue(scope, [{ ref: GROUP.head_ref, sha: GROUP.head_sha }]);
      wokenAfter(scope, 'failure');
      queue(scope);
      await receive(aheadGroup());
      await app.runtime()!.queue.idle();
      done(scope);
      for (const check of written().values())
        expect(check).toMatchObject({
          head_sha: GROUP.base_sha,
          conclusion: 'failure',
          output: { title: 'Not evaluated — queue the pull request again' },
        });
      expectBothRunsCompleted('failure', 'The group ahead does not pass');
    });
  });

  describe('a re-run asked for on a group check', () => {
    const QUEUE_BRANCH = GROUP.head_ref.replace('refs/heads/', '');

    function groupChecked(scope: nock.Scope) {
      pullRequestChecked(scope);
      parentStanding(scope, 'identical');
      ownRuns(
        scope,
        GROUP.head_sha,
        NAMES.map((name) => ({ name, conclusion: 'failure' })),
      );
      scope
        .patch(/\/repos\/acme\/shop\/check-runs\/50[01]$/)
        .times(2)
        .reply(recorded('PATCH', 200, {}));
      queue(scope);
    }

    it.each([
      [
        'check_run',
        () =>
          payload('check_run.rerequested', (p) => {
            const run = p.check_run as Record<string, unknown>;
            run.name = 'Blueprint sign-off: main';
            run.head_sha = GROUP.head_sha;
            run.pull_requests = [];
            (run.check_suite as Record<string, unknown>).head_branch = QUEUE_BRANCH;
            (run.check_suite as Record<string, unknown>).head_sha = GROUP.head_sha;
          }),
      ],
      [
        'check_suite',
        () =>
          payload('check_suite.rerequested.fork', (p) => {
            const suite = p.check_suite as Record<string, unknown>;
            suite.head_sha = GROUP.head_sha;
            suite.head_branch = QUEUE_BRANCH;
            suite.pull_requests = [];
          }),
      ],
    ])('checks the group again, found from its queue branch (%s)', async (name, body) => {
      const scope = nock(API);
      groupChecked(scope);
      await deliverAs(name, body());
      done(scope);
      expectBothRunsCompleted('success', 'Passed on #7');
    });

    it('writes nothing, and wakes no group behind, when the group already shows its verdicts', async () => {
      const first = nock(API);
      pullRequestChecked(first);
      bothChecksWritten(first);
      await deliver(payload('merge_group.checks_requested'));
      done(first);
      const shown = [...written().values()].map((c) => ({
        name: c.name,
        conclusion: c.conclusion,
        output: c.output,
      }));
      calls = [];

      // Groups whose branches name each other's heads cannot wake each other for ever: only a verdict
      // written wakes the groups behind.
      const scope = nock(API);
      pullRequestChecked(scope);
      parentStanding(scope, 'identical');
      ownRuns(scope, GROUP.head_sha, shown);
      await deliverAs(
        'check_suite',
        payload('check_suite.rerequested.fork', (p) => {
          const suite = p.check_suite as Record<string, unknown>;
          suite.head_sha = GROUP.head_sha;
          suite.head_branch = QUEUE_BRANCH;
        }),
      );
      done(scope);
      expect(calls.filter((c) => c.method !== 'GET' && !c.path.includes('access_tokens'))).toEqual([]);
    });

    it("ignores a re-run of another app's check on a group", async () => {
      const scope = nock(API);
      await deliverAs(
        'check_run',
        payload('check_run.rerequested', (p) => {
          const run = p.check_run as Record<string, unknown>;
          run.name = 'Some other check: main';
          run.head_sha = GROUP.head_sha;
          (run.check_suite as Record<string, unknown>).head_branch = QUEUE_BRANCH;
        }),
      );
      done(scope);
      expect(calls).toEqual([]);
    });
  });

  it('fails closed, with the reason, when the branch names no pull request', async () => {
    const scope = nock(API);
    token(scope);
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(
      payload('merge_group.checks_requested', (p) => {
        (p.merge_group as { head_ref: string }).head_ref =
          'refs/heads/gh-readonly-queue/main/not-a-pull-request';
      }),
    );
    done(scope);
    const checks = written();
    expect([...checks.keys()].sort()).toEqual(NAMES);
    for (const check of checks.values()) {
      expect(check).toMatchObject({
        head_sha: GROUP.head_sha,
        conclusion: 'failure',
        output: { title: 'Not a merge group the app can vouch for' },
      });
      expect(check.output.summary).toContain('`refs/heads/gh-readonly-queue/main/not-a-pull-request`');
      expect(check.output.summary).toContain('queue it again');
    }
  });

  it('does not pass for a pull request that now targets another base', async () => {
    const scope = nock(API);
    token(scope);
    pull(scope, PR_HEAD, { base: 'lax' });
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    for (const check of written().values())
      expect(check).toMatchObject({ conclusion: 'failure', output: { title: '#7 targets another branch' } });
  });

  it('updates its own run on the group instead of adding a second, and writes nothing when it already shows the verdict', async () => {
    const scope = nock(API);
    pullRequestChecked(scope);
    parentStanding(scope, 'identical');
    ownRuns(scope, GROUP.head_sha, [{ name: 'Blueprint review: main', conclusion: null }]);
    scope.patch(`${REPO_PATH}/check-runs/500`).reply(recorded('PATCH', 200, { id: 500 }));
    creates(scope, 1);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'));
    done(scope);
    const patched = calls.find((c) => c.method === 'PATCH')!.body as CheckBody;
    expect(patched).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect([...written().keys()]).toEqual(['Blueprint sign-off: main']);
  });

  it('tries again when GitHub does not answer, and marks the checks failed when it gives up', async () => {
    const scope = nock(API);
    token(scope);
    scope
      .get(`${REPO_PATH}/pulls/7`)
      .times(2)
      .reply(recorded('GET', 502, { message: 'Bad Gateway' }));
    ownRuns(scope, GROUP.head_sha, []);
    creates(scope, 2);
    queue(scope);
    await deliver(payload('merge_group.checks_requested'), { retry: { attempts: 2, backoffMs: 1 } });
    done(scope);
    expect(calls.filter((c) => c.path === `${REPO_PATH}/pulls/7`)).toHaveLength(2);
    for (const check of written().values()) {
      expect(check).toMatchObject({
        head_sha: GROUP.head_sha,
        conclusion: 'failure',
        output: { title: 'Not evaluated — queue the pull request again' },
      });
    }
  });

  it('leaves both checks on the group pending, saying why, when the queue cannot take the job', async () => {
    nock.enableNetConnect('127.0.0.1'); // the (absent) Redis
    const { app, receive } = await load({ redisUrl: `redis://127.0.0.1:${await freePort()}` });
    const scope = nock(API);
    token(scope);
    scope
      .get(new RegExp(`^${REPO_PATH}/commits/${GROUP.head_sha}/check-runs`))
      .times(2)
      .reply(recorded('GET', 200, { total_count: 0, check_runs: [] }));
    creates(scope, 2);
    await expect(receive(payload('merge_group.checks_requested'))).rejects.toThrow();
    done(scope);
    const checks = written();
    expect([...checks.keys()].sort()).toEqual(NAMES);
    for (const check of checks.values()) {
      expect(check).toMatchObject({ head_sha: GROUP.head_sha, status: 'queued' });
      expect(check).not.toHaveProperty('conclusion');
      expect(check.output.summary).toContain('queue is unreachable');
    }
    await app.runtime()!.close(100);
  }, 30_000);
});
