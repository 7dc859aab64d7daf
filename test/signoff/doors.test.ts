/**
 * Every door reads the config with one reader and decides with one pipeline: the same repository
 * gives the same config, the same errors (naming file and line) and the same sign-off decision
 * through the CLI (local git) and through the app (GitHub's API).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { GitFileSource } from '../../src/adapters/git-file-source.js';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { loadRepositoryConfig } from '../../src/adapters/github/config.js';
import { readCliConfig } from '../../src/cli/cli-config.js';
import { main } from '../../src/cli/main.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { BASE_FILES } from './fixtures.js';
import type { Files } from './fixtures.js';
import {
  deliverApproval,
  harness,
  reviewEvent,
  signoffRuns,
  TEAMS,
  useSignoffApp,
} from './support/signoff-app.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';
const CONFIG = '.github/blueprint-review.yml';
const validator = createSchemaValidator();
const cleanup: (() => void)[] = [];

useSignoffApp();
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function client(): GitHubClient {
  const octokit = tokenOctokit('test');
  return new GitHubClient(octokit, 'acme', 'shop', { sleep: async () => {} });
}

/** The config both ways: the app's reader over GitHub, the CLI's over the local repository's `main`. */
async function bothDoors(config: string, orgConfig?: string) {
  const files: Files = { ...BASE_FILES, [CONFIG]: config };
  const repo = twoCommitRepo(files, files);
  cleanup.push(repo.remove);
  nock(API)
    .get(`/repos/acme/shop/contents/${encodeURIComponent(CONFIG)}`)
    .query({ ref: 'main' })
    .reply(200, config);
  if (orgConfig !== undefined)
    nock(API)
      .get(`/repos/acme/.github/contents/${encodeURIComponent(CONFIG)}`)
      .reply(200, orgConfig);
  const app = await loadRepositoryConfig(client(), 'main', validator);
  const cli = await readCliConfig(undefined, await GitFileSource.open(repo.dir, 'main'), repo.dir, validator);
  expect(nock.pendingMocks()).toEqual([]);
  return { app, cli };
}

describe('one config reader for every door', () => {
  it('reads the same config through the app and the CLI', async () => {
    const config = `blueprints: [blueprint]
preset: strict
rules:
  error-handling/async-flow-without-dead-letter: warning
limits: { maxFileBytes: 200000 }
diff: { extensions: { sunset: x-retire-on } }
signoff:
  architectureBoardApprovals: 2
`;
    const { app, cli } = await bothDoors(config);
    expect(app.kind).toBe('ok');
    expect(cli.kind === 'ok' && cli.config).toEqual(app.kind === 'ok' && app.config);
  });

  it('names the file and the line of an invalid config in both', async () => {
    const { app, cli } = await bothDoors('signoff:\n  allowSelfApproval: yes please\n');
    expect(app).toEqual({
      kind: 'invalid',
      problems: [expect.stringMatching(/^acme\/shop:\.github\/blueprint-review\.yml@main:2: /)],
    });
    expect(cli).toEqual({
      kind: 'invalid',
      problems: [expect.stringMatching(/^\.github\/blueprint-review\.yml@main:2: /)],
    });
    expect(cli.kind === 'invalid' && cli.problems[0]!.split(': ').slice(1)).toEqual(
      app.kind === 'invalid' && app.problems[0]!.split(': ').slice(1),
    );
  });

  it('follows _extends in the app, and refuses it in the CLI with the reason (never a different config)', async () => {
    const { app, cli } = await bothDoors('_extends: .github\nsignoff: {}\n', 'preset: strict\n');
    expect(app).toMatchObject({ kind: 'ok', config: { preset: 'strict', signoff: {} } });
    expect(cli).toEqual({
      kind: 'invalid',
      problems: [
        '.github/blueprint-review.yml@main: _extends names .github:.github/blueprint-review.yml, which cannot be read here: only the GitHub App and the Action read other repositories; copy the settings into this file to use them here',
      ],
    });
  });

  it('stops `review` with exit 2 on an _extends it cannot follow', async () => {
    const files: Files = { ...BASE_FILES, [CONFIG]: '_extends: .github\n' };
    const repo = twoCommitRepo(files, files);
    cleanup.push(repo.remove);
    let stderr = '';
    const code = await main(['review', '--base', 'main', '--head', 'feature', repo.dir], {
      stdout: () => {},
      stderr: (t) => void (stderr += t),
      cwd: repo.dir,
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      '_extends names .github:.github/blueprint-review.yml, which cannot be read here',
    );
  });
});

describe('one sign-off pipeline for every door', () => {
  /** The CLI's decision on the harness's repository, with the facts the fake GitHub holds. */
  async function cliDecision(dir: string, headSha: string, reviews: { user: string; state: string }[]) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'signoff-doors-'));
    cleanup.push(() => rmSync(scratch, { recursive: true, force: true }));
    const reviewsFile = path.join(scratch, 'reviews.json');
    const teamsFile = path.join(scratch, 'teams.json');
    writeFileSync(
      reviewsFile,
      JSON.stringify({
        author: 'mallory',
        commits: [],
        pushers: ['mallory'],
        writers: reviews.map((r) => r.user),
        reviews: reviews.map((r, i) => ({ ...r, commitId: headSha, submittedAt: `2025-01-01T10:0${i}:00Z` })),
      }),
    );
    writeFileSync(
      teamsFile,
      JSON.stringify(
        Object.fromEntries(Object.entries(TEAMS).map(([slug, members]) => [`acme/${slug}`, members])),
      ),
    );
    let out = '';
    await main(
      [
        'signoff',
        '--base',
        'main',
        '--head',
        headSha,
        '--reviews',
        reviewsFile,
        '--teams',
        teamsFile,
        '--org',
        'acme',
        '--format',
        'json',
        dir,
      ],
      { stdout: (t) => void (out += t), stderr: () => {}, cwd: dir, isTTY: false },
    );
    return (JSON.parse(out) as { decision: { state: string; rules: { ruleId: string }[] } }).decision;
  }

  it('gives the same decision through the app and the CLI, before and after the approval', async () => {
    const h = await harness();
    await h.deliver('pull_request_review', reviewEvent(h, 'eve', 'commented'));
    await h.idle();
    const waiting = await cliDecision(h.gh.repo.dir, h.headSha, []);
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'action_required' });
    expect(waiting.state).toBe('action_required');

    await deliverApproval(h, 'olivia', 1);
    const passed = await cliDecision(h.gh.repo.dir, h.headSha, [{ user: 'olivia', state: 'APPROVED' }]);
    expect(signoffRuns(h)[0]).toMatchObject({
      conclusion: 'success',
      output: { title: 'Signed off: 1 rule satisfied' },
    });
    expect(passed.state).toBe('success');
    expect(passed.rules.map((r) => r.ruleId)).toEqual(['contract-owner']);
  });

  it('takes the changed files from the merge base with renames, as GitHub lists them (not an addition)', async () => {
    const adr = `---
status: accepted
date: 2025-01-01
decision-makers: [acme/architects]
---
# Bill orders through the gateway

## Context and Problem Statement

Billing reads orders.

## Considered Options

- REST through the gateway

## Decision Outcome

Chosen option: REST through the gateway, because billing needs the current state.

## Consequences

- Good: one identity per service.
`;
    const base: Files = { ...BASE_FILES, 'blueprint/adr/0001-gateway.md': adr };
    const { 'blueprint/adr/0001-gateway.md': _moved, ...rest } = base;
    const repo = twoCommitRepo(base, { ...rest, 'blueprint/adr/0001-bill-through-gateway.md': adr });
    cleanup.push(repo.remove);
    const scratch = mkdtempSync(path.join(tmpdir(), 'signoff-doors-'));
    cleanup.push(() => rmSync(scratch, { recursive: true, force: true }));
    const reviewsFile = path.join(scratch, 'reviews.json');
    writeFileSync(reviewsFile, JSON.stringify({ author: 'mallory', pushers: [], commits: [], reviews: [] }));
    let out = '';
    await main(
      [
        'signoff',
        '--base',
        'main',
        '--head',
        'feature',
        '--reviews',
        reviewsFile,
        '--org',
        'acme',
        '--format',
        'json',
        repo.dir,
      ],
      { stdout: (t) => void (out += t), stderr: () => {}, cwd: repo.dir, isTTY: false },
    );
    const { changes } = JSON.parse(out) as { changes: { key: string; categories: string[] }[] };
    expect(changes.map((c) => [c.key, c.categories])).toEqual([
      ['adr:blueprint/adr/0001-bill-through-gateway.md', ['decision']],
      ['adr:blueprint/adr/0001-gateway.md', ['decision', 'removal']],
    ]);
  });
});
