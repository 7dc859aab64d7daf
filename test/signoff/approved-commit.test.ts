/**
 * Invariant 2 through the app, against trees as GitHub lists them: an approval given on an older
 * commit counts only when that commit's blueprint files equal the head's — same paths, same bytes,
 * same modes. A rename or a regular file turned into a symbolic link (the same blob, mode 120000)
 * since the approval is a change the approver never saw.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADD_FIELD, BASE_FILES, edit } from './fixtures.js';
import type { Harness, HarnessOptions } from './support/signoff-app.js';
import { approveCommit, harness, reviewEvent, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const POLICIES = 'blueprint/policies/security.yaml';

type IndexEdit = (git: (...args: string[]) => string) => void;

/** A commit on top of the head whose tree is the head's with `change` applied to its index. */
function commitFromHead(h: Harness, change: IndexEdit): string {
  const dir = h.gh.repo.dir;
  const env = { ...process.env, GIT_INDEX_FILE: `${dir}/.git/approval-index` };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  git('read-tree', h.headSha);
  change(git);
  const tree = git('write-tree');
  const who = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com'];
  return git(...who, 'commit-tree', tree, '-p', h.headSha, '-m', 'approved');
}

/** The blob and mode of `path` in the index. */
function entryOf(git: (...args: string[]) => string, path: string): { mode: string; blob: string } {
  const [mode, blob] = git('ls-files', '-s', '--', path).split(/\s+/) as [string, string];
  return { mode, blob };
}

// The approved commit has no README.md, which is no blueprint file: nothing the approver saw differs.
const readmeEdited: IndexEdit = (git) => void git('update-index', '--force-remove', 'README.md');
const renamed: IndexEdit = (git) => {
  const { mode, blob } = entryOf(git, POLICIES);
  git('update-index', '--force-remove', POLICIES);
  git('update-index', '--add', '--cacheinfo', `${mode},${blob},blueprint/policies/old-security.yaml`);
};
const symlinked: IndexEdit = (git) => {
  const { blob } = entryOf(git, POLICIES);
  git('update-index', '--cacheinfo', `120000,${blob},${POLICIES}`);
};

/** olivia (of the owning team) approves commit `sha`, not the head; the sign-off is evaluated. */
async function approvedAt(change: IndexEdit, options: HarnessOptions = {}) {
  const h = await harness({}, options);
  const approved = commitFromHead(h, change);
  h.gh.serveTree(approved);
  approveCommit(h, 'olivia', 1, approved);
  await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
  await h.idle();
  return { run: signoffRuns(h).at(-1)!, approved };
}

describe('an approval given on an older commit', () => {
  it('counts when its blueprint files equal the head’s (a file outside them differs)', async () => {
    const { run } = await approvedAt(readmeEdited);
    expect(run).toMatchObject({ conclusion: 'success' });
  });

  it('does not count when a blueprint file was renamed since', async () => {
    const { run, approved } = await approvedAt(renamed);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run.output!.summary).toContain(
      `approval on \`${approved.slice(0, 7)}\` does not count: the blueprint changed after it`,
    );
  });

  it('does not count when a blueprint file was a symbolic link with the same bytes (its mode differs)', async () => {
    const { run, approved } = await approvedAt(symlinked);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run.output!.summary).toContain(
      `approval on \`${approved.slice(0, 7)}\` does not count: the blueprint changed after it`,
    );
  });
});

const CHANGE_RECORD = 'changes/cr-42.md';

/** The orders contract changed, linking a change record kept outside the blueprint folder. */
const LINKS_CHANGE_RECORD: HarnessOptions = {
  head: {
    ...edit(edit(BASE_FILES, 'blueprint/contracts/orders.yaml', [ADD_FIELD]), 'blueprint/blueprint.yaml', [
      ['    consumers: [billing]\n', '    consumers: [billing]\n    changeRecord: ../changes/cr-42.md\n'],
    ]),
    [CHANGE_RECORD]: 'Billing agreed to read the new currency field from 2025-02-01.\n',
  },
};

/** The approved commit's change record said something else than the head's does. */
const changeRecordRewritten: IndexEdit = (git) => {
  const { mode } = entryOf(git, CHANGE_RECORD);
  // Kept in the harness's repository, removed with it.
  const text = path.join(git('rev-parse', '--absolute-git-dir'), 'rewritten-cr-42.md');
  writeFileSync(text, 'Billing was asked and said no.\n');
  const blob = git('hash-object', '-w', text);
  git('update-index', '--cacheinfo', `${mode},${blob},${CHANGE_RECORD}`);
};

/**
 * The change record a contract links (`changeRecord`) is what its approvers read to agree to the
 * change, wherever in the repository it is kept: rewritten after an approval, it is a change the
 * approver never saw, as a blueprint file would be.
 */
describe('an approval given before the change record it read was rewritten', () => {
  it('does not count, with the change record outside the blueprint folder', async () => {
    const { run, approved } = await approvedAt(changeRecordRewritten, LINKS_CHANGE_RECORD);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run.output!.summary).toContain(
      `approval on \`${approved.slice(0, 7)}\` does not count: the blueprint changed after it`,
    );
  });

  it('still counts when a file no blueprint links differs', async () => {
    const { run } = await approvedAt(readmeEdited, LINKS_CHANGE_RECORD);
    expect(run).toMatchObject({ conclusion: 'success' });
  });
});
