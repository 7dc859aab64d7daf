import { describe, expect, it } from 'vitest';
import type { Push, PushEntry } from './pushes.js';
import {
  MAX_PASS_THROUGH_PROOFS,
  MAX_TRACED_COMMITS,
  tracePushers,
  unknownPusherReason,
} from './push-trace.js';

const sha = (c: string) => c.repeat(40);
const push = (after: string, by: string, before: string | null): Push => ({ after, by, before });
/** Pushers known by login only (no delivery gave their account's id). */
const logins = (names: string[]) => names.map((login) => ({ login }));

/** Records per commit: entries about the commit itself (as v1 records were), or whole pushes (v2). */
function ledger(records: Record<string, (PushEntry | Push)[]>) {
  const reads: string[] = [];
  return {
    reads,
    at: async (s: string) => {
      reads.push(s);
      const value = (records[s] ?? []).map((e) => ('after' in e ? e : { after: s, ...e }));
      return { kind: 'ok' as const, value };
    },
  };
}

describe('tracePushers', () => {
  it('trace a pusher with their id, and the same login under two ids as two pushers', async () => {
    const { at } = ledger({
      [sha('c')]: [{ by: 'oscar', before: sha('b'), id: 7001 }],
      [sha('b')]: [{ by: 'Oscar', before: null, id: 7002 }],
    });
    expect(await tracePushers(sha('c'), at)).toEqual({
      kind: 'ok',
      pushers: [
        { login: 'oscar', id: 7001 },
        { login: 'oscar', id: 7002 },
      ],
    });
  });

  it('follows every push back to the opening of the pull request', async () => {
    const l = ledger({
      [sha('c')]: [{ by: 'oscar', before: sha('b') }],
      [sha('b')]: [{ by: 'Peggy', before: sha('a') }],
      [sha('a')]: [{ by: 'mallory', before: null }],
    });
    expect(await tracePushers(sha('c'), l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['mallory', 'oscar', 'peggy']),
    });
  });

  it('follows pushes of skipped heads recorded on the head that replaced them', async () => {
    const [a, b, c, d] = [sha('a'), sha('b'), sha('c'), sha('d')];
    const l = ledger({
      [a]: [{ by: 'ann', before: null }],
      [d]: [push(b, 'bob', a), push(c, 'cat', b), push(d, 'dan', c)],
    });
    expect(await tracePushers(d, l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['ann', 'bob', 'cat', 'dan']),
    });
    // Every commit reached is read (a later record may hold more pushes to it), each once.
    expect(l.reads).toEqual([d, c, b, a]);
  });

  it('counts a push learnt late for a commit already passed, and follows it (a force-push back to a skipped head)', async () => {
    // mallory pushed s (skipped) and trent t on top; the job of t recorded both on t. oscar then
    // force-pushed back to s (recorded on s) and dan pushed u. From u the trace passes s (oscar's push
    // leads to t) before t's record says mallory pushed s first, on top of r.
    const [r, s, t, u] = [sha('1'), sha('2'), sha('3'), sha('4')];
    const l = ledger({
      [r]: [{ by: 'ann', before: null }],
      [t]: [push(s, 'mallory', r), push(t, 'trent', s)],
      [s]: [push(s, 'oscar', t)],
      [u]: [push(u, 'dan', s)],
    });
    expect(await tracePushers(u, l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['ann', 'dan', 'mallory', 'oscar', 'trent']),
    });
    expect(l.reads).toEqual([u, s, t, r]);
  });

  it('knows nothing when a push on the way was never recorded', async () => {
    const l = ledger({ [sha('c')]: [{ by: 'oscar', before: sha('b') }] });
    expect(await tracePushers(sha('c'), l.at)).toEqual({ kind: 'unknown', sha: sha('b') });
    expect(await tracePushers(sha('d'), l.at)).toEqual({ kind: 'unknown', sha: sha('d') });
    // Pushes about other commits say nothing about the one read.
    const other = ledger({ [sha('d')]: [push(sha('c'), 'oscar', sha('b'))] });
    expect(await tracePushers(sha('d'), other.at)).toEqual({ kind: 'unknown', sha: sha('d') });
  });

  it("takes no workflow token's push for a person's: neither a push nor an opening by it is known", async () => {
    const [a, b, c] = [sha('a'), sha('b'), sha('c')];
    const pushed = ledger({
      [a]: [{ by: 'mallory', before: null }],
      [b]: [{ by: 'GitHub-Actions[bot]', before: a }],
      [c]: [{ by: 'oscar', before: b }],
    });
    expect(await tracePushers(c, pushed.at)).toEqual({
      kind: 'unknown',
      sha: b,
      workflow: 'GitHub-Actions[bot]',
    });
    // Copilot's coding agent pushes for whoever asked it, as the workflow token does.
    const agent = ledger({ [a]: [{ by: 'mallory', before: null }], [b]: [{ by: 'Copilot', before: a }] });
    expect(await tracePushers(b, agent.at)).toEqual({ kind: 'unknown', sha: b, workflow: 'Copilot' });
    // Its reopening is no start either: the gap behind it still counts; a person's reopening ends it.
    const reopened = ledger({
      [b]: [
        { by: 'github-actions[bot]', before: null },
        { by: 'trent', before: a },
      ],
    });
    expect(await tracePushers(b, reopened.at)).toEqual({ kind: 'unknown', sha: a });
    const byPerson = ledger({
      [b]: [
        { by: 'github-actions[bot]', before: a },
        { by: 'ivy', before: null },
      ],
    });
    expect(await tracePushers(b, byPerson.at)).toEqual({
      kind: 'ok',
      pushers: logins(['github-actions[bot]', 'ivy']),
    });
  });

  it('goes on behind a push for whoever asks that added nothing of its own, asking only about such pushes', async () => {
    const [a, b, c] = [sha('a'), sha('b'), sha('c')];
    const l = ledger({
      [a]: [{ by: 'mallory', before: null }],
      [b]: [{ by: 'github-actions[bot]', before: a }],
      [c]: [{ by: 'oscar', before: b }],
    });
    const asked: Push[] = [];
    const nothing = async (p: Push) => {
      asked.push(p);
      return { kind: 'ok' as const, value: true };
    };
    expect(await tracePushers(c, l.at, { addsNothing: nothing })).toEqual({
      kind: 'ok',
      pushers: logins(['github-actions[bot]', 'mallory', 'oscar']),
    });
    expect(asked).toEqual([push(b, 'github-actions[bot]', a)]);
    // Something of its own: the push stays nobody's known push.
    const something = async () => ({ kind: 'ok' as const, value: false });
    expect(await tracePushers(c, l.at, { addsNothing: something })).toEqual({
      kind: 'unknown',
      sha: b,
      workflow: 'github-actions[bot]',
    });
    // Unanswered: the trace fails with the reason, neither open nor "unknown".
    const failing = async () => ({ kind: 'error' as const, reason: 'GitHub answered 502', transient: true });
    expect(await tracePushers(c, l.at, { addsNothing: failing })).toEqual({
      kind: 'error',
      reason: 'GitHub answered 502',
      transient: true,
    });
    // Whoever pushed the commit before it must be known still.
    const unrecorded = ledger({ [b]: [{ by: 'github-actions[bot]', before: a }] });
    expect(await tracePushers(b, unrecorded.at, { addsNothing: nothing })).toEqual({
      kind: 'unknown',
      sha: a,
    });
  });

  it("asks about a person's push only for those asked for, and one that added nothing makes them no pusher", async () => {
    // mallory opened at a; olivia (a reviewer) merged the base in (b); mallory pushed again (c).
    const [a, b, c] = [sha('a'), sha('b'), sha('c')];
    const l = ledger({
      [a]: [{ by: 'mallory', before: null }],
      [b]: [{ by: 'olivia', before: a, id: 41 }],
      [c]: [{ by: 'mallory', before: b }],
    });
    const asked: Push[] = [];
    const answer = (value: boolean) => async (p: Push) => {
      asked.push(p);
      return { kind: 'ok' as const, value };
    };
    const olivia = (p: Push) => p.by === 'olivia';
    expect(await tracePushers(c, l.at, { addsNothing: answer(true), askFor: olivia })).toEqual({
      kind: 'ok',
      pushers: logins(['mallory']),
      passedThrough: [{ ...push(b, 'olivia', a), id: 41 }],
    });
    expect(asked).toEqual([{ ...push(b, 'olivia', a), id: 41 }]);
    // Not asked for (not a reviewer): never asked, and a pusher as ever.
    asked.length = 0;
    expect(await tracePushers(c, l.at, { addsNothing: answer(true) })).toEqual({
      kind: 'ok',
      pushers: [{ login: 'mallory' }, { login: 'olivia', id: 41 }],
    });
    expect(asked).toEqual([]);
    // Something of its own (a merge that resolved a conflict): a pusher, and no gap (a person pushed).
    expect(await tracePushers(c, l.at, { addsNothing: answer(false), askFor: olivia })).toEqual({
      kind: 'ok',
      pushers: [{ login: 'mallory' }, { login: 'olivia', id: 41 }],
    });
    // Unanswered: the trace fails with the reason, never counts her out.
    const failing = async () => ({ kind: 'error' as const, reason: 'GitHub answered 502', transient: true });
    expect(await tracePushers(c, l.at, { addsNothing: failing, askFor: olivia })).toEqual({
      kind: 'error',
      reason: 'GitHub answered 502',
      transient: true,
    });
  });

  it('keeps a person a pusher for content they pushed elsewhere, asking no more once one push of theirs added something', async () => {
    // olivia merged the base in (b), pushed content of her own (c), merged the base in again (d).
    const [a, b, c, d] = [sha('a'), sha('b'), sha('c'), sha('d')];
    const l = ledger({
      [a]: [{ by: 'mallory', before: null }],
      [b]: [{ by: 'olivia', before: a }],
      [c]: [{ by: 'olivia', before: b }],
      [d]: [{ by: 'olivia', before: c }],
    });
    const asked: string[] = [];
    const addsNothing = async (p: Push) => {
      asked.push(p.after);
      return { kind: 'ok' as const, value: p.after !== c };
    };
    expect(await tracePushers(d, l.at, { addsNothing, askFor: (p) => p.by === 'olivia' })).toEqual({
      kind: 'ok',
      pushers: logins(['mallory', 'olivia']),
    });
    expect(asked).toEqual([d, c]);
    // An opening of hers: she counts for all it held; nothing is asked.
    asked.length = 0;
    const opened = ledger({ [a]: [{ by: 'olivia', before: null }], [b]: [{ by: 'olivia', before: a }] });
    expect(await tracePushers(b, opened.at, { addsNothing, askFor: (p) => p.by === 'olivia' })).toEqual({
      kind: 'ok',
      pushers: logins(['olivia']),
    });
    expect(asked).toEqual([]);
  });

  it(`compares at most ${MAX_PASS_THROUGH_PROOFS} pushes with the trees, and past that says so and how to recover`, async () => {
    // mallory opened at commit 0; the workflow token merged the base in `n` times since.
    const chain = (n: number) => {
      const at = (i: number) => i.toString(16).padStart(40, '0');
      const records: Record<string, PushEntry[]> = { [at(0)]: [{ by: 'mallory', before: null }] };
      for (let i = 1; i <= n; i++) records[at(i)] = [{ by: 'github-actions[bot]', before: at(i - 1) }];
      return { head: at(n), oldest: at(1), l: ledger(records) };
    };
    let asked = 0;
    const addsNothing = async () => {
      asked++;
      return { kind: 'ok' as const, value: true };
    };
    const atCap = chain(MAX_PASS_THROUGH_PROOFS);
    expect(await tracePushers(atCap.head, atCap.l.at, { addsNothing })).toEqual({
      kind: 'ok',
      pushers: logins(['github-actions[bot]', 'mallory']),
    });
    expect(asked).toBe(MAX_PASS_THROUGH_PROOFS);
    asked = 0;
    const past = chain(MAX_PASS_THROUGH_PROOFS + 1);
    const trace = await tracePushers(past.head, past.l.at, { addsNothing });
    expect(asked).toBe(MAX_PASS_THROUGH_PROOFS);
    // The oldest push is the one left uncompared (the newest are asked first).
    expect(trace).toEqual({
      kind: 'unknown',
      sha: past.oldest,
      workflow: 'github-actions[bot]',
      uncompared: MAX_PASS_THROUGH_PROOFS,
    });
    const reason = unknownPusherReason(trace as Extract<typeof trace, { kind: 'unknown' }>);
    expect(reason).toContain(`more than ${MAX_PASS_THROUGH_PROOFS} pushes`);
    expect(reason).toContain('close and reopen the pull request');
    // Reopened by a person at the head: the gap behind is theirs to answer for.
    const reopened = ledger({
      [past.head]: [{ by: 'ivy', before: null }],
    });
    const both = async (s: string) => {
      const mine = await reopened.at(s);
      const theirs = await past.l.at(s);
      return { kind: 'ok' as const, value: [...theirs.value, ...mine.value] };
    };
    expect(await tracePushers(past.head, both, { addsNothing })).toMatchObject({ kind: 'ok' });
  });

  it('takes the accounts the base config names for accounts that push for whoever asks', async () => {
    const [a, b] = [sha('a'), sha('b')];
    const l = ledger({
      [a]: [{ by: 'mallory', before: null }],
      [b]: [{ by: 'Acme-Deployer[bot]', before: a }],
    });
    expect(await tracePushers(b, l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['acme-deployer[bot]', 'mallory']),
    });
    expect(await tracePushers(b, l.at, { steerable: ['@acme-deployer[bot]'] })).toEqual({
      kind: 'unknown',
      sha: b,
      workflow: 'Acme-Deployer[bot]',
    });
  });

  it('accepts a gap only behind a reopening, and never drops who pushed after it', async () => {
    // trent pushed b (unrecorded gap behind a), ivy reopened at b, oscar pushed c on top.
    const l = ledger({
      [sha('c')]: [{ by: 'oscar', before: sha('b') }],
      [sha('b')]: [
        { by: 'trent', before: sha('a') },
        { by: 'ivy', before: null },
      ],
    });
    expect(await tracePushers(sha('c'), l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['ivy', 'oscar', 'trent']),
    });
  });

  it('drops nobody it knows of behind a reopening when a gap lies further back', async () => {
    // a was never recorded (a gap); bob pushed b on it, carol c; ivy reopened at c.
    const l = ledger({
      [sha('c')]: [
        { by: 'carol', before: sha('b') },
        { by: 'ivy', before: null },
      ],
      [sha('b')]: [{ by: 'bob', before: sha('a') }],
    });
    expect(await tracePushers(sha('c'), l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['bob', 'carol', 'ivy']),
    });
  });

  it('a reopening erases nobody when the history is complete', async () => {
    const l = ledger({
      [sha('c')]: [
        { by: 'alice', before: sha('b') },
        { by: 'ivy', before: null },
      ],
      [sha('b')]: [{ by: 'oscar', before: sha('a') }],
      [sha('a')]: [{ by: 'mallory', before: null }],
    });
    expect(await tracePushers(sha('c'), l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['alice', 'ivy', 'mallory', 'oscar']),
    });
  });

  it('survives a head force-pushed away and back, reading each commit once', async () => {
    const l = ledger({
      [sha('a')]: [
        { by: 'mallory', before: null },
        { by: 'trent', before: sha('b') },
      ],
      [sha('b')]: [{ by: 'oscar', before: sha('a') }],
    });
    expect(await tracePushers(sha('a'), l.at)).toEqual({
      kind: 'ok',
      pushers: logins(['mallory', 'oscar', 'trent']),
    });
    expect(l.reads).toEqual([sha('a'), sha('b')]);
  });

  it('fails (with the reason) when the records cannot be read, or the history is endless', async () => {
    const failing = async () => ({ kind: 'error' as const, reason: 'GitHub answered 502', transient: true });
    expect(await tracePushers(sha('a'), failing)).toEqual({
      kind: 'error',
      reason: 'GitHub answered 502',
      transient: true,
    });
    const endless = async (s: string) => ({
      kind: 'ok' as const,
      value: [{ after: s, by: 'bot', before: (BigInt(`0x${s}`) + 1n).toString(16).padStart(40, '0') }],
    });
    const result = await tracePushers(sha('1'), endless);
    expect(result).toMatchObject({ kind: 'error', reason: expect.stringContaining(`${MAX_TRACED_COMMITS}`) });
  });
});
