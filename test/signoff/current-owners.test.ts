/**
 * The merge base is the head's choice: a branch started from an old commit of `main` must not bring
 * that commit's owners and contract status to its own sign-off. Through `blueprint-review signoff`
 * over a real git repository (the app's pipeline: config from main's tip, changes from the merge base).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { BASE_FILES, CHANGE_TYPE, ADD_FIELD, TEAMS, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import { deliverApproval, harness, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const BLUEPRINT = 'blueprint/blueprint.yaml';
const CONTRACT = 'blueprint/contracts/orders.yaml';

/**
 * A repository whose `feature` branch starts at `old` and changes `branch`, while `main` moved on to
 * `now`. Returns a function running `blueprint-review signoff --base main --head feature`.
 */
function repository(old: Files, branch: Files, now: Files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'signoff-current-owners-'));
  dirs.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const commit = (files: Files, message: string) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    git('add', '-A');
    git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q', '-b', 'main');
  commit(old, 'old main');
  git('checkout', '-q', '-b', 'feature');
  const head = commit(branch, 'the change');
  git('checkout', '-q', 'main');
  commit(now, 'main moves on');
  const json = (name: string, value: unknown) => {
    const file = path.join(dir, '..', `${path.basename(dir)}-${name}.json`);
    writeFileSync(file, JSON.stringify(value));
    dirs.push(file);
    return file;
  };
  return async (approvers: string[]) => {
    const reviews = json('reviews', {
      author: 'mallory',
      pushers: [],
      commits: [],
      writers: approvers,
      reviews: approvers.map((user, i) => ({
        user,
        state: 'APPROVED',
        commitId: head,
        submittedAt: `2025-01-01T10:0${i}:00Z`,
      })),
    });
    let out = '';
    const io: CliIO = { stdout: (t) => (out += t), stderr: () => {}, cwd: dir, isTTY: false };
    const args = [
      '--base',
      'main',
      '--head',
      'feature',
      '--reviews',
      reviews,
      '--teams',
      json('teams', TEAMS),
    ];
    const code = await main(['signoff', ...args, '--org', 'acme', '--format', 'markdown'], io);
    return { code, out };
  };
}

describe('a branch started before main changed who owns what it changes', () => {
  it('asks the owner main names now, not only the one of the commit it started from', async () => {
    // orders-api moved from acme/orders to acme/billing on main after the branch started.
    const now = edit(BASE_FILES, BLUEPRINT, [
      ['    owner: acme/orders\n    provider: orders', '    owner: acme/billing\n    provider: orders'],
    ]);
    const signoff = repository(BASE_FILES, edit(BASE_FILES, CONTRACT, [ADD_FIELD]), now);
    const byOldOwner = await signoff(['olivia']);
    expect(byOldOwner.out).toContain('**Waiting for 1 approval**');
    expect(byOldOwner.out).toContain('`@acme/billing`');
    expect(byOldOwner.out).toContain('as the base branch names it now');
    expect(byOldOwner.code).toBe(1);
    // Not stuck: the current owner approves too.
    expect((await signoff(['olivia', 'bill'])).code).toBe(0);
  });

  it('applies change control to a contract finalized on main since', async () => {
    const draft = edit(BASE_FILES, BLUEPRINT, [['    status: finalized\n', '    status: draft\n']]);
    const signoff = repository(draft, edit(draft, CONTRACT, [CHANGE_TYPE]), BASE_FILES);
    // The owner and the consumer approve the breaking change: enough for a draft, not a finalized one.
    const result = await signoff(['olivia', 'bill']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('change record');
    expect(result.out).toContain('architecture-board-finalized-breaking');
  });

  it('changes nothing for a branch whose base has not moved under it', async () => {
    const signoff = repository(BASE_FILES, edit(BASE_FILES, CONTRACT, [ADD_FIELD]), {
      'NOTES.md': 'main moved on, elsewhere\n',
    });
    expect((await signoff(['olivia'])).code).toBe(0);
  });
});

describe('the app, for a pull request whose base moved on since it branched off', () => {
  it("asks the contract's owner on main now: the old owner's approval is not enough", async () => {
    const h = await harness(
      {},
      {
        baseTip: edit(BASE_FILES, BLUEPRINT, [
          ['    owner: acme/orders\n    provider: orders', '    owner: acme/billing\n    provider: orders'],
        ]),
      },
    );
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain('Still needs: 1 approval from `@acme/billing`');

    await deliverApproval(h, 'bill', 2);
    expect(signoffRuns(h).at(-1)).toMatchObject({ conclusion: 'success' });
  });
  it("reads the owners at the branch's tip when GitHub's pull request still names an older base commit", async () => {
    // main moved (orders-api now owned by acme/billing), but the pull request and the review's payload
    // still name the commit before the move as base.sha, as GitHub does for a while after a push.
    const h = await harness(
      {},
      {
        baseTip: edit(BASE_FILES, BLUEPRINT, [
          ['    owner: acme/orders\n    provider: orders', '    owner: acme/billing\n    provider: orders'],
        ]),
      },
    );
    h.gh.state.pullBaseSha = h.gh.repo.baseSha;
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain('Still needs: 1 approval from `@acme/billing`');
    // The verdict records the tip it read owners at: the branch's, not the one the pull request named.
    expect(run!.output!.summary).toContain(h.gh.state.baseTipSha!);
  });

  it('falls back to the base commit the pull request names where the branch cannot be compared by name', async () => {
    const h = await harness({ comparesCommitsOnly: true });
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    const compares = h.gh.calls.filter((c) => c.path.includes('/compare/')).map((c) => c.path.split('?')[0]);
    expect(compares).toEqual([
      `/repos/acme/shop/compare/main...${h.headSha}`,
      `/repos/acme/shop/compare/${h.gh.repo.baseSha}...${h.headSha}`,
    ]);
  });
});
