/** `blueprint-review signoff` over a real local git repository. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { BASE_FILES, TEAMS, edit } from './fixtures.js';
import type { Files } from './fixtures.js';

let repo: string;
const sha: Record<string, string> = {};

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

function commit(files: Files, message: string): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: repo, isTTY: false };
  const code = await main(['signoff', ...args], io);
  return { code, out, err };
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(repo, '..', `${path.basename(repo)}-${name}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'signoff-cli-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('remote', 'add', 'origin', 'git@github.com:acme/order-to-cash.git');
  sha.base = commit(BASE_FILES, 'base');
  git('checkout', '-q', '-b', 'feature');
  sha.approved = commit(
    edit(BASE_FILES, 'blueprint/policies/security.yaml', [['strategy: hash', 'strategy: tokenize']]),
    'tokenize emails',
  );
  sha.head = commit({ 'README.md': '# order to cash\n\nchangelog\n' }, 'docs only');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  for (const name of ['reviews', 'teams', 'pending'])
    rmSync(path.join(repo, '..', `${path.basename(repo)}-${name}.json`), { force: true });
});

describe('blueprint-review signoff', () => {
  it('prints a passing decision when the security team approved a commit with identical blueprint files', async () => {
    const reviews = writeJson('reviews', {
      author: 'mallory',
      pushers: [],
      commits: [],
      writers: ['sam'],
      reviews: [
        // GitHub's own answer shape, as `gh api repos/o/r/pulls/7/reviews` prints it.
        {
          id: 1,
          user: { login: 'sam' },
          state: 'APPROVED',
          commit_id: sha.approved,
          submitted_at: '2025-01-01T10:00:00Z',
        },
      ],
    });
    const teams = writeJson('teams', TEAMS);
    const result = await cli(['--base', 'main', '--head', 'feature', '--reviews', reviews, '--teams', teams]);
    expect(result.err).toBe('');
    expect(result.out).toContain('SUCCESS: Signed off: 1 rule satisfied');
    expect(result.out).toContain(`@sam approved ${sha.approved} as @acme/security under security-review`);
    expect(result.code).toBe(0);
  });

  it('does not count an approval given before the base branch was changed (the file says when)', async () => {
    const review = {
      user: 'sam',
      state: 'APPROVED',
      commitId: sha.approved,
      submittedAt: '2025-01-01T10:00:00Z',
    };
    const teams = writeJson('teams', TEAMS);
    const run = async (retargetedAt: unknown) =>
      cli([
        '--base',
        'main',
        '--head',
        'feature',
        '--reviews',
        writeJson('reviews', {
          author: 'mallory',
          pushers: [],
          commits: [],
          writers: ['sam'],
          reviews: [review],
          retargetedAt,
        }),
        '--teams',
        teams,
      ]);
    const before = await run('2025-01-01T09:00:00Z');
    expect(before.code).toBe(0);
    const after = await run('2025-01-01T11:00:00Z');
    expect(after.code).toBe(1);
    // The text is folded to the terminal's width (100 columns off a terminal): read it unfolded.
    const unfolded = after.out.replace(/\n\s+/g, ' ');
    expect(unfolded).toContain("before the pull request's base branch was changed (2025-01-01T11:00:00Z)");
    const invalid = await run('yesterday');
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('"retargetedAt" must be a time');
  });

  it('explains what is missing with only a list of reviews and no teams file (unknown, not approved)', async () => {
    const reviews = writeJson('pending', [
      { user: 'sam', state: 'APPROVED', commitId: 'feature', submittedAt: '2025-01-01T10:00:00Z' },
    ]);
    const result = await cli([
      '--base',
      'main',
      '--reviews',
      reviews,
      '--author',
      'mallory',
      '--format',
      'markdown',
    ]);
    expect(result.code).toBe(1);
    // A bare list of reviews says nothing of who committed or pushed: that is unknown too.
    expect(result.out).toContain('**Blocked: 2 problems to fix**');
    expect(result.out).toContain('Still needs: 1 approval from `@acme/security`');
    expect(result.out).toContain('the reviews file lists no "commits"');
    expect(result.out).toContain('the reviews file lists no "pushers"');
    expect(result.out).toContain(
      'membership could not be checked (`@acme/security`: no --teams file was given)',
    );
  });

  it('takes the teams the teams file lists to have access to the repository, and no other', async () => {
    // Offline there is no asking GitHub which teams reach the repository: the file stands for it.
    const reviews = writeJson('reviews', {
      author: 'mallory',
      pushers: [],
      commits: [],
      writers: ['sam'],
      reviews: [
        { user: 'sam', state: 'APPROVED', commitId: sha.approved, submittedAt: '2025-01-01T10:00:00Z' },
      ],
    });
    const { ['acme/security']: _left, ...others } = TEAMS;
    const teams = writeJson('teams', others);
    const result = await cli(['--base', 'main', '--head', 'feature', '--reviews', reviews, '--teams', teams]);
    expect(result.code).toBe(1);
    expect(result.out.replace(/\n\s+/g, ' ')).toContain(
      'Team @acme/security (the default security team (set signoff.teams.security)) has no access to this repository (or does not exist)',
    );
  });

  it.each(['pushers', 'commits'])(
    'signs nothing off when the reviews file leaves out "%s": who pushed or committed is unknown, not nobody',
    async (list) => {
      // Taken as empty, a left-out list let whoever pushed (or committed) approve their own change.
      const { [list]: _left, ...facts } = {
        author: 'mallory',
        pushers: [],
        commits: [],
        writers: ['sam'],
        reviews: [
          { user: 'sam', state: 'APPROVED', commitId: sha.approved, submittedAt: '2025-01-01T10:00:00Z' },
        ],
      } as Record<string, unknown>;
      const reviews = writeJson('reviews', facts);
      const teams = writeJson('teams', TEAMS);
      const result = await cli([
        '--base',
        'main',
        '--head',
        'feature',
        '--reviews',
        reviews,
        '--teams',
        teams,
      ]);
      expect(result.out).not.toContain('SUCCESS');
      expect(result.out.replace(/\n\s+/g, ' ')).toContain(`the reviews file lists no "${list}"`);
      expect(result.code).toBe(1);
    },
  );

  it('reads commit authors as `gh api …/pulls/N/commits` prints them, and refuses entries it cannot read', async () => {
    const facts = (commits: unknown[], pushers: unknown[] = []) =>
      writeJson('reviews', {
        author: 'mallory',
        pushers,
        commits,
        writers: ['sam'],
        reviews: [
          { user: 'sam', state: 'APPROVED', commitId: sha.approved, submittedAt: '2025-01-01T10:00:00Z' },
        ],
      });
    const teams = writeJson('teams', TEAMS);
    const run = (reviews: string) =>
      cli(['--base', 'main', '--head', 'feature', '--reviews', reviews, '--teams', teams]);
    const authored = await run(facts([{ sha: sha.head, author: { login: 'sam', id: 7 }, committer: null }]));
    expect(authored.out).toContain("@sam's approval does not count");
    expect(authored.code).toBe(1);
    for (const [commits, pushers, what] of [
      [[{ sha: sha.head, author: 42 }], [], 'commit 0 needs'],
      [[{ author: 'sam' }], [], 'commit 0 needs'],
      [[], ['mallory', 7], 'pusher 1 must be'],
    ] as const) {
      const refused = await run(facts([...commits], [...pushers]));
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(what);
      expect(refused.out).not.toContain('SUCCESS');
    }
  });

  it('knows a pusher by account id too: after renaming their account they still cannot approve', async () => {
    // As `gh api` prints them: the push's sender and the review's user are GitHub's accounts, ids included.
    const reviews = writeJson('reviews', {
      author: 'mallory',
      commits: [],
      writers: ['samuel'],
      pushers: [{ login: 'sam', id: 4242 }],
      reviews: [
        {
          id: 1,
          user: { login: 'samuel', id: 4242, type: 'User' },
          state: 'APPROVED',
          commit_id: sha.head,
          submitted_at: '2025-01-01T10:00:00Z',
        },
      ],
    });
    const teams = writeJson('teams', { ...TEAMS, 'acme/security': ['samuel'] });
    const result = await cli(['--base', 'main', '--head', 'feature', '--reviews', reviews, '--teams', teams]);
    expect(result.out).toContain(
      "@samuel's approval does not count: @samuel is one of those who pushed to this pull request",
    );
    expect(result.code).toBe(1);
  });

  it('refuses an unknown ref and a missing author with exit code 2', async () => {
    const reviews = writeJson('pending', []);
    expect((await cli(['--base', 'nope', '--reviews', reviews, '--author', 'x'])).err).toContain(
      '"nope" is not a commit in this repository',
    );
    const noAuthor = await cli(['--base', 'main', '--reviews', reviews]);
    expect(noAuthor.code).toBe(2);
    expect(noAuthor.err).toContain('the PR author is unknown');
  });
});

describe('blueprint-review signoff --base', () => {
  it('measures the pull request from the merge base: an ADR-only branch changes only the ADR', async () => {
    const ADR = `---
status: accepted
date: 2025-01-01
decision-makers: [acme/architects]
---
# Bill orders through the gateway

## Context and Problem Statement

Billing reads orders.

## Considered Options

- REST through the gateway
- Events

## Decision Outcome

Chosen option: REST through the gateway, because billing needs the current state.

## Consequences

- Good: one identity per service.
`;
    const dir = mkdtempSync(path.join(tmpdir(), 'signoff-merge-base-'));
    const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    const write = (files: Files, message: string) => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      run('add', '-A');
      run('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', message);
    };
    try {
      run('init', '-q', '-b', 'main');
      write({ ...BASE_FILES, 'blueprint/adr/0001-bill-through-gateway.md': ADR }, 'base');
      run('checkout', '-q', '-b', 'adr-only');
      write({ 'blueprint/adr/0001-bill-through-gateway.md': ADR + '- Bad: one more hop.\n' }, 'adr');
      run('checkout', '-q', 'main');
      // main moves on meanwhile: the orders system gets a new owner.
      write(
        {
          'blueprint/blueprint.yaml': BASE_FILES['blueprint/blueprint.yaml']!.replace(
            '{ id: orders, owner: acme/orders }',
            '{ id: orders, owner: acme/sales }',
          ),
        },
        'new owner',
      );
      const reviews = writeJson('reviews', { author: 'mallory', pushers: [], commits: [], reviews: [] });
      let out = '';
      const io: CliIO = { stdout: (t) => (out += t), stderr: () => {}, cwd: dir, isTTY: false };
      await main(
        [
          'signoff',
          '--base',
          'main',
          '--head',
          'adr-only',
          '--reviews',
          reviews,
          '--org',
          'acme',
          '--format',
          'json',
        ],
        io,
      );
      const { changes } = JSON.parse(out) as {
        changes: { subject: { kind: string }; categories: string[] }[];
      };
      expect(changes.map((c) => c.subject)).toEqual([
        expect.objectContaining({ kind: 'adr', id: 'blueprint/adr/0001-bill-through-gateway.md' }),
      ]);
      expect(changes.flatMap((c) => c.categories)).not.toContain('ownership');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
