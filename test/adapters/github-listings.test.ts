/**
 * The listings that decide which pull requests are evaluated again when something they depend on
 * changes (a team member leaves, the base's config moves): a repository or pull request left out of
 * them keeps a success that may no longer hold. So they read every page GitHub has, past 1,000.
 */
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { appInstallations, installationRepositories } from '../../src/adapters/github/installation.js';
import { openPullRequests, openPullRequestsInto } from '../../src/adapters/github/pull-request.js';
import { guardNock } from '../support/nock-guard.js';

const API = 'https://api.github.com';
guardNock();

function client(): GitHubClient {
  const octokit = new ProbotOctokit({ auth: { token: 'ghs_test' }, throttle: { enabled: false } });
  return new GitHubClient(octokit, 'acme', 'shop');
}

/** `count` items in pages of 100, as GitHub pages them: page n from the query. */
function paged<T>(count: number, item: (i: number) => T) {
  return (uri: string): [number, T[]] => {
    const page = Number(new URL(uri, API).searchParams.get('page') ?? '1');
    const start = (page - 1) * 100;
    const items = Array.from({ length: Math.max(0, Math.min(100, count - start)) }, (_, i) =>
      item(start + i),
    );
    return [200, items];
  };
}

const pull = (n: number) => ({
  number: n,
  state: 'open',
  user: { login: 'mallory' },
  head: { sha: 'a'.repeat(40) },
  base: { sha: 'b'.repeat(40), ref: 'main' },
});

describe('listings past 1,000', () => {
  it('lists every repository of the installation (1,050)', async () => {
    const answer = paged(1_050, (i) => ({ name: `repo-${i}`, owner: { login: 'acme' } }));
    nock(API)
      .get('/installation/repositories')
      .query(true)
      .times(11)
      .reply((uri) => {
        const [status, repositories] = answer(uri);
        return [status, { total_count: 1_050, repositories }];
      });
    const found = await installationRepositories(client());
    expect(found).toHaveLength(1_050);
    expect(found.at(-1)).toEqual({ owner: 'acme', repo: 'repo-1049' });
  });

  it('lists every installation of the app (1,050; recovery after a crash looks at each)', async () => {
    nock(API)
      .get('/app/installations')
      .query(true)
      .times(11)
      .reply(paged(1_050, (i) => ({ id: i + 1, account: { login: `org-${i}` } })));
    const found = await appInstallations(client());
    expect(found).toHaveLength(1_050);
    expect(found.at(-1)).toEqual({ id: 1_050, account: 'org-1049' });
  });

  it('lists every open pull request (1,050), and every one into a base', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls')
      .query(true)
      .times(22)
      .reply(paged(1_050, (i) => pull(i + 1)));
    expect(await openPullRequests(client())).toHaveLength(1_050);
    expect(await openPullRequestsInto(client(), 'main')).toHaveLength(1_050);
  });
});
