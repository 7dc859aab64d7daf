/**
 * Who pushed to a pull request, from GitHub's own word. Commit authorship is forgeable, and GitHub has
 * no API that says who pushed a non-force push; but every `pull_request` delivery names its sender:
 * `opened` and `reopened` (whoever opens the pull request counts as having pushed what it holds) and
 * `synchronize` (whoever pushed `before → after`). The app records each such push on the commit it
 * made the head, in GitHub itself (the app's check run on that commit), so any later evaluation, in
 * any replica, traces the pushers back from the head along the `before` links.
 *
 * A push the app never heard of (installed later, a lost delivery) breaks the trace: then who pushed
 * is unknown and the gate fails closed, saying how to recover.
 */
import type { Lookup } from './types.js';
import { normalizeLogin } from './types.js';

/** One push that made `sha` the head: by whom, and the previous head (null: opened or reopened). */
export interface PushEntry {
  by: string;
  before: string | null;
}

/** Entries recorded on one commit, or why they could not be read. */
export type EntriesAt = (sha: string) => Promise<Lookup<PushEntry[]>>;

const PREFIX = 'blueprint-review/pushes/v1:';
const LOGIN = /^[A-Za-z0-9-]{1,39}(\[bot\])?$/;
const SHA = /^[0-9a-f]{40}$/;
/** More commits than this on one trace is no longer a pull request anyone reviews: fail closed. */
export const MAX_TRACED_COMMITS = 300;

/** The text stored with a commit (a check run's `external_id`). */
export function serializePushes(entries: readonly PushEntry[]): string {
  return PREFIX + JSON.stringify(entries.map((e) => [e.by, e.before]));
}

/** Entries in a stored text; anything else (another format, a damaged value) holds none. */
export function parsePushes(text: string | null | undefined): PushEntry[] {
  if (!text?.startsWith(PREFIX)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(PREFIX.length));
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): PushEntry[] => {
    if (!Array.isArray(item)) return [];
    const [by, before] = item as unknown[];
    return pushEntry(by, before);
  });
}

/** A push entry of a login and a previous head (a SHA, or null), or none when either is malformed. */
export function pushEntry(by: unknown, before: unknown): PushEntry[] {
  if (typeof by !== 'string' || !LOGIN.test(by)) return [];
  if (before !== null && (typeof before !== 'string' || !SHA.test(before))) return [];
  return [{ by, before }];
}

/** `entries` with `entry` added; `changed` is false when it was there already (a redelivery). */
export function withPush(
  entries: readonly PushEntry[],
  entry: PushEntry,
): { entries: PushEntry[]; changed: boolean } {
  const same = entries.some(
    (e) => normalizeLogin(e.by) === normalizeLogin(entry.by) && e.before === entry.before,
  );
  return same ? { entries: [...entries], changed: false } : { entries: [...entries, entry], changed: true };
}

export type PushTrace =
  | { kind: 'ok'; pushers: string[] }
  | { kind: 'unknown'; sha: string }
  | { kind: 'error'; reason: string; transient?: boolean };

/**
 * Everyone who pushed to reach `head`, following every recorded `before` (a commit can be the head
 * more than once: force-pushed away and back). When a commit on the way has no record, the trace is
 * tried again stopping at commits where the pull request was opened or reopened (whoever did that
 * counts for what came before): a gap behind such a point is acceptable, one after it is not.
 */
export async function tracePushers(head: string, entriesAt: EntriesAt): Promise<PushTrace> {
  const cache = new Map<string, Lookup<PushEntry[]>>();
  const read = async (sha: string) => {
    if (!cache.has(sha)) cache.set(sha, await entriesAt(sha));
    return cache.get(sha)!;
  };
  const strict = await walk(head, read, false);
  if (strict.kind !== 'unknown') return strict;
  const lenient = await walk(head, read, true);
  return lenient.kind === 'ok' ? lenient : strict;
}

async function walk(head: string, read: EntriesAt, stopAtStarts: boolean): Promise<PushTrace> {
  const pushers = new Set<string>();
  const seen = new Set<string>();
  const todo = [head];
  while (todo.length > 0) {
    const sha = todo.pop()!;
    if (seen.has(sha)) continue;
    seen.add(sha);
    if (seen.size > MAX_TRACED_COMMITS)
      return {
        kind: 'error',
        reason: `the pull request's head was pushed more than ${MAX_TRACED_COMMITS} times; who pushed cannot be traced`,
      };
    const entries = await read(sha);
    if (entries.kind === 'error') return entries;
    if (entries.value.length === 0) return { kind: 'unknown', sha };
    const isStart = entries.value.some((e) => e.before === null);
    for (const entry of entries.value) {
      pushers.add(normalizeLogin(entry.by));
      if (entry.before !== null && !(stopAtStarts && isStart)) todo.push(entry.before);
    }
  }
  return { kind: 'ok', pushers: [...pushers].sort() };
}

/** Why the pushers are unknown and how to recover, in words (the check shows it). */
export function unknownPusherReason(sha: string): string {
  return (
    `the app has no record of who pushed commit ${sha.slice(0, 7)} (it saw no \`pull_request\` delivery ` +
    'that made it the head: the app was installed later, or a delivery was lost), and commit authorship ' +
    'proves nothing. To recover, redeliver the missed `pull_request` delivery (the GitHub App’s settings → ' +
    'Advanced → Recent deliveries), or close and reopen the pull request: whoever reopens it then counts ' +
    'as having pushed every commit in it'
  );
}
