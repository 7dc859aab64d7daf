/**
 * The Probot app with the sign-off gate, against `SignoffGitHub` (nock, network disabled): a harness
 * per test, deliveries of real webhook payloads, and helpers to change GitHub's state between them.
 * Call `useSignoffApp()` at the top of a test file: it registers the hooks that create the test key,
 * disable the network and check, after each test, that no request went unanswered.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { Probot } from 'probot';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createBlueprintReviewApp } from '../../../src/app/index.js';
import type { AppOptions } from '../../../src/app/runtime.js';
import { DEFAULT_RETRY } from '../../../src/app/queue.js';
import type { BlueprintReviewApp } from '../../../src/app/index.js';
import { APP_ID, payload, testPrivateKey } from '../../app/support/fake-github.js';
import { basisLine } from '../../app/support/review-basis.js';
import { commitAll, twoCommitRepo } from '../../app/support/git-repo.js';
import type { Submodules, TwoCommitRepo } from '../../app/support/git-repo.js';
import { ADD_FIELD, BASE_FILES, edit } from '../fixtures.js';
import type { Files } from '../fixtures.js';
import { serializePushes } from '../../../src/signoff/pushes.js';
import type { CheckRunState, GitHubState, ReviewState } from './signoff-github.js';
import { SignoffGitHub } from './signoff-github.js';
import { testProbot } from '../../app/support/test-probot.js';
import { account } from '../../app/support/accounts.js';

export const BOT = 'blueprint-review[bot]';
let privateKey: string | undefined;

export interface Harness {
  gh: SignoffGitHub;
  app: BlueprintReviewApp;
  probot: Probot;
  headSha: string;
  deliver(name: string, body: Record<string, unknown>): Promise<void>;
  idle(): Promise<void>;
}

const open: Harness[] = [];

export function useSignoffApp(): void {
  beforeAll(() => {
    privateKey ??= testPrivateKey();
  });
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    for (const h of open.splice(0)) {
      expect(h.gh.unmatched).toEqual([]);
      h.gh.dispose();
      h.gh.repo.remove();
    }
    nock.enableNetConnect();
  });
}

export const TEAMS = {
  orders: ['olivia', 'oscar'],
  billing: ['bill'],
  security: ['sam'],
  'integration-platform': ['ivy'],
  'architecture-board': ['ada', 'alan'],
};

export interface HarnessOptions {
  /** The files of the merge base (default: BASE_FILES). */
  base?: Files;
  /** The PR's head files (default: a non-breaking change to the orders contract). */
  head?: Files;
  /**
   * Who opened the pull request with its head, as the `opened` delivery recorded it on a queued
   * sign-off run (default: the author); null: the app never saw who pushed the head.
   */
  openedBy?: string | null;
  app?: AppOptions;
  /** The base branch's files now, when it moved on since the head branched off (a commit of its own). */
  baseTip?: Files;
  /** Files that commit deletes. */
  baseTipRemoves?: string[];
  /** Symbolic links the head commits (path → target), replacing any file at that path. */
  headLinks?: Record<string, string>;
  /** Symbolic links the merge base holds (path → target); the head keeps them unless `headLinks` retargets one. */
  baseLinks?: Record<string, string>;
  /** Submodules of the merge base and the head (path → the commit each names). */
  submodules?: Submodules;
}

export async function harness(
  state: Partial<GitHubState> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const repo = twoCommitRepo(
    options.base ?? BASE_FILES,
    options.head ?? edit(BASE_FILES, 'blueprint/contracts/orders.yaml', [ADD_FIELD]),
    options.headLinks,
    options.baseLinks,
    options.submodules,
  );
  const baseTipSha = options.baseTip
    ? commitOn(repo, 'main-now', options.baseTip, options.baseTipRemoves)
    : undefined;
  const gh = new SignoffGitHub(repo, {
    ...(baseTipSha ? { baseTipSha } : {}),
    author: 'mallory',
    labels: [],
    reviews: [],
    teams: TEAMS,
    failingTeams: [],
    checkRuns: [
      {
        id: 1,
        name: 'Blueprint review: main',
        head_sha: repo.headSha,
        status: 'completed',
        conclusion: 'success',
        // Computed under main's config (as the state below gives it): it stands for its head.
        output: {
          title: 'Blueprint review',
          summary: await basisLine('config' in state ? state.config : 'signoff: {}\n'),
        },
      },
    ],
    requested: { users: [], teams: [] },
    events: [],
    config: 'signoff: {}\n',
    ...state,
  });
  // Who opened the pull request, as the app recorded it on one of its runs on the head (any run
  // counts: the review's keeps the tests' write sequences short).
  const openedBy = options.openedBy === undefined ? gh.state.author : options.openedBy;
  const reviewRun = gh.state.checkRuns.find((r) => r.head_sha === repo.headSha && (r.app?.id ?? 1) === 1);
  if (openedBy !== null && reviewRun) reviewRun.external_id = openedRun(repo.headSha, openedBy).external_id;
  else if (openedBy !== null) gh.state.checkRuns.unshift(openedRun(repo.headSha, openedBy));
  await gh.install();
  // The head the deliveries' pushes follow is no commit of the repository: asked whether a push on
  // it added nothing of its own (a reviewer's), GitHub answers as for a commit it no longer serves.
  gh.serveNoTree(OPENED_AT);
  // As many attempts as in production, without its seconds of real waiting between them.
  const app = createBlueprintReviewApp({
    botLogin: BOT,
    appId: APP_ID,
    retry: { ...DEFAULT_RETRY, backoffMs: 1 },
    ...options.app,
  });
  const probot = testProbot({ privateKey: privateKey! });
  await probot.load(app.app);
  const h: Harness = {
    gh,
    app,
    probot,
    headSha: repo.headSha,
    deliver: (name, body) => probot.receive({ id: randomUUID(), name, payload: body } as never),
    idle: () => app.runtime()!.queue.idle(),
  };
  open.push(h);
  return h;
}

/** A commit with `files` (and without `removes`) on a new branch from the repository's base commit. */
export function commitOn(repo: TwoCommitRepo, branch: string, files: Files, removes: string[] = []): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8' });
  git('checkout', '-q', '-b', branch, repo.baseSha);
  for (const file of removes) git('rm', '-q', file);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo.dir, file)), { recursive: true });
    writeFileSync(path.join(repo.dir, file), text);
  }
  return commitAll(repo.dir, branch);
}

/** What the `opened` delivery leaves on the head: a queued sign-off run recording who opened it. */
export function openedRun(headSha: string, by: string, base = 'main'): CheckRunState {
  return {
    id: 900,
    name: `Blueprint sign-off: ${base}`,
    head_sha: headSha,
    status: 'queued',
    conclusion: null,
    external_id: serializePushes([{ after: headSha, by, before: null }]),
  };
}

/**
 * A `pull_request_review` delivery (GitHub's example payload for the action, moved to acme/shop#7):
 * `user` reviewed the head; `sender` (default: the reviewer) caused the event — an admin dismissing.
 */
export function reviewEvent(
  h: Harness,
  user: string,
  state: 'approved' | 'changes_requested' | 'commented' | 'dismissed',
  action: 'submitted' | 'edited' | 'dismissed' = 'submitted',
  sender = user,
  pull = 7,
): Record<string, unknown> {
  return payload(`pull_request_review.${action === 'dismissed' ? 'dismissed' : 'submitted'}`, (p) => {
    p.action = action;
    const pr = p.pull_request as {
      number: number;
      head: { sha: string };
      base: { sha: string; ref: string };
    };
    pr.number = pull;
    pr.head.sha = h.headSha;
    pr.base.sha = h.gh.repo.baseSha;
    pr.base.ref = h.gh.pull(pull).base;
    const review = p.review as Record<string, unknown>;
    review.user = account(user);
    review.commit_id = h.headSha;
    review.state = state;
    p.sender = account(sender);
  });
}

/**
 * `by` dismisses review `id` of pull request `pull`: its state becomes DISMISSED and the pull request
 * gets GitHub's `review_dismissed` event, which says what the review was and who dismissed it.
 */
export function dismiss(h: Harness, id: number, by: string, pull = 7): void {
  const review = h.gh.pull(pull).reviews.find((r) => r.id === id);
  if (!review) throw new Error(`no review ${id} on #${pull}`);
  const was = String(review.state).toLowerCase();
  review.state = 'DISMISSED';
  h.gh.pull(pull).events.push({
    event: 'review_dismissed',
    actor: account(by),
    created_at: new Date(Date.UTC(2025, 0, 1, 11, id)).toISOString(),
    dismissed_review: { review_id: id, state: was, dismissal_message: 'dismissed' },
  });
}

/**
 * `by` changes #7's base branch to `to` at 10:`minute` (as `approve` times reviews): GitHub's
 * `base_ref_changed` event, and the `edited` delivery that says so (returned, to deliver).
 */
export function retarget(
  h: Harness,
  to: string,
  minute: number,
  by = h.gh.pull(7).author,
): Record<string, unknown> {
  const from = h.gh.pull(7).base;
  h.gh.state.base = to;
  h.gh.pull(7).events.push({
    event: 'base_ref_changed',
    actor: account(by),
    created_at: new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString(),
  });
  return pullRequestEvent(h, 'edited', {
    sender: by,
    patch: (p, pr) => {
      (pr.base as { ref: string }).ref = to;
      p.changes = { base: { ref: { from }, sha: { from: h.gh.repo.baseSha } } };
    },
  });
}

/** `user` reviewed the head of pull request `pull` (`state`, default an approval) at 10:`minute`, review id `minute`. */
export function approve(h: Harness, user: string, minute: number, state = 'APPROVED', pull = 7): void {
  h.gh.pull(pull).reviews.push(reviewOf(user, minute, state, h.headSha));
}

/** `user` approved commit `commitId` of #7, not its head (review `minute`, as `approve`). */
export function approveCommit(h: Harness, user: string, minute: number, commitId: string): void {
  h.gh.pull(7).reviews.push(reviewOf(user, minute, 'APPROVED', commitId));
}

function reviewOf(user: string, minute: number, state: string, commitId: string): ReviewState {
  return {
    id: minute,
    user,
    state,
    commit_id: commitId,
    submitted_at: new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString(),
  };
}

/**
 * The review check on the head for `base` (run `id`) concluded `conclusion` under `config`, the base's
 * config as the app reads it (undefined: none), so it stands for the head: only the sign-off is under test.
 */
export async function reviewCheckDone(
  h: Harness,
  base: string,
  config: string | undefined,
  { id = 2, conclusion = 'success' }: { id?: number; conclusion?: string } = {},
): Promise<void> {
  h.gh.state.checkRuns.push({
    id,
    name: `Blueprint review: ${base}`,
    head_sha: h.headSha,
    status: 'completed',
    conclusion,
    output: { title: 'Blueprint review', summary: await basisLine(config, base) },
  });
}

/** The sign-off check runs for pull requests into `base` (default `main`), oldest first. */
export function signoffRuns(h: Harness, base = 'main') {
  return h.gh.state.checkRuns.filter((r) => r.name === `Blueprint sign-off: ${base}`);
}

/** What GitHub shows for `Blueprint sign-off: <base>` on the head: its newest run. */
export function shownOnHead(h: Harness, base = 'main') {
  return signoffRuns(h, base)
    .filter((r) => r.head_sha === h.headSha)
    .at(-1);
}

/** What a check run says (title, summary, text), unfolded: a phrase reads whole across folded lines. */
export function checkText(run: CheckRunState | undefined): string {
  const text = `${run?.output?.title}\n${run?.output?.summary}\n${run?.output?.text ?? ''}`;
  return text.replace(/\n\s+/g, ' ');
}

/** The newest review check on the head (the app writes it before the sign-off), and what it says. */
export function reviewShownOnHead(h: Harness, base = 'main') {
  const run = h.gh.state.checkRuns.findLast(
    (r) => r.name === `Blueprint review: ${base}` && r.head_sha === h.headSha,
  );
  return { conclusion: run?.conclusion, said: checkText(run) };
}

/** The head GitHub's example `pull_request` deliveries name: the commit a push of the harness's head follows. */
export const OPENED_AT = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

/** The `pull_request` actions the tests deliver; each from GitHub's example payload nearest to it. */
type PullRequestAction = 'opened' | 'synchronize' | 'reopened' | 'edited' | 'closed' | 'labeled';

/** Changes a delivery's payload (`p`) and its pull request (`pr`) for the case at hand. */
type PayloadPatch = (p: Record<string, unknown>, pr: Record<string, unknown>) => void;

/**
 * A `pull_request` delivery about #7 as the fake shows it (the harness's head, its base, its author),
 * sent by `sender` (default: the author); `patch` adds what the case is about.
 */
export function pullRequestEvent(
  h: Harness,
  action: PullRequestAction,
  { sender = h.gh.pull(7).author, patch = () => {} }: { sender?: string; patch?: PayloadPatch } = {},
): Record<string, unknown> {
  const example = action === 'synchronize' || action === 'reopened' ? action : 'opened';
  return payload(`pull_request.${example}`, (p) => {
    p.action = action;
    const pr = p.pull_request as {
      head: { sha: string };
      base: { sha: string; ref: string };
      user: { login: string };
    };
    pr.head.sha = h.headSha;
    pr.base.sha = h.gh.repo.baseSha;
    pr.base.ref = h.gh.pull(7).base;
    pr.user.login = h.gh.pull(7).author;
    p.sender = account(sender);
    patch(p, pr as unknown as Record<string, unknown>);
  });
}

/** GitHub's `synchronize` delivery for a push, by `pusher`, of the harness's head on top of `OPENED_AT`. */
export function pushEvent(
  h: Harness,
  pusher: string,
  patch: PayloadPatch = () => {},
): Record<string, unknown> {
  return pullRequestEvent(h, 'synchronize', {
    sender: pusher,
    patch: (p, pr) => {
      p.before = OPENED_AT;
      p.after = h.headSha;
      patch(p, pr);
    },
  });
}

/** A `labeled` delivery: `label` was added to #7. */
export function labeledEvent(h: Harness, label: string): Record<string, unknown> {
  return pullRequestEvent(h, 'labeled', {
    patch: (p) => {
      p.label = { id: 1, name: label };
    },
  });
}

/** `user` approves #7's head (review `minute`, as `approve`), and the app has handled the delivery. */
export async function deliverApproval(h: Harness, user: string, minute: number): Promise<void> {
  await deliverReview(h, user, minute, 'APPROVED');
}

/**
 * `user` submits a review of `state` on the head of pull request `pull` (review `minute`, as
 * `approve`), and the app has handled GitHub's delivery of it.
 */
export async function deliverReview(
  h: Harness,
  user: string,
  minute: number,
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED',
  pull = 7,
): Promise<void> {
  approve(h, user, minute, state, pull);
  const event = state === 'APPROVED' ? 'approved' : state === 'COMMENTED' ? 'commented' : 'changes_requested';
  await h.deliver('pull_request_review', reviewEvent(h, user, event, 'submitted', user, pull));
  await h.idle();
}

/** GitHub's `membership` delivery: the admin added `member` to `acme/<team>`, or removed them from it. */
export function membershipEvent(action: 'added' | 'removed', team: string, member: string) {
  return payload('membership.added', (p) => {
    p.action = action;
    (p.team as { slug: string; name: string }).slug = team;
    (p.team as { slug: string; name: string }).name = team;
    p.member = account(member);
    p.sender = account('admin');
  });
}

/** A base config that lets eve alone approve any contract change: a base an attacker may target. */
export const LAX_CONFIG = `signoff:
  rules:
    - id: anyone-will-do
      when: { categories: [contract] }
      require: { users: [eve] }
`;

/**
 * The harness with a second pull request (#8, mallory's) of the same head into `base`, whose config
 * is `LAX_CONFIG`: one head, two bases.
 */
export function harnessWithLaxBase(base: string): Promise<Harness> {
  return harness({
    configs: { [base]: LAX_CONFIG },
    otherPulls: {
      8: {
        base,
        author: 'mallory',
        labels: [],
        reviews: [],
        requested: { users: [], teams: [] },
        events: [],
      },
    },
  });
}
