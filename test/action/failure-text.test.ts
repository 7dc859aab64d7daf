/**
 * A review that fails says why in the check run, the job summary and the log, and the reason quotes
 * what failed: here a path from the repository's tree (GitHub's answer lacks the size of one file,
 * so nothing can be read safely). A path is repository text — git allows backticks, line breaks,
 * mentions and markup in one — and the bundled Action must show it, whole, as one quotation: in
 * Markdown one code span (a backtick in it must not pair with a fence of the message and leave the
 * rest as our words), in the log one line the runner reads as our own error command and nothing else.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { BUNDLE_PATH } from '../../src/action/bundle.js';
import { GitFileSource } from '../../src/adapters/git-file-source.js';
import { MAX_MESSAGE_CHARS, plainText } from '../../src/core/inert-text.js';
import { FakeGitHub } from '../app/support/fake-github.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import type { TwoCommitRepo } from '../app/support/git-repo.js';
import { addEventFlowWithoutDeadLetter, editReadme, shopFiles } from '../app/support/shop.js';
import { runnerCommand } from '../support/actions-runner.js';
import { runBundle } from './support/bundle-run.js';
import { renderedCodeSpans } from '../support/code-spans.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

/** A file name git accepts, holding each attack a path can carry. */
const HOSTILE_PATH =
  'blueprint/a` ✅ All approvals present `b @acme/security-team #123 [x](https://evil.example) ' +
  '<img src=x onerror=alert(1)>\n##[add-mask]word\n::error file=README.md::forged \u202egnp.exe';

const cleanups: (() => void)[] = [];

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A pull request whose head's tree GitHub answers with one file lacking its size (`extraPath`): the
 * review cannot refuse a large file before downloading it, so it fails, naming the file.
 */
async function failingTreeReview(extraPath: string): Promise<{ gh: FakeGitHub; repo: TwoCommitRepo }> {
  const base = shopFiles();
  const repo = twoCommitRepo(base, addEventFlowWithoutDeadLetter(base));
  const gh = new FakeGitHub(repo);
  cleanups.push(() => {
    gh.dispose();
    repo.remove();
  });
  const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
  gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull().config(CONFIG).files(files).compare();
  await gh.tree(repo.baseSha);
  const head = await GitFileSource.open(repo.dir, repo.headSha);
  const tree = head
    .entries()
    .map((e) => ({ path: e.path, mode: '100644', type: 'blob', sha: e.blob, size: e.size }));
  tree.push({ path: extraPath, mode: '100644', type: 'blob', sha: 'e'.repeat(40) } as (typeof tree)[number]);
  gh.scope
    .get(`/repos/acme/shop/git/trees/${repo.headSha}`)
    .query({ recursive: 'true' })
    .reply(200, { sha: repo.headSha, tree, truncated: false });
  gh.updateCheck();
  return { gh, repo };
}

/**
 * Each line the runner reads from the log: our own error command (titled as ours, or untitled when
 * the run stopped before a review), or a line it prints as it is.
 */
function expectOnlyOurErrorCommands(stdout: string): void {
  for (const line of stdout.split(/\r\n|[\n\r]/)) {
    const command = runnerCommand(line);
    if (command) {
      expect(command.command, line).toBe('error');
      expect([{}, { title: 'blueprint-review' }], line).toContainEqual(command.properties);
    }
  }
}

describe('a review the Action cannot finish, failing on a path from the repository', () => {
  it('shows the path whole, as one code span, in the check and the job summary; the log only errs', async () => {
    const { gh, repo } = await failingTreeReview(HOSTILE_PATH);
    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(1);

    const check = gh.find('PATCH', '/repos/acme/shop/check-runs/1001').at(-1)!.body as {
      conclusion: string;
      output: { summary: string };
    };
    expect(check.conclusion).toBe('failure');
    const shown = plainText(HOSTILE_PATH);
    expect(renderedCodeSpans(check.output.summary)).toContain(shown);
    expect(renderedCodeSpans(run.summary)).toContain(shown);

    expectOnlyOurErrorCommands(run.stdout);
    expect(run.stdout).toContain(`::error title=blueprint-review::Blueprint review failed: `);
    expect(run.stdout).toContain(shown.replace(/%/g, '%25'));
  }, 60_000);

  it('cuts a very long path in the log as in the check: no line of the log is megabytes long', async () => {
    const { gh, repo } = await failingTreeReview(`blueprint/${'@acme/team-'.repeat(10_000)}.yaml`);
    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(1);
    expectOnlyOurErrorCommands(run.stdout);
    const longest = Math.max(...run.stdout.split('\n').map((line) => line.length));
    expect(longest).toBeGreaterThan(1_000);
    expect(longest).toBeLessThan(MAX_MESSAGE_CHARS + 200);
    expect(run.summary.length).toBeLessThan(MAX_MESSAGE_CHARS + 1_000);
  }, 60_000);
});

describe('an input the Action cannot use', () => {
  it('fails the step saying why in the log and the job summary, the value shown, not obeyed', async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, editReadme(base));
    const gh = new FakeGitHub(repo);
    cleanups.push(() => {
      gh.dispose();
      repo.remove();
    });
    const value = '@acme/security-team <img src=x onerror=alert(1)> a` ✅ approved `b\n::add-mask::word';
    const run = await runBundle(repo, { 'INPUT_FAIL-ON': value });
    expect(gh.calls).toEqual([]);
    expect(run.code).toBe(1);
    expectOnlyOurErrorCommands(run.stdout);
    expect(run.summary).toMatch(/^## ❌ Blueprint review could not finish\n\nInput "fail-on" is /);
    const html = marked.parse(run.summary, { gfm: true, async: false });
    expect(html).not.toMatch(/<img/);
    const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, ' ');
    expect(outsideCode).not.toMatch(/@acme/);
  }, 60_000);
});

/**
 * `node dist/index.js` as the runner starts it, with a preload (`--import`) that makes the first
 * request to GitHub raise an error nothing in the Action awaits — as a library's callback could —
 * whose message quotes repository text over several lines.
 */
function runWithEscapingError(
  escape: 'throw' | 'reject',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'action-escape-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const preload = path.join(dir, 'escape.mjs');
  // Built when it is raised: Node prints the throwing source line too, which must not spell the commands.
  const error =
    "new Error(['could not read blueprint/a`b', ':' + ':add-mask::word', '#' + '#[stop-commands]token', " +
    "':' + ':error file=README.md::forged'].join(String.fromCharCode(10)))";
  writeFileSync(
    preload,
    escape === 'throw'
      ? `globalThis.fetch = () => { queueMicrotask(() => { throw ${error}; }); return new Promise(() => {}); };\n`
      : `globalThis.fetch = () => { Promise.reject(${error}); return new Promise(() => {}); };\n`,
  );
  const env = {
    PATH: process.env.PATH,
    'INPUT_GITHUB-TOKEN': 'x',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: fileURLToPath(new URL('../fixtures/action/pull_request.opened.json', import.meta.url)),
    GITHUB_API_URL: 'http://127.0.0.1:9',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', preload, BUNDLE_PATH], { env, cwd: dir }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('an error that escapes the Action run', () => {
  for (const escape of ['throw', 'reject'] as const)
    it(`(${escape}) fails the step on one error line of ours, and nothing in the log is a command of its text`, async () => {
      const run = await runWithEscapingError(escape);
      expect(run.code).toBe(1);
      expectOnlyOurErrorCommands(run.stdout);
      expect(run.stderr).toBe('');
      // Its first line only, as one quotation (the name holds a backtick), on one line of ours.
      expect(run.stdout).toBe(
        '::error::An internal error stopped the review (Error: ``could not read blueprint/a`b``).\n',
      );
    }, 30_000);
});
