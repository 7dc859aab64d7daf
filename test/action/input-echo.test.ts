/**
 * The Action's own log lines that echo an input's value: the runner reads every line for workflow
 * commands — `::…::` at a line's start, and the legacy `##[…]` anywhere in a line — and an input can
 * carry text the workflow took from the event (a pull request's title or branch). Echoed, the value
 * is shown, never obeyed.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { FakeGitHub } from '../app/support/fake-github.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { editReadme, shopFiles } from '../app/support/shop.js';
import { runnerCommand } from '../support/actions-runner.js';
import { runBundle } from './support/bundle-run.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

const cleanups: (() => void)[] = [];
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('the sarif-file input, echoed in the log', () => {
  it('is shown, not obeyed, whatever command it spells', async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, editReadme(base));
    const gh = new FakeGitHub(repo);
    cleanups.push(() => {
      gh.dispose();
      repo.remove();
    });
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull().config(CONFIG).files(files).compare();
    await gh.bothTrees();
    gh.threads().updateCheck();

    const run = await runBundle(repo, {
      'INPUT_SARIF-FILE': 'out/##[add-mask]word ##[stop-commands]token.sarif',
    });
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(0);
    const echoed = run.stdout.split('\n').filter((line) => line.startsWith('SARIF ('));
    expect(echoed).toHaveLength(1);
    for (const line of run.stdout.split('\n')) {
      const command = runnerCommand(line);
      if (command) expect(command.command, line).toBe('warning');
    }
  }, 60_000);
});
