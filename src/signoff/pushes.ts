/**
 * Who pushed to a pull request, as the app records it from GitHub's own word. Commit authorship is
 * forgeable, and GitHub has no API that says who pushed a non-force push; but every `pull_request`
 * delivery names its sender: `opened` and `reopened` (whoever opens the pull request counts as having
 * pushed what it holds) and `synchronize` (whoever pushed `before → after`). The app records each such
 * push in GitHub itself (the app's check run on a commit), so any later evaluation, in any replica,
 * traces the pushers back from the head along the `before` links (push-trace.ts).
 *
 * One record may hold pushes that made other commits the head: a job records, in one write, every
 * push it was handed (its own and those of heads skipped for it) on the newest of them.
 */
import type { Lookup } from './types.js';
import { normalizeLogin } from './types.js';

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
