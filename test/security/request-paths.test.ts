/**
 * Repository text that reaches a GitHub API request as a URL parameter (DESIGN invariant 13): a
 * team or a login named in a blueprint's owners, a repository named by the config's `_extends`.
 * Octokit encodes `/`, `?`, `#` and `%` in a parameter, but `.` and `..` are whole path segments
 * that URL parsing resolves: team `acme/..` asked `GET /orgs/acme/teams/../memberships/bob`, which is
 * `GET /orgs/acme/memberships/bob` — membership of the organisation, which any member has. Such a
 * name cannot exist on GitHub, so it is answered as not found, without a request.
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { gitHubConfigFiles } from '../../src/adapters/github/config.js';
import { GitHubPullRequestFacts } from '../../src/adapters/github/pull-request-facts.js';
import { teamRepository } from '../app/support/team-repository.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';

function client(): GitHubClient {
  const octokit = tokenOctokit('test');
  return new GitHubClient(octokit, 'acme', 'shop', { sleep: async () => {} });
}

function facts(): GitHubPullRequestFacts {
  return new GitHubPullRequestFacts(client(), {
    number: 7,
    author: 'mallory',
    headSha: 'h'.repeat(40),
    baseRef: 'main',
    labels: [],
    pushes: async () => ({ kind: 'ok', value: [] }),
  });
}

/** The endpoints a dot segment would have reached instead, answering as an attacker would wish. */
function elsewhere(): nock.Scope {
  return nock(API)
    .get('/orgs/acme/memberships/bob')
    .reply(200, { state: 'active', role: 'member' })
    .get('/orgs/acme/repos/acme/shop')
    .reply(204)
    .get('/orgs/acme/teams/repos/acme/shop')
    .reply(204)
    .get('/teams/x/repos/acme/shop')
    .reply(204)
    .get('/repos/acme/shop/permission')
    .reply(200, { permission: 'admin' });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('a repository value that is a dot path segment', () => {
  it('is no team, no member of one and no collaborator, and nothing is asked', async () => {
    const scope = elsewhere();
    const f = facts();
    for (const team of ['acme/..', 'acme/.', '../x', '@acme/..'])
      expect(await f.teamAccess(team), team).toEqual({ kind: 'ok', value: 'none' });
    expect(await f.isTeamMember('acme/..', 'bob')).toEqual({ kind: 'ok', value: false });
    expect(await f.isTeamMember('acme/orders', '..')).toEqual({ kind: 'ok', value: false });
    expect(await f.hasWriteAccess('..')).toEqual({ kind: 'ok', value: false });
    expect(scope.activeMocks()).toHaveLength(5);
  });

  it('names no repository to extend the config from', async () => {
    // Where `acme/..` and `acme/.` would have led.
    const scope = nock(API)
      .get('/repos/contents/.github%2Fblueprint-review.yml')
      .reply(200, 'x')
      .get('/repos/acme/contents/.github%2Fblueprint-review.yml')
      .reply(200, 'x');
    const files = gitHubConfigFiles(client());
    for (const repo of ['..', '.'])
      expect(await files.read({ owner: 'acme', repo, path: '.github/blueprint-review.yml' })).toMatchObject({
        kind: 'missing',
      });
    expect(scope.activeMocks()).toHaveLength(2);
  });

  it('is still asked about when the dots are part of a name', async () => {
    nock(API)
      .get('/orgs/acme/teams/a..b/repos/acme/shop')
      .reply(200, teamRepository('acme', 'shop', 'push'))
      // A team that can write is asked its privacy too (a secret team owns nothing).
      .get('/orgs/acme/teams/a..b')
      .reply(200, { slug: 'a..b', privacy: 'closed' });
    expect(await facts().teamAccess('acme/a..b')).toEqual({ kind: 'ok', value: 'write' });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
