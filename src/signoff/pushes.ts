/**
 * Who pushed to a pull request, from GitHub's own word. Commit authorship is forgeable, and GitHub has
 * no API that says who pushed a non-force push; but every `pull_request` delivery names its sender:
 * `opened` and `reopened` (whoever opens the pull request counts as having pushed what it holds) and
 * `synchronize` (whoever pushed `before → after`). The app records each such push in GitHub itself
 * (the app's check run on a commit), so any later evaluation, in any replica, traces the pushers back
 * from the head along the `before` links.
 *
 * One record may hold pushes that made other commits the head: a job records, in one write, every
 * push it was handed (its own and those of heads skipped for it) on the newest of them. The trace
 * therefore works on pushes, not commits: every commit it reaches is read, and a push learnt from a
 * later read still counts and is followed, also for a commit already passed.
 *
 * A push the app never heard of (installed later, a lost delivery) breaks the trace: then who pushed
 * is unknown and the gate fails closed, saying how to recover. So does a push by an account that
 * pushes for whoever asks it (GitHub Actions' workflow token, Copilot's coding agent, those the base
 * config names: steerable-accounts.ts) — GitHub names that account, never the person who had it push
 * — unless that push added no blueprint content of its own (`TraceOptions.addsNothing`: a merge of the
 * base branch in, as an update-branch workflow pushes it): then it hides nobody.
 */
import type { Lookup, Pusher } from './types.js';
import { normalizeLogin } from './types.js';
import { code } from '../core/inert-text.js';
import { pushesForWhoeverAsks, steeredAs } from './steerable-accounts.js';

/**
 * One push as a delivery tells it: by whom, and the previous head (null: opened or reopened). `id` is
 * GitHub's id of the pusher's account, when the delivery gave it: a login can be renamed at any time
 * (the account keeps its id), and a pusher must stay known under the login they review with later.
 */
export interface PushEntry {
  by: string;
  before: string | null;
  id?: number;
}

/** A push that made `after` the head. */
export interface Push extends PushEntry {
  after: string;
}

/**
 * The pushes recorded on one commit (about it or about older heads), or why they could not be read:
 * `error` fails the trace (GitHub may answer next time); `unreadable` says they never will be read in
 * full (GitHub keeps a bounded number of check runs per commit), and the trace treats the commit as
 * unrecorded, so a reopening after it still recovers the pull request.
 */
export type EntriesAt = (sha: string) => Promise<Lookup<Push[]> | { kind: 'unreadable'; reason: string }>;

/** Records of one push each, `[by, before]`, about the commit they are stored on (read, no longer written). */
const V1 = 'blueprint-review/pushes/v1:';
/**
 * Records naming their commits: `[[sha, …], [[after, by, before, id?], …]]`, commits as indexes into
 * the list; `id` (the pusher's account id) only where known. A replica from before ids were recorded
 * leaves a row with one out, so it finds no record of that push and fails closed (never open).
 */
const V2 = 'blueprint-review/pushes/v2:';
const LOGIN = /^[A-Za-z0-9-]{1,39}(\[bot\])?$/;
const SHA = /^[0-9a-f]{40}$/;
/** More commits than this on one trace is no longer a pull request anyone reviews: fail closed. */
export const MAX_TRACED_COMMITS = 300;
/**
 * The longest record the app stores in one check run's `external_id`. GitHub documents no limit for
 * the field; the app stays well under any plausible one and spills what does not fit into another
 * record (`packPushes`). A record GitHub cut or refused is caught at write time (adapters).
 */
export const MAX_RECORD_CHARS = 1_024;

/** The text stored with a commit (a check run's `external_id`): every commit named once. */
export function serializePushes(pushes: readonly Push[]): string {
  const commits: string[] = [];
  const index = (sha: string) => {
    const i = commits.indexOf(sha);
    return i >= 0 ? i : commits.push(sha) - 1;
  };
  const rows = pushes.map((p) => [
    index(p.after),
    p.by,
    p.before === null ? null : index(p.before),
    ...(p.id === undefined ? [] : [p.id]),
  ]);
  return V2 + JSON.stringify([commits, rows]);
}

/**
 * Pushes in a text stored on commit `at` (a v1 record is about `at`); anything else (another format, a
 * damaged value) holds none, and a malformed push is left out.
 */
export function parsePushes(text: string | null | undefined, at: string): Push[] {
  if (text?.startsWith(V2)) return parseV2(jsonOf(text.slice(V2.length)));
  if (text?.startsWith(V1)) {
    const raw = jsonOf(text.slice(V1.length));
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item): Push[] => {
      if (!Array.isArray(item)) return [];
      const [by, before] = item as unknown[];
      return pushTo(at, by, before);
    });
  }
  return [];
}

function parseV2(raw: unknown): Push[] {
  if (!Array.isArray(raw) || raw.length !== 2) return [];
  const [commits, rows] = raw as unknown[];
  if (!Array.isArray(commits) || !Array.isArray(rows)) return [];
  const commit = (i: unknown): unknown => (typeof i === 'number' ? commits[i] : i);
  return rows.flatMap((row): Push[] => {
    if (!Array.isArray(row) || (row.length !== 3 && row.length !== 4)) return [];
    const [after, by, before, id] = row as unknown[];
    if (typeof after !== 'number' || (before !== null && typeof before !== 'number')) return [];
    return pushTo(
      commit(after),
      by,
      before === null ? null : commit(before),
      row.length === 4 ? id : undefined,
    );
  });
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A push entry of a login, a previous head (a SHA, or null) and the account's id when given (absent:
 * undefined), or none when any is malformed.
 */
function pushEntry(by: unknown, before: unknown, id: unknown): PushEntry[] {
  if (typeof by !== 'string' || !LOGIN.test(by)) return [];
  if (before !== null && (typeof before !== 'string' || !SHA.test(before))) return [];
  if (id !== undefined && !isAccountId(id)) return [];
  return [{ by, before, ...(id === undefined ? {} : { id }) }];
}

/** A push that made `after` the head, or none when anything is malformed. */
export function pushTo(after: unknown, by: unknown, before: unknown, id?: unknown): Push[] {
  if (typeof after !== 'string' || !SHA.test(after)) return [];
  return pushEntry(by, before, id).map((entry) => ({ after, ...entry }));
}

/** GitHub's id of an account: a positive integer. */
export function isAccountId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/**
 * One push, however often it was delivered (logins compare as GitHub does, ignoring case). With the
 * pusher's id: a record without it (an older replica's) does not hide one that has it.
 */
function pushKey(p: Push): string {
  return `${p.after}\0${p.before ?? ''}\0${normalizeLogin(p.by)}\0${p.id ?? ''}`;
}

/** `pushes` without those `known` holds already (a redelivery, a job retried), each once, order kept. */
export function newPushes(pushes: readonly Push[], known: readonly Push[]): Push[] {
  const seen = new Set(known.map(pushKey));
  return pushes.filter((push) => {
    const key = pushKey(push);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The commit to record `pushes` (oldest first) on, so that a trace reaches it before it needs them:
 * the head the newest of them made, unless another of them moved on from it (deliveries can arrive
 * out of order) — a head none of them left. A trace from any later head passes it.
 */
export function recordCommit(pushes: readonly Push[]): string {
  const left = new Set(pushes.map((p) => p.before));
  const tip = [...pushes].reverse().find((p) => !left.has(p.after));
  return (tip ?? pushes[pushes.length - 1]!).after;
}

/**
 * Of `pushes` (oldest first), the newest that fit in one record — at least one (a push takes well
 * under 200 characters) —, and the rest, recorded elsewhere.
 */
export function packPushes(
  pushes: readonly Push[],
  maxChars = MAX_RECORD_CHARS,
): { packed: Push[]; rest: Push[] } {
  let take = 1;
  while (take < pushes.length && serializePushes(pushes.slice(pushes.length - take - 1)).length <= maxChars)
    take++;
  return { packed: pushes.slice(pushes.length - take), rest: pushes.slice(0, pushes.length - take) };
}

export type PushTrace =
  | { kind: 'ok'; pushers: Pusher[] }
  /**
   * No person is known to have made `sha` the head; `unreadable`: its records could not all be read;
   * `workflow`: the account that pushes for whoever asks it that did (and no person did).
   */
  | { kind: 'unknown'; sha: string; unreadable?: string; workflow?: string }
  | { kind: 'error'; reason: string; transient?: boolean };

/** What a trace is told besides the records: which accounts push for whoever asks, and which of their pushes added nothing. */
export interface TraceOptions {
  /** Accounts the base branch's config names as pushing for whoever asks (`signoff.steerableAccounts`). */
  steerable?: readonly string[];
  /**
   * Whether a push by such an account (`before → after`) added no blueprint content of its own: every
   * blueprint file of `after` is as at `before` or as on the base branch (a merge of the base in, with
   * no conflict resolved in those files). Such a push hides nobody: whoever pushed `before` answers for
   * what `after` holds beyond the base, and the trace goes on behind it. Absent: no push is taken for one.
   */
  addsNothing?: (push: Push) => Promise<Lookup<boolean>>;
}

/**
 * Everyone who pushed to reach `head`, following every recorded `before` (a commit can be the head
 * more than once: force-pushed away and back). When a commit on the way has no record of a person
 * making it the head (none at all, or only an account's that pushes for whoever asks, whose push added
 * something of its own), the trace is judged again stopping at commits where the pull request was
 * opened or reopened by a person (whoever did that counts for what came before): a gap behind such a
 * point is acceptable, one after it is not.
 */
export async function tracePushers(
  head: string,
  entriesAt: EntriesAt,
  options: TraceOptions = {},
): Promise<PushTrace> {
  const known = await readRecords(head, entriesAt);
  if (known.kind !== 'ok') return known;
  const steered = (push: Pick<Push, 'by'>) => pushesForWhoeverAsks(push.by, options.steerable);
  const passThrough = await pushesAddingNothing(head, known.pushes, steered, options.addsNothing);
  if (passThrough.kind === 'error') return passThrough;
  const trace: Trace = { head, pushes: known.pushes, steered, passThrough: passThrough.value };
  const strict = judge(trace, false);
  if (strict.kind !== 'unknown') return strict;
  const lenient = judge(trace, true);
  if (lenient.kind === 'ok') return lenient;
  const unreadable = known.unreadable.get(strict.sha);
  return unreadable === undefined ? strict : { ...strict, unreadable };
}

/** The records a trace judges, and how it tells the pushes of accounts that push for whoever asks. */
interface Trace {
  head: string;
  pushes: readonly Push[];
  steered: (push: Pick<Push, 'by'>) => boolean;
  /** Pushes of such accounts that added nothing of their own: they vouch for their head. */
  passThrough: ReadonlySet<Push>;
}

/**
 * Of the pushes by accounts that push for whoever asks which alone made a commit on the trace the
 * head, those that added nothing of their own (`addsNothing`), asked in the order reached. Asked only
 * there: a person's push vouches for its head anyway.
 */
async function pushesAddingNothing(
  head: string,
  pushes: readonly Push[],
  steered: Trace['steered'],
  addsNothing: TraceOptions['addsNothing'],
): Promise<Lookup<Set<Push>>> {
  const found = new Set<Push>();
  if (!addsNothing) return { kind: 'ok', value: found };
  const { commits } = reached({ head, pushes, steered, passThrough: found }, false);
  for (const sha of commits) {
    const at = pushes.filter((p) => p.after === sha);
    if (at.some((p) => !steered(p))) continue;
    for (const push of at.filter((p) => p.before !== null)) {
      const answer = await addsNothing(push);
      if (answer.kind === 'error') return answer;
      if (answer.value) found.add(push);
    }
  }
  return { kind: 'ok', value: found };
}

/**
 * Reads the records of every commit a trace from `head` reaches, until no read teaches a new one: a
 * push learnt late (stored on a later read commit) can lead to commits passed already or not yet.
 */
async function readRecords(
  head: string,
  entriesAt: EntriesAt,
): Promise<
  { kind: 'ok'; pushes: Push[]; unreadable: Map<string, string> } | Extract<PushTrace, { kind: 'error' }>
> {
  const pushes: Push[] = [];
  const read = new Set<string>();
  const unreadable = new Map<string, string>();
  for (;;) {
    const unread = reached(
      { head, pushes, steered: () => false, passThrough: new Set() },
      false,
    ).commits.filter((sha) => !read.has(sha));
    if (unread.length === 0) return { kind: 'ok', pushes, unreadable };
    for (const sha of unread) {
      read.add(sha);
      if (read.size > MAX_TRACED_COMMITS)
        return {
          kind: 'error',
          reason: `the pull request's head was pushed more than ${MAX_TRACED_COMMITS} times; who pushed cannot be traced`,
        };
      const entries = await entriesAt(sha);
      if (entries.kind === 'error') return entries;
      if (entries.kind === 'unreadable') {
        unreadable.set(sha, entries.reason);
        continue;
      }
      pushes.push(...newPushes(entries.value, pushes));
    }
  }
}

/**
 * The commits reached from the head through the `before` of every push known to have made a reached
 * commit the head (in the order reached), and who made those pushes. With `stopAtStarts`, a commit
 * where the pull request was opened or reopened by a person is not gone behind.
 */
function reached(trace: Trace, stopAtStarts: boolean): { commits: string[]; pushers: Map<string, Pusher> } {
  const { head, pushes, steered } = trace;
  const commits = [head];
  const seen = new Set(commits);
  // By login and id: the same login pushing under two accounts (renamed between) is two pushers.
  const pushers = new Map<string, Pusher>();
  for (let i = 0; i < commits.length; i++) {
    const at = pushes.filter((p) => p.after === commits[i]);
    // Opened or reopened by a person: a workflow's opening vouches for nothing.
    const isStart = at.some((p) => p.before === null && !steered(p));
    for (const push of at) {
      const login = normalizeLogin(push.by);
      pushers.set(`${login}\0${push.id ?? ''}`, { login, ...(push.id === undefined ? {} : { id: push.id }) });
      if (push.before === null || (stopAtStarts && isStart) || seen.has(push.before)) continue;
      seen.add(push.before);
      commits.push(push.before);
    }
  }
  return { commits, pushers };
}

function judge(trace: Trace, stopAtStarts: boolean): PushTrace {
  const { pushes, steered, passThrough } = trace;
  const { commits, pushers } = reached(trace, stopAtStarts);
  // A commit only such accounts made the head is a gap too, unless one of their pushes added nothing.
  const vouches = (p: Push) => !steered(p) || passThrough.has(p);
  const gap = commits.find((sha) => !pushes.some((p) => p.after === sha && vouches(p)));
  const sorted = [...pushers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  if (!gap) return { kind: 'ok', pushers: sorted };
  const workflow = pushes.find((p) => p.after === gap)?.by;
  return { kind: 'unknown', sha: gap, ...(workflow === undefined ? {} : { workflow }) };
}

/**
 * Why the pushers are unknown and how to recover, in words (the check shows it); `steerable`: the
 * accounts the base config names as pushing for whoever asks.
 */
export function unknownPusherReason(
  trace: Extract<PushTrace, { kind: 'unknown' }>,
  steerable: readonly string[] = [],
): string {
  const { sha, unreadable, workflow } = trace;
  if (workflow !== undefined && unreadable === undefined)
    return (
      `commit ${sha.slice(0, 7)} was pushed by ${code(workflow)} ${steeredAs(workflow, steerable) ?? ''}, ` +
      'and GitHub does not say who asked: who is responsible for that push is unknown, and commit authorship proves nothing. ' +
      'A push that only brings the base branch in (each blueprint file as at the commit before it or as on the base branch) needs nothing; ' +
      'this one is not shown to be one. To recover, close and ' +
      'reopen the pull request: whoever reopens it then counts as having pushed every commit in it (the ' +
      'author loses nothing by it). A workflow that pushes fixes needs this after each of its pushes'
    );
  if (unreadable !== undefined)
    return (
      `${unreadable} So who pushed commit ${sha.slice(0, 7)} is unknown, and commit authorship proves nothing. ` +
      'To recover, push a new commit, then close and reopen the pull request: whoever reopens it then counts ' +
      'as having pushed every commit before'
    );
  return (
    `the app has no record of who pushed commit ${sha.slice(0, 7)} (it saw no \`pull_request\` delivery ` +
    'that made it the head: the app was installed later, or a delivery was lost), and commit authorship ' +
    'proves nothing. To recover, redeliver the missed `pull_request` delivery (the GitHub App’s settings → ' +
    'Advanced → Recent deliveries), or close and reopen the pull request: whoever reopens it then counts ' +
    'as having pushed every commit in it'
  );
}
