/** The GitHub implementation of the gate's PullRequestFacts, against mocked REST answers. */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { GitHubPullRequestFacts } from '../../src/adapters/github/pull-request-facts.js';
import type { EntriesAt } from '../../src/signoff/pushes.js';
import { REPOSITORY_MEDIA_TYPE, teamRepository } from '../app/support/team-repository.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';

function facts(
  pushes: EntriesAt = async () => ({
    kind: 'ok',
    value: [{ after: 'h'.repeat(40), by: 'mallory', before: null }],
  }),
) {
  const octokit = tokenOctokit('test');
  const client = new GitHubClient(octokit, 'acme', 'shop', { sleep: async () => {} });
  return new GitHubPullRequestFacts(client, {
    number: 7,
    author: 'mallory',
    headSha: 'h'.repeat(40),
    baseRef: 'main',
    labels: [],
    pushes,
  });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('GitHubPullRequestFacts', () => {
  it('reads reviews with their commit and time', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/7/reviews')
      .query({ per_page: 100, page: 1 })
      .reply(200, [
        {
          id: 1,
          user: { login: 'olivia' },
          state: 'APPROVED',
          commit_id: 'c1',
          submitted_at: '2025-01-01T10:00:00Z',
        },
        { id: 2, user: null, state: 'COMMENTED', commit_id: 'c1', submitted_at: '2025-01-01T10:01:00Z' },
      ]);
    expect(await facts().reviews()).toEqual({
      kind: 'ok',
      value: [
        { id: 1, user: 'olivia', state: 'APPROVED', commitId: 'c1', submittedAt: '2025-01-01T10:00:00Z' },
      ],
    });
  });

  it('counts only active team membership, and a 404 as "not a member"', async () => {
    nock(API)
      .get('/orgs/acme/teams/orders/memberships/olivia')
      .reply(200, { state: 'active', role: 'member' })
      .get('/orgs/acme/teams/orders/memberships/newbie')
      .reply(200, { state: 'pending', role: 'member' })
      .get('/orgs/acme/teams/orders/memberships/eve')
      .reply(404, { message: 'Not Found' });
    const f = facts();
    expect(await f.isTeamMember('acme/orders', 'olivia')).toEqual({ kind: 'ok', value: true });
    expect(await f.isTeamMember('acme/orders', 'newbie')).toEqual({ kind: 'ok', value: false });
    expect(await f.isTeamMember('@acme/orders', 'eve')).toEqual({ kind: 'ok', value: false });
  });

  it('turns a 5xx membership answer into a failed lookup with the reason', async () => {
    nock(API).get('/orgs/acme/teams/orders/memberships/olivia').reply(502, { message: 'Bad Gateway' });
    const result = await facts().isTeamMember('acme/orders', 'olivia');
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' && result.reason).toContain('502');
  });

  it('counts write, maintain (reported as write) and admin as write access; read, none and 404 not', async () => {
    const permission = (user: string, level: string) =>
      nock(API)
        .get(`/repos/acme/shop/collaborators/${user}/permission`)
        .reply(200, { permission: level, role_name: level, user: { login: user } });
    permission('wanda', 'write');
    permission('adam', 'admin');
    permission('rita', 'read');
    permission('nora', 'none');
    nock(API).get('/repos/acme/shop/collaborators/ghost/permission').reply(404, { message: 'Not Found' });
    nock(API).get('/repos/acme/shop/collaborators/flaky/permission').reply(502, { message: 'Bad Gateway' });
    const f = facts();
    expect(await f.hasWriteAccess('wanda')).toEqual({ kind: 'ok', value: true });
    expect(await f.hasWriteAccess('adam')).toEqual({ kind: 'ok', value: true });
    expect(await f.hasWriteAccess('rita')).toEqual({ kind: 'ok', value: false });
    expect(await f.hasWriteAccess('nora')).toEqual({ kind: 'ok', value: false });
    expect(await f.hasWriteAccess('ghost')).toEqual({ kind: 'ok', value: false });
    expect(await f.hasWriteAccess('flaky')).toMatchObject({ kind: 'error', transient: true });
  });

  it('tells a team that can write from one that can only read, or has no access (or does not exist)', async () => {
    const team = (slug: string) =>
      nock(API, { reqheaders: { accept: REPOSITORY_MEDIA_TYPE } }).get(
        `/orgs/acme/teams/${slug}/repos/acme/shop`,
      );
    team('security').reply(200, teamRepository('acme', 'shop', 'push'));
    team('board').reply(200, teamRepository('acme', 'shop', 'admin'));
    team('readers').reply(200, teamRepository('acme', 'shop', 'pull'));
    team('triagers').reply(200, teamRepository('acme', 'shop', 'triage'));
    // A custom role is based on a built-in one; what it lets the team do is what counts.
    team('custom').reply(200, {
      ...teamRepository('acme', 'shop', 'triage'),
      role_name: 'release-manager',
      permissions: { pull: true, triage: true, push: true, maintain: false, admin: false },
    });
    team('secops').reply(404, { message: 'Not Found' });
    team('flaky').reply(502, { message: 'Bad Gateway' });
    // No repository in the answer (a server that ignored the media type): unknown, never "write".
    team('bare').reply(204);
    // A team that can write is asked its privacy too: a secret one owns nothing (CODEOWNERS), and an
    // answer that does not say is no visible team.
    team('hidden').reply(200, teamRepository('acme', 'shop', 'push'));
    team('unsaid').reply(200, teamRepository('acme', 'shop', 'push'));
    team('shy').reply(200, teamRepository('acme', 'shop', 'push'));
    const privacy = (slug: string) => nock(API).get(`/orgs/acme/teams/${slug}`);
    for (const slug of ['security', 'board', 'custom']) privacy(slug).reply(200, { slug, privacy: 'closed' });
    privacy('hidden').reply(200, { slug: 'hidden', privacy: 'secret' });
    privacy('unsaid').reply(200, { slug: 'unsaid' });
    privacy('shy').reply(502, { message: 'Bad Gateway' });
    const f = facts();
    expect(await f.teamAccess('acme/security')).toEqual({ kind: 'ok', value: 'write' });
    expect(await f.teamAccess('acme/board')).toEqual({ kind: 'ok', value: 'write' });
    expect(await f.teamAccess('acme/readers')).toEqual({ kind: 'ok', value: 'read-only' });
    expect(await f.teamAccess('acme/triagers')).toEqual({ kind: 'ok', value: 'read-only' });
    expect(await f.teamAccess('acme/custom')).toEqual({ kind: 'ok', value: 'write' });
    expect(await f.teamAccess('acme/secops')).toEqual({ kind: 'ok', value: 'none' });
    expect(await f.teamAccess('acme/flaky')).toMatchObject({ kind: 'error', transient: true });
    expect(await f.teamAccess('acme/bare')).toMatchObject({ kind: 'error' });
    expect(await f.teamAccess('acme/hidden')).toEqual({ kind: 'ok', value: 'secret' });
    expect(await f.teamAccess('acme/unsaid')).toMatchObject({ kind: 'error' });
    expect(await f.teamAccess('acme/shy')).toMatchObject({ kind: 'error', transient: true });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('fingerprints the blueprint files of a commit from its tree, ignoring other files', async () => {
    const tree = (readme: string, blueprint: string) => ({
      truncated: false,
      tree: [
        { path: 'README.md', mode: '100644', type: 'blob', sha: readme },
        { path: 'blueprint', mode: '040000', type: 'tree', sha: 't' },
        { path: 'blueprint/blueprint.yaml', mode: '100644', type: 'blob', sha: blueprint },
      ],
    });
    nock(API)
      .get('/repos/acme/shop/git/trees/c1')
      .query({ recursive: 'true' })
      .reply(200, tree('r1', 'b1'))
      .get('/repos/acme/shop/git/trees/c2')
      .query({ recursive: 'true' })
      .reply(200, tree('r2', 'b1'))
      .get('/repos/acme/shop/git/trees/c3')
      .query({ recursive: 'true' })
      .reply(200, tree('r1', 'b2'))
      .get('/repos/acme/shop/git/trees/c4')
      .query({ recursive: 'true' })
      .reply(200, { truncated: true, tree: [] });
    const f = facts();
    const scope = { folders: ['blueprint'], files: [] };
    const [one, two, three, four] = await Promise.all(
      ['c1', 'c2', 'c3', 'c4'].map((sha) => f.blueprintFingerprint(sha, scope)),
    );
    expect(one).toEqual(two);
    expect(one).not.toEqual(three);
    expect(four?.kind).toBe('error');
  });

  it('knows force-pushers, the current pusher, commit authors and what the app requested before', async () => {
    nock(API)
      .get('/repos/acme/shop/issues/7/events')
      .query({ per_page: 100, page: 1 })
      .reply(200, [
        { event: 'head_ref_force_pushed', actor: { login: 'trent', id: 9 } },
        {
          event: 'review_requested',
          actor: { login: 'blueprint-review[bot]' },
          requested_team: { slug: 'orders' },
        },
        { event: 'review_requested', actor: { login: 'mallory' }, requested_reviewer: { login: 'eve' } },
        {
          event: 'review_requested',
          actor: { login: 'blueprint-review[bot]' },
          requested_reviewer: { login: 'bill' },
          created_at: '2025-01-01T10:05:00Z',
        },
      ])
      .get('/repos/acme/shop/pulls/7/commits')
      .query({ per_page: 100, page: 1 })
      .reply(200, [
        { sha: 'c1', author: { login: 'mallory' }, committer: { login: 'web-flow' } },
        { sha: 'c2', author: null, committer: null },
      ]);
    // peggy pushed h (a plain push, no force) on top of p, which mallory opened the pull request with.
    const pushes: Record<string, { by: string; before: string | null; id?: number }[]> = {
      ['h'.repeat(40)]: [{ by: 'peggy', before: 'p'.repeat(40), id: 5 }],
      ['p'.repeat(40)]: [{ by: 'mallory', before: null }],
    };
    const f = facts(async (sha) => ({
      kind: 'ok',
      value: (pushes[sha] ?? []).map((p) => ({ after: sha, ...p })),
    }));
    // With the ids of the accounts where GitHub gave them: a login may be renamed since.
    expect(await f.pushers()).toEqual({
      kind: 'ok',
      value: {
        pushers: [{ login: 'mallory' }, { login: 'peggy', id: 5 }, { login: 'trent', id: 9 }],
        passedThrough: [],
      },
    });
    expect(await f.requestedBy('blueprint-review[bot]')).toEqual({
      kind: 'ok',
      value: { users: ['bill'], teams: ['acme/orders'], askedAt: { bill: '2025-01-01T10:05:00Z' } },
    });
    expect(await f.commits()).toEqual({
      kind: 'ok',
      value: [
        { sha: 'c1', author: 'mallory', committer: 'web-flow' },
        { sha: 'c2', author: undefined, committer: undefined },
      ],
    });
  });
});
