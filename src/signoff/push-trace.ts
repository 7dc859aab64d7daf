/**
 * Who pushed to reach a pull request's head, traced through the app's records (pushes.ts). The trace
 * works on pushes, not commits: every commit it reaches is read, and a push learnt from a later read
 * still counts and is followed, also for a commit already passed.
 *
 * A push the app never heard of (installed later, a lost delivery) breaks the trace: then who pushed
 * is unknown and the gate fails closed, saying how to recover. So does a push by an account that
 * pushes for whoever asks it (GitHub Actions' workflow token, Copilot's coding agent, those the base
 * config names: steerable-accounts.ts) — GitHub names that account, never the person who had it push
 * — unless that push added no blueprint content of its own (`TraceOptions.addsNothing`: a merge of the
 * base branch in, as an update-branch workflow pushes it): then it hides nobody. A person's push that
 * added nothing (GitHub's "Update branch" button) makes them no pusher, when asked (`askFor`).
 */
import type { Lookup, Pusher } from './types.js';
import { normalizeLogin } from './types.js';
import { code } from '../core/inert-text.js';
import type { EntriesAt, Push } from './pushes.js';
import { newPushes } from './pushes.js';
import { pushesForWhoeverAsks, steeredAs } from './steerable-accounts.js';

/** More commits than this on one trace is no longer a pull request anyone reviews: fail closed. */
export const MAX_TRACED_COMMITS = 300;
/**
 * The most pushes one evaluation compares with the trees (`TraceOptions.addsNothing`: a comparison and
 * tree reads each, one after another). Anyone who can run a workflow can have its token push hundreds
 * of times; past this many, the older ones count as not shown to add nothing (the gate fails closed,
 * and a person's reopening recovers, as for any push nobody answers for).
 */
export const MAX_PASS_THROUGH_PROOFS = 20;

export type PushTrace =
  /**
   * `passedThrough`: pushes by a person (asked for: `TraceOptions.askFor`) shown to add nothing of
   * their own, which make them no pusher — the commits they made the head are not theirs either.
   */
  | { kind: 'ok'; pushers: Pusher[]; passedThrough?: Push[] }
  /**
   * No person is known to have made `sha` the head; `unreadable`: its records could not all be read;
   * `workflow`: the account that pushes for whoever asks it that did (and no person did);
   * `uncompared`: its push was not compared with the trees, past that many compared already.
   */
  | { kind: 'unknown'; sha: string; unreadable?: string; workflow?: string; uncompared?: number }
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
  /**
   * Whether to ask `addsNothing` about a person's push too (its pusher reviewed the pull request, so
   * whether they pushed matters): one that added nothing of its own — GitHub's "Update branch" button
   * pushes as whoever clicked it — makes them no pusher. Absent: no person's push is asked about.
   */
  askFor?: (push: Push) => boolean;
}

/**
 * Everyone who pushed to reach `head`, following every recorded `before` (a commit can be the head
 * more than once: force-pushed away and back). When a commit on the way has no record of a person
 * making it the head (none at all, or only an account's that pushes for whoever asks, whose push added
 * something of its own), the trace is judged again stopping at commits where the pull request was
 * opened or reopened by a person (whoever did that counts for what came before): a gap behind such a
 * point is acceptable, one after it is not — and whoever is known to have pushed behind it still counts.
 */
export async function tracePushers(
  head: string,
  entriesAt: EntriesAt,
  options: TraceOptions = {},
): Promise<PushTrace> {
  const known = await readRecords(head, entriesAt);
  if (known.kind !== 'ok') return known;
  const steered = (push: Pick<Push, 'by'>) => pushesForWhoeverAsks(push.by, options.steerable);
  const proofs = await pushesAddingNothing(head, known.pushes, steered, options);
  if (proofs.kind === 'error') return proofs;
  const trace: Trace = { head, pushes: known.pushes, steered, ...proofs.value };
  const strict = judge(trace, false);
  if (strict.kind !== 'unknown') return strict;
  const lenient = judge(trace, true);
  if (lenient.kind === 'ok') return lenient;
  const unreadable = known.unreadable.get(strict.sha);
  return unreadable === undefined ? strict : { ...strict, unreadable };
}

/** The records a trace judges, and how it tells the pushes of accounts that push for whoever asks. */
interface Trace extends Proofs {
  head: string;
  pushes: readonly Push[];
  steered: (push: Pick<Push, 'by'>) => boolean;
}

/** What the trees showed of the pushes asked about. */
interface Proofs {
  /**
   * Pushes that added nothing of their own: one of an account that pushes for whoever asks vouches
   * for its head; one of a person makes them no pusher.
   */
  passThrough: ReadonlySet<Push>;
  /** Pushes left unasked past `MAX_PASS_THROUGH_PROOFS` (they count as adding something). */
  uncompared: ReadonlySet<Push>;
}

/**
 * Which pushes on the trace added nothing of their own (`addsNothing`), asked in the order reached
 * (newest first), each pair of commits once, at most `MAX_PASS_THROUGH_PROOFS` of them. Asked about:
 * the pushes of accounts that push for whoever asks which alone made a commit the head (a person's
 * push there vouches for it anyway), and the pushes of people asked for (`askFor`) until one of
 * theirs added something or they opened the pull request — a pusher then whatever the rest did.
 */
async function pushesAddingNothing(
  head: string,
  pushes: readonly Push[],
  steered: Trace['steered'],
  { addsNothing, askFor }: TraceOptions,
): Promise<Lookup<Proofs>> {
  const passThrough = new Set<Push>();
  const uncompared = new Set<Push>();
  const proofs = { passThrough, uncompared };
  if (!addsNothing) return { kind: 'ok', value: proofs };
  const { commits } = reached({ head, pushes, steered, ...proofs }, false);
  const reachedPushes = pushes.filter((p) => commits.includes(p.after));
  const pushed = new Set(reachedPushes.filter((p) => p.before === null).map(personKey));
  const answers = new Map<string, boolean>();
  for (const sha of commits) {
    const at = pushes.filter((p) => p.after === sha);
    const onlySteered = at.every(steered);
    const asked = at.filter(
      (p) =>
        p.before !== null && (steered(p) ? onlySteered : askFor?.(p) === true && !pushed.has(personKey(p))),
    );
    for (const push of asked) {
      const pair = `${push.before}\0${push.after}`;
      if (!answers.has(pair) && answers.size >= MAX_PASS_THROUGH_PROOFS) {
        uncompared.add(push);
        continue;
      }
      if (!answers.has(pair)) {
        const answer = await addsNothing(push);
        if (answer.kind === 'error') return answer;
        answers.set(pair, answer.value);
      }
      if (answers.get(pair)) passThrough.add(push);
      else if (!steered(push)) pushed.add(personKey(push));
    }
  }
  // A person's push asked before one of theirs was found adding something: a pusher all the same.
  for (const push of passThrough) if (!steered(push) && pushed.has(personKey(push))) passThrough.delete(push);
  return { kind: 'ok', value: proofs };
}

/**
 * A person as a push names them, by login: a person renamed between two pushes is two here, and the
 * one whose push added something stays a pusher by account id too (contributorsOf).
 */
function personKey(push: Push): string {
  return normalizeLogin(push.by);
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
      { head, pushes, steered: () => false, passThrough: new Set(), uncompared: new Set() },
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
 * commit the head (in the order reached), and who made those pushes (but a person's push that added
 * nothing of its own). With `stopAtStarts`, a commit where the pull request was opened or reopened by
 * a person is not gone behind.
 */
function reached(trace: Trace, stopAtStarts: boolean): { commits: string[]; pushers: Map<string, Pusher> } {
  const { head, pushes, steered, passThrough } = trace;
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
      if (steered(push) || !passThrough.has(push))
        pushers.set(`${login}\0${push.id ?? ''}`, {
          login,
          ...(push.id === undefined ? {} : { id: push.id }),
        });
      if (push.before === null || (stopAtStarts && isStart) || seen.has(push.before)) continue;
      seen.add(push.before);
      commits.push(push.before);
    }
  }
  return { commits, pushers };
}

/**
 * The trace's pushers, or the first commit no person is known to have made the head. With
 * `stopAtStarts`, a gap behind a person's opening or reopening is accepted (they answer for what came
 * before) — but everyone known to have pushed, behind it too, is still a pusher.
 */
function judge(trace: Trace, stopAtStarts: boolean): PushTrace {
  const { pushes, steered, passThrough, uncompared } = trace;
  const { commits } = reached(trace, stopAtStarts);
  const { pushers } = reached(trace, false);
  // A commit only such accounts made the head is a gap too, unless one of their pushes added nothing.
  const vouches = (p: Push) => !steered(p) || passThrough.has(p);
  const gap = commits.find((sha) => !pushes.some((p) => p.after === sha && vouches(p)));
  const sorted = [...pushers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  if (!gap) {
    const mine = pushes.filter((p) => !steered(p) && passThrough.has(p));
    return { kind: 'ok', pushers: sorted, ...(mine.length > 0 ? { passedThrough: mine } : {}) };
  }
  const at = pushes.filter((p) => p.after === gap);
  const workflow = at[0]?.by;
  return {
    kind: 'unknown',
    sha: gap,
    ...(workflow === undefined ? {} : { workflow }),
    ...(at.some((p) => uncompared.has(p)) ? { uncompared: MAX_PASS_THROUGH_PROOFS } : {}),
  };
}

/**
 * Why the pushers are unknown and how to recover, in words (the check shows it); `steerable`: the
 * accounts the base config names as pushing for whoever asks.
 */
export function unknownPusherReason(
  trace: Extract<PushTrace, { kind: 'unknown' }>,
  steerable: readonly string[] = [],
): string {
  const { sha, unreadable, workflow, uncompared } = trace;
  if (workflow !== undefined && unreadable === undefined)
    return (
      `commit ${sha.slice(0, 7)} was pushed by ${code(workflow)} ${steeredAs(workflow, steerable) ?? ''}, ` +
      'and GitHub does not say who asked: who is responsible for that push is unknown, and commit authorship proves nothing. ' +
      'A push that only brings the base branch in (each blueprint file as at the commit before it or as on the base branch) needs nothing; ' +
      (uncompared === undefined
        ? 'this one is not shown to be one. '
        : `this one was not compared: the pull request has more than ${uncompared} pushes to compare with the ` +
          `trees, and the app compares at most ${uncompared} (the newest) in one evaluation. `) +
      'To recover, close and ' +
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
