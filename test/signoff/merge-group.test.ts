/**
 * Merge groups, the pure part: which pull request a group's branch names (only one GitHub could have
 * made for the group's base), which paths the group merges differently from the pull request's head,
 * and the verdict of each check — never a pass on anything but this app's own passed check.
 */
import { describe, expect, it } from 'vitest';
import type { GroupFacts, GroupParent, MergeGroupEvent, OwnRun } from '../../src/signoff/merge-group.js';
import {
  awaitsGroupAhead,
  contentDifferences,
  groupOfQueueBranch,
  groupVerdict,
  queueEntryOf,
  treeChanges,
} from '../../src/signoff/merge-group.js';

const BASE_SHA = '9'.repeat(40);
const group = (headRef: string, baseRef = 'refs/heads/main'): MergeGroupEvent => ({
  headSha: 'f'.repeat(40),
  headRef,
  baseSha: BASE_SHA,
  baseRef,
});

describe('queueEntryOf', () => {
  it('reads the pull request and the base, also a base with slashes', () => {
    expect(queueEntryOf(group(`refs/heads/gh-readonly-queue/main/pr-104-${BASE_SHA}`))).toEqual({
      kind: 'entry',
      base: 'main',
      pullNumber: 104,
    });
    expect(
      queueEntryOf(
        group(`refs/heads/gh-readonly-queue/release/2.x/pr-9-${BASE_SHA}`, 'refs/heads/release/2.x'),
      ),
    ).toEqual({ kind: 'entry', base: 'release/2.x', pullNumber: 9 });
  });

  it.each([
    ['a branch that is not a queue branch', `refs/heads/feature/pr-104-${BASE_SHA}`],
    ['a queue branch of another base', `refs/heads/gh-readonly-queue/lax/pr-104-${BASE_SHA}`],
    ['a base that only starts like the group base', `refs/heads/gh-readonly-queue/main-2/pr-104-${BASE_SHA}`],
    ['no pull request number', `refs/heads/gh-readonly-queue/main/pr--${BASE_SHA}`],
    ['a number with a leading zero', `refs/heads/gh-readonly-queue/main/pr-0104-${BASE_SHA}`],
    ['an abbreviated commit', 'refs/heads/gh-readonly-queue/main/pr-104-9999999'],
    ['something after the commit', `refs/heads/gh-readonly-queue/main/pr-104-${BASE_SHA}/x`],
    ['an empty ref', ''],
  ])('refuses %s, saying why', (_case, headRef) => {
    const entry = queueEntryOf(group(headRef));
    expect(entry.kind).toBe('unreadable');
    expect(entry.kind === 'unreadable' && entry.reason).toContain('names no pull request');
  });

  it('refuses a base that is not a branch and a group without its commits', () => {
    expect(
      queueEntryOf(group(`refs/heads/gh-readonly-queue/main/pr-1-${BASE_SHA}`, 'refs/tags/main')).kind,
    ).toBe('unreadable');
    const noBase = { ...group(`refs/heads/gh-readonly-queue/main/pr-1-${BASE_SHA}`), baseSha: '' };
    expect(queueEntryOf(noBase)).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('commits'),
    });
  });
});

describe('groupOfQueueBranch', () => {
  const HEAD = 'f'.repeat(40);

  it('reads the group a queue branch holds, with or without refs/heads/, also a base with slashes', () => {
    const expected = {
      headSha: HEAD,
      headRef: `refs/heads/gh-readonly-queue/release/2.x/pr-9-${BASE_SHA}`,
      baseSha: BASE_SHA,
      baseRef: 'refs/heads/release/2.x',
    };
    expect(groupOfQueueBranch(`gh-readonly-queue/release/2.x/pr-9-${BASE_SHA}`, HEAD)).toEqual(expected);
    expect(groupOfQueueBranch(`refs/heads/gh-readonly-queue/release/2.x/pr-9-${BASE_SHA}`, HEAD)).toEqual(
      expected,
    );
    // What it reads is what a merge_group delivery would say: queueEntryOf accepts it.
    expect(queueEntryOf(expected)).toEqual({ kind: 'entry', base: 'release/2.x', pullNumber: 9 });
  });

  it.each([
    ['a pull request branch', 'feature/pr-9-' + BASE_SHA, HEAD],
    ['no base', `gh-readonly-queue/pr-9-${BASE_SHA}`, HEAD],
    ['an abbreviated commit', 'gh-readonly-queue/main/pr-9-9999999', HEAD],
    ['a head that is not a commit', `gh-readonly-queue/main/pr-9-${BASE_SHA}`, 'main'],
    ['no branch at all (a tag, a detached commit)', '', HEAD],
  ])('reads no group from %s', (_case, branch, head) => {
    expect(groupOfQueueBranch(branch, head)).toBeUndefined();
  });
});

describe('treeChanges', () => {
  const entries = (e: Record<string, string>) => new Map(Object.entries(e));

  it('names every path added, removed, or whose mode or object changed — and no other', () => {
    const before = entries({ kept: '100644 a', edited: '100644 b', moded: '100644 c', gone: '100644 d' });
    const after = entries({ kept: '100644 a', edited: '100644 x', moded: '120000 c', added: '100644 e' });
    expect(
      treeChanges(before, after)
        .map((c) => c.path)
        .sort(),
    ).toEqual(['added', 'edited', 'gone', 'moded']);
  });

  it('has no cap on how many paths it names (GitHub compares at most 300 files)', () => {
    const many = (object: string) =>
      new Map(Array.from({ length: 1_000 }, (_, i) => [`f${i}`, `100644 ${object}`] as const));
    expect(treeChanges(many('a'), many('b'))).toHaveLength(1_000);
  });
});

describe('contentDifferences', () => {
  const blobs = (entries: Record<string, string>) => new Map(Object.entries(entries));

  it('names each path either side changes whose blob differs, once, sorted', () => {
    const changed = [{ path: 'b.yaml' }, { path: 'a.yaml' }, { path: 'b.yaml' }, { path: 'same.yaml' }];
    expect(
      contentDifferences(
        changed,
        blobs({ 'a.yaml': '1', 'b.yaml': '2', 'same.yaml': '3' }),
        blobs({ 'a.yaml': '9', 'b.yaml': '8', 'same.yaml': '3' }),
      ),
    ).toEqual(['a.yaml', 'b.yaml']);
  });

  it('counts a file present on one side only, and the old place of a rename', () => {
    expect(contentDifferences([{ path: 'gone.yaml' }], blobs({}), blobs({ 'gone.yaml': '1' }))).toEqual([
      'gone.yaml',
    ]);
    expect(
      contentDifferences(
        [{ path: 'new.yaml', previousPath: 'old.yaml' }],
        blobs({ 'new.yaml': '1' }),
        blobs({ 'new.yaml': '1', 'old.yaml': '2' }),
      ),
    ).toEqual(['old.yaml']);
    expect(contentDifferences([{ path: 'both-gone.yaml' }], blobs({}), blobs({}))).toEqual([]);
  });
});

describe('groupVerdict', () => {
  const name = 'Blueprint sign-off: main';
  const sameContent = (run?: OwnRun, parent: GroupParent = { kind: 'on-branch' }) =>
    groupVerdict(name, sameContentFacts(run, parent));
  const sameContentFacts = (run?: OwnRun, parent: GroupParent = { kind: 'on-branch' }): GroupFacts => ({
    kind: 'same-content',
    pullNumber: 7,
    headSha: 'a'.repeat(40),
    runs: new Map(run ? [[name, run]] : []),
    parent,
  });
  const PASSED: OwnRun = { status: 'completed', conclusion: 'success' };
  const ahead = (run?: OwnRun): GroupParent => ({
    kind: 'group',
    sha: 'e'.repeat(40),
    runs: new Map(run ? [[name, run]] : []),
  });

  it('passes on a group ahead in the queue only where the same check passed on that group', () => {
    // Built on the group ahead, this group holds its changes: with "Only merge non-failing pull
    // requests" off GitHub merges them on this group's checks alone.
    expect(sameContent(PASSED, ahead(PASSED))).toMatchObject({ conclusion: 'success' });
    expect(sameContent(PASSED, ahead(PASSED)).summary).toContain('group ahead of it in the queue (eeeeeee)');
    for (const run of [
      { status: 'completed', conclusion: 'failure' },
      { status: 'completed', conclusion: 'neutral' },
    ]) {
      const verdict = sameContent(PASSED, ahead(run));
      expect(verdict).toMatchObject({ conclusion: 'failure', title: 'The group ahead does not pass' });
      expect(verdict.summary).toContain(`concluded \`${run.conclusion}\``);
      expect(verdict.summary).toMatch(/queue it again/);
    }
    // No verdict there yet: the job waits (tries again) rather than write one; written anyway, it fails.
    for (const run of [undefined, { status: 'in_progress', conclusion: null }]) {
      expect(awaitsGroupAhead(name, sameContentFacts(PASSED, ahead(run)))).toBe(true);
      expect(sameContent(PASSED, ahead(run)).conclusion).toBe('failure');
    }
    // Nothing to wait for when the pull request's own check did not pass, or the parent is on the branch.
    expect(awaitsGroupAhead(name, sameContentFacts(undefined, ahead()))).toBe(false);
    expect(
      awaitsGroupAhead(name, sameContentFacts({ status: 'completed', conclusion: 'failure' }, ahead())),
    ).toBe(false);
    expect(awaitsGroupAhead(name, sameContentFacts(PASSED))).toBe(false);
    expect(awaitsGroupAhead(name, sameContentFacts(PASSED, ahead(PASSED)))).toBe(false);
  });

  it('passes only on a completed, successful run of the same name', () => {
    expect(sameContent({ status: 'completed', conclusion: 'success' }).conclusion).toBe('success');
    for (const run of [
      undefined,
      { status: 'in_progress', conclusion: null },
      { status: 'completed', conclusion: 'neutral' },
      { status: 'completed', conclusion: 'skipped' },
      { status: 'completed', conclusion: 'failure' },
    ])
      expect(sameContent(run).conclusion).toBe('failure');
  });

  it('says what to do in every state that does not pass, and keeps repository text inert', () => {
    const verdicts = [
      groupVerdict(name, { kind: 'unreadable', reason: 'x' }),
      groupVerdict(name, { kind: 'not-open', pullNumber: 7, state: 'closed' }),
      groupVerdict(name, { kind: 'other-base', pullNumber: 7, base: 'main', pullBase: 'lax' }),
      groupVerdict(name, { kind: 'unverifiable', pullNumber: 7, reason: 'y' }),
      sameContent(undefined),
    ];
    for (const v of verdicts) {
      expect(v.conclusion).toBe('failure');
      expect(v.summary).toMatch(/queue it again/);
    }
    // A failed request's message may quote a branch name: it is rendered inert too.
    const failedRead = groupVerdict(name, {
      kind: 'unverifiable',
      pullNumber: 7,
      reason: 'GitHub could not find the branch @admins <b>x</b> now',
    });
    expect(failedRead.summary).toContain('the branch `@admins` \\<b\\>x\\</b\\> now');
    const hostile = groupVerdict(name, {
      kind: 'content-differs',
      pullNumber: 7,
      headSha: 'a'.repeat(40),
      paths: ['@admins <img src=x>`.yaml'],
    });
    // In a code span whose fence is longer than any backtick run inside: nothing mentions or renders.
    expect(hostile.summary).toContain('- ``@admins <img src=x>`.yaml``');
  });

  it('lists at most 20 differing paths and counts the rest', () => {
    const paths = Array.from({ length: 25 }, (_, i) => `f${i}.yaml`);
    const v = groupVerdict(name, { kind: 'content-differs', pullNumber: 7, headSha: 'a'.repeat(40), paths });
    expect(v.summary).toContain('… and 5 more');
    expect(v.summary).not.toContain('f20.yaml');
  });
});
