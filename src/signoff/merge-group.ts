/**
 * Merge queues. With a queue on the protected branch, GitHub merges a *merge group*: a temporary
 * branch `gh-readonly-queue/<base>/pr-<N>-<sha>` holding the base, the pull requests ahead in the
 * queue and pull request N, built on the previous entry (`base_sha`). Branch protection requires the
 * same checks there as on pull requests, so the app must report `Blueprint review: <base>` and
 * `Blueprint sign-off: <base>` on the group's head, or the queue never merges.
 *
 * A group check passes only when (fail closed, each condition says why it failed and how to recover):
 * - the branch names a pull request into the group's base, and that pull request is open;
 * - the group merges exactly that pull request's head content: every path the group changes (from
 *   `base_sha`, read from both trees) and every path the pull request changes has the same blob and
 *   mode at the group's head as at the pull request's head — the content the check judged (as invariant 2 binds approvals to content).
 *   A head that moved on after the group was built, or a merge that combined the pull request's
 *   version of a file with the base's, is not what was judged;
 * - this app's own check of that name (never another app's or a workflow's) passed on that head;
 * - the commit the group is built on (`base_sha`) is on the base branch, or is the head of the group
 *   ahead in the queue and this app's check of that name passed there. A group holds the pull
 *   requests ahead of it too, and GitHub merges them all on the last group's checks alone when the
 *   queue's "Only merge non-failing pull requests" is off — so a group vouches for the chain it is
 *   built on, each link judged by its own group, never for content no check passed.
 * The `<sha>` in the branch name is not documented as the pull request's head (in the branches seen
 * it is the group's base commit), so it is never trusted: the head is read from the pull request
 * itself and bound by content.
 */
import { markdownCode, markdownParagraphs } from '../core/inert-text.js';

/** What a `merge_group` delivery says about the group, as far as it is read. */
export interface MergeGroupEvent {
  headSha: string;
  /** `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>`. */
  headRef: string;
  /** The commit the group is built on: the base branch's tip, or the group of the entry ahead. */
  baseSha: string;
  /** `refs/heads/<base>`. */
  baseRef: string;
}

/** The queue entry a group's branch names, or why it names none the app can trust. */
export type QueueEntry =
  { kind: 'entry'; base: string; pullNumber: number } | { kind: 'unreadable'; reason: string };

const BRANCH_PREFIX = 'refs/heads/';
const QUEUE_PREFIX = `${BRANCH_PREFIX}gh-readonly-queue/`;
const ENTRY = /^pr-([1-9][0-9]{0,15})-[0-9a-f]{40}$/;
const SHA = /^[0-9a-f]{40}$/;

/** The base branch a group is for (`main` of `refs/heads/main`), or undefined when it names none. */
export function groupBase(group: Pick<MergeGroupEvent, 'baseRef'>): string | undefined {
  const base = group.baseRef.startsWith(BRANCH_PREFIX) ? group.baseRef.slice(BRANCH_PREFIX.length) : '';
  return base === '' ? undefined : base;
}

/** Reads `gh-readonly-queue/<base>/pr-<N>-<sha>`; the base in the name must be the group's base. */
export function queueEntryOf(group: MergeGroupEvent): QueueEntry {
  const base = groupBase(group);
  if (base === undefined)
    return {
      kind: 'unreadable',
      reason: `The merge group's base ${markdownCode(group.baseRef)} is not a branch.`,
    };
  if (!SHA.test(group.headSha) || !SHA.test(group.baseSha))
    return { kind: 'unreadable', reason: 'The merge group event does not name its head and base commits.' };
  const pullNumber = queuedPullNumber(group.headRef, base);
  if (pullNumber === undefined)
    return {
      kind: 'unreadable',
      reason: `The merge group's branch ${markdownCode(group.headRef)} is not a merge queue branch for ${markdownCode(base)} (\`gh-readonly-queue/<base>/pr-<number>-<commit>\`): it names no pull request whose checks could vouch for it.`,
    };
  return { kind: 'entry', base, pullNumber };
}

const QUEUE_BRANCH = /^gh-readonly-queue\/(.+)\/pr-[1-9][0-9]{0,15}-([0-9a-f]{40})$/;

/**
 * The group a queue branch (`gh-readonly-queue/<base>/pr-<N>-<sha>`, with or without `refs/heads/`)
 * at commit `headSha` holds, as far as its name tells: for a group no `merge_group` delivery describes
 * (a re-run of its check, one to check again once the group ahead has its verdict). The commit in the
 * name is taken for the group's base — undocumented, seen so — which no verdict rests on: what the
 * group changes is read from both trees, and a group passes only when that commit is on the base
 * branch or passed as the group ahead (`groupVerdict`). A wrong one fails the group, never passes it.
 */
export function groupOfQueueBranch(branch: string, headSha: string): MergeGroupEvent | undefined {
  const name = branch.startsWith(BRANCH_PREFIX) ? branch.slice(BRANCH_PREFIX.length) : branch;
  const match = QUEUE_BRANCH.exec(name);
  if (!match || !SHA.test(headSha)) return undefined;
  return {
    headSha,
    headRef: `${BRANCH_PREFIX}${name}`,
    baseSha: match[2]!,
    baseRef: `${BRANCH_PREFIX}${match[1]!}`,
  };
}

/** The pull request a queue branch `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>` names, if any. */
export function queuedPullNumber(ref: string, base: string): number | undefined {
  const prefix = `${QUEUE_PREFIX}${base}/`;
  const entry = ref.startsWith(prefix) ? ENTRY.exec(ref.slice(prefix.length)) : null;
  const pullNumber = entry ? Number(entry[1]) : NaN;
  return Number.isSafeInteger(pullNumber) ? pullNumber : undefined;
}

/** A path changed, as a pull request's file list names it. */
export interface ChangedPath {
  path: string;
  /** The path before a rename (its old place changed too). */
  previousPath?: string;
}

/**
 * Every path whose entry differs between two trees (each entry's mode and object by path, absent where
 * the path does not exist): what a group changes from the commit it is built on, read from both
 * trees. Exact whatever the number of files (GitHub's comparison lists at most 300) and whatever the
 * history between the two commits.
 */
export function treeChanges(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): ChangedPath[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).map((path) => ({ path }));
}

/**
 * Paths whose content at the group's head differs from the pull request's head (an entry's mode and
 * object SHA by path — a file become a symlink keeps its blob — absent when the path does not exist
 * there), among every path either one changes: sorted, each once.
 */
export function contentDifferences(
  changed: readonly ChangedPath[],
  groupHead: ReadonlyMap<string, string>,
  pullHead: ReadonlyMap<string, string>,
): string[] {
  const paths = new Set(changed.flatMap((c) => (c.previousPath ? [c.path, c.previousPath] : [c.path])));
  return [...paths].filter((p) => groupHead.get(p) !== pullHead.get(p)).sort();
}

/** The app's own check run of a name on the pull request's head, as far as a group's verdict reads it. */
export interface OwnRun {
  status: string;
  conclusion: string | null;
  /** A verdict written under another config of the base than it has now: it vouches for nothing. */
  outdated?: true;
}

/** What was found about a group, from which each check's verdict follows. */
export type GroupFacts =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'not-open'; pullNumber: number; state: string }
  | { kind: 'other-base'; pullNumber: number; base: string; pullBase: string }
  /** `reason`: plain text, which may quote repository text (a branch name in a failed request). */
  | { kind: 'unverifiable'; pullNumber: number; reason: string }
  | { kind: 'content-differs'; pullNumber: number; headSha: string; paths: string[] }
  | {
      kind: 'same-content';
      pullNumber: number;
      headSha: string;
      runs: ReadonlyMap<string, OwnRun>;
      parent: GroupParent;
    };

/**
 * The commit a group is built on: on the base branch (judged when it landed), or the head of the
 * group ahead in the queue, with this app's own check runs there by name.
 */
export type GroupParent =
  { kind: 'on-branch' } | { kind: 'group'; sha: string; runs: ReadonlyMap<string, OwnRun> };

function passed(run: OwnRun | undefined): boolean {
  return run?.status === 'completed' && run.conclusion === 'success' && !run.outdated;
}

/**
 * The check `name` waits on the group ahead: it passed on the pull request, and the group it is built
 * on has no verdict of that name yet (its job is still running). The job tries again later rather
 * than fail a group that may well pass.
 */
export function awaitsGroupAhead(name: string, facts: GroupFacts): boolean {
  if (facts.kind !== 'same-content' || facts.parent.kind !== 'group') return false;
  if (!passed(facts.runs.get(name))) return false;
  return facts.parent.runs.get(name)?.status !== 'completed';
}

/**
 * What a group check shows while the group ahead has no verdict of that name: in progress, which
 * holds the queue (a required check that does not pass blocks). The group is checked again when the
 * group ahead gets its verdict; if it never does, the queue's own timeout for checks fails the group.
 */
export function waitingOutput(name: string, facts: GroupFacts): { title: string; summary: string } {
  const ahead = facts.kind === 'same-content' && facts.parent.kind === 'group' ? facts.parent.sha : '';
  return {
    title: 'Waiting for the group ahead',
    summary: `${markdownCode(name)} passed on the pull request this merge group merges, but the group is built on ${ahead.slice(0, 7)}, the group ahead of it in the queue, which has no verdict of ${markdownCode(name)} yet. This group holds that group's changes, so it passes only if that one does: it is checked again as soon as that group's check is written.\n`,
  };
}

/** A group check's verdict: never neutral or skipped (a required check that does not pass blocks). */
export interface GroupVerdict {
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
}

const SHOWN_PATHS = 20;

const REQUEUE =
  'Remove the pull request from the merge queue if it is still there, and queue it again once the checks pass on it.';

/** The verdict for the check `name` (e.g. `Blueprint sign-off: main`) on the group. */
export function groupVerdict(name: string, facts: GroupFacts): GroupVerdict {
  const check = markdownCode(name);
  switch (facts.kind) {
    case 'unreadable':
      return failed('Not a merge group the app can vouch for', `${facts.reason}\n\n${REQUEUE}`);
    case 'not-open':
      return failed(
        `#${facts.pullNumber} is ${facts.state}`,
        `Pull request #${facts.pullNumber}, which this merge group merges, is ${markdownCode(facts.state)}: nothing vouches for the group.\n\n${REQUEUE}`,
      );
    case 'other-base':
      return failed(
        `#${facts.pullNumber} targets another branch`,
        `Pull request #${facts.pullNumber} now targets ${markdownCode(facts.pullBase)}, not ${markdownCode(facts.base)}: its checks were judged under another branch's config, which never vouches for this one.\n\n${REQUEUE}`,
      );
    case 'unverifiable':
      return failed(
        `Cannot tell what the group merges of #${facts.pullNumber}`,
        `The app could not compare this merge group with pull request #${facts.pullNumber}: ${markdownParagraphs(facts.reason)}\n\nWithout that comparison the group does not pass. ${REQUEUE}`,
      );
    case 'content-differs':
      return contentDiffers(facts, check);
    case 'same-content':
      return sameContent(name, facts);
  }
}

/** The group merges other content than the head the check judged: what differs, and how to recover. */
function contentDiffers(
  facts: Extract<GroupFacts, { kind: 'content-differs' }>,
  check: string,
): GroupVerdict {
  const shown = facts.paths.slice(0, SHOWN_PATHS).map((p) => `- ${markdownCode(p)}`);
  const more = facts.paths.length - shown.length;
  return failed(
    `The group does not merge #${facts.pullNumber} as checked`,
    `This merge group's content differs from pull request #${facts.pullNumber}'s head ${facts.headSha.slice(0, 7)}, which is what ${check} judged, in:\n\n${shown.join('\n')}${more > 0 ? `\n- … and ${more} more` : ''}\n\nEither the pull request moved on after it was queued, or the queue merged it onto a base that changed the same files, so what would be merged was never checked. Update the pull request's branch (bring the base into it), let the checks pass on its new head, then queue it again.`,
  );
}

/** The group merges the head's content: it passes where the check passed there (and on the group ahead). */
function sameContent(name: string, facts: Extract<GroupFacts, { kind: 'same-content' }>): GroupVerdict {
  const check = markdownCode(name);
  const run = facts.runs.get(name);
  const short = facts.headSha.slice(0, 7);
  if (passed(run)) {
    const { parent } = facts;
    if (parent.kind === 'group' && !passed(parent.runs.get(name))) {
      const state = runState(parent.runs.get(name), 'has no verdict');
      return failed(
        'The group ahead does not pass',
        `${check} passed on pull request #${facts.pullNumber} at ${short}, but this merge group is built on ${parent.sha.slice(0, 7)}, the group ahead of it in the queue, where ${check} ${state}. This group holds that group's changes too, and would merge them on its own checks, so it does not pass either.\n\n${REQUEUE}`,
      );
    }
    return {
      conclusion: 'success',
      title: `Passed on #${facts.pullNumber}`,
      summary: `${check} passed on pull request #${facts.pullNumber} at ${short}, and this merge group merges exactly that commit's content${parent.kind === 'group' ? `, on top of the group ahead of it in the queue (${parent.sha.slice(0, 7)}), where ${check} passed too` : ' onto the base branch'}.\n`,
    };
  }
  const state = runState(run, 'has not run');
  return failed(
    `Not passed on #${facts.pullNumber}`,
    `${check} ${state} on pull request #${facts.pullNumber} at ${short}, so this merge group, which merges that commit, does not pass either (only this app's own check counts).\n\n${REQUEUE}`,
  );
}

/**
 * The check `name` passed on pull request `pullNumber` when the group was checked and does not any
 * more: the group's success, given on its word, is withdrawn — from the pull request's own groups and
 * from the groups built on them (`behind`), which hold its changes and vouched for them.
 */
export function withdrawnVerdict(name: string, pullNumber: number, behind = false): GroupVerdict {
  if (behind)
    return failed(
      `#${pullNumber} ahead no longer passes`,
      `This group is built on a merge group of pull request #${pullNumber}, ahead of it in the queue, and holds its changes; ${markdownCode(name)} passed on #${pullNumber} when this group was checked, and does not any more, so this group does not pass either.\n\n${REQUEUE}`,
    );
  return failed(
    `No longer passes on #${pullNumber}`,
    `${markdownCode(name)} passed on pull request #${pullNumber} when this group was checked, and does not any more, so this group does not pass either.\n\nOnce the check passes on the pull request again, queue it again.`,
  );
}

/** Where a run that did not pass stands, in words (`absent` when there is none). */
function runState(run: OwnRun | undefined, absent: string): string {
  if (!run) return absent;
  if (run.outdated)
    return 'passed under another configuration of the base branch than it has now (the pull request is reviewed and its sign-off evaluated again under it; re-run the check on the pull request if that does not happen)';
  if (run.status !== 'completed') return `is ${markdownCode(run.status)}`;
  return `concluded ${markdownCode(run.conclusion ?? 'without a conclusion')}`;
}

function failed(title: string, body: string): GroupVerdict {
  return { conclusion: 'failure', title, summary: `**This merge group does not pass.** ${body}\n` };
}
