import { describe, expect, it } from 'vitest';
import type { Push, PushEntry } from './pushes.js';
import {
  MAX_RECORD_CHARS,
  MAX_TRACED_COMMITS,
  newPushes,
  packPushes,
  parsePushes,
  recordCommit,
  serializePushes,
  tracePushers,
} from './pushes.js';

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

describe('push records', () => {
  it('round-trip through the stored text, naming each commit once, and ignore anything that is not theirs', () => {
    const pushes = [
      push(sha('a'), 'mallory', null),
      push(sha('b'), 'oscar', sha('a')),
      push(sha('c'), 'ivy', sha('b')),
    ];
    const text = serializePushes(pushes);
    expect(parsePushes(text, sha('f'))).toEqual(pushes);
    expect(text.split(sha('a')).length - 1).toBe(1);
    expect(parsePushes(null, sha('a'))).toEqual([]);
    expect(parsePushes('ci-run-42', sha('a'))).toEqual([]);
    expect(parsePushes('blueprint-review/pushes/v2:{"not":"a list"}', sha('a'))).toEqual([]);
    expect(
      parsePushes(
        `blueprint-review/pushes/v2:[["${sha('a')}","short"],[[0,"bob",null],[1,"eve",0],[0,"<b>x</b>",null],[7,"ann",null],["0","dan",null]]]`,
        sha('f'),
      ),
    ).toEqual([push(sha('a'), 'bob', null)]);
  });

  it("keep the pusher's account id where the delivery gave it, and refuse a row whose id is not one", () => {
    const pushes = [{ ...push(sha('a'), 'oscar', null), id: 7001 }, push(sha('b'), 'ivy', sha('a'))];
    expect(parsePushes(serializePushes(pushes), sha('f'))).toEqual(pushes);
    expect(
      parsePushes(
        `blueprint-review/pushes/v2:[["${sha('a')}"],[[0,"bob",null,"7"],[0,"eve",null,0],[0,"ann",null,7,8],[0,"dan",null,12]]]`,
        sha('f'),
      ),
    ).toEqual([{ ...push(sha('a'), 'dan', null), id: 12 }]);
  });

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

  it('still read records of the first version, as pushes to the commit they are on', () => {
    expect(
      parsePushes(
        'blueprint-review/pushes/v1:[["<b>x</b>",null],["ok","../../x"],["bob",null],["oscar","' +
          sha('a') +
          '"]]',
        sha('b'),
      ),
    ).toEqual([push(sha('b'), 'bob', null), push(sha('b'), 'oscar', sha('a'))]);
  });

  it('add a push once (a redelivery changes nothing)', () => {
    const first = [push(sha('c'), 'Oscar', sha('a'))];
    expect(newPushes([push(sha('c'), 'oscar', sha('a'))], first)).toEqual([]);
    expect(newPushes([push(sha('c'), 'oscar', sha('b'))], first)).toHaveLength(1);
    expect(newPushes([push(sha('d'), 'oscar', sha('a'))], first)).toHaveLength(1);
    expect(
      newPushes(
        [push(sha('c'), 'oscar', sha('a')), push(sha('d'), 'x', null), push(sha('d'), 'X', null)],
        first,
      ),
    ).toEqual([push(sha('d'), 'x', null)]);
  });

  it('are recorded on the newest head, also when the deliveries came out of order', () => {
    const [a, b, c, d] = [sha('a'), sha('b'), sha('c'), sha('d')];
    expect(recordCommit([push(b, 'x', a), push(c, 'y', b), push(d, 'z', c)])).toBe(d);
    expect(recordCommit([push(d, 'z', c), push(b, 'x', a), push(c, 'y', b)])).toBe(d);
    // Away and back: no head is left by none of them, so the newest push's.
    expect(recordCommit([push(b, 'x', a), push(a, 'y', b)])).toBe(a);
    expect(recordCommit([push(a, 'ann', null), push(a, 'rex', null)])).toBe(a);
  });

  it('pack the newest pushes that fit in one record, and leave the rest to another record', () => {
    const fresh = Array.from({ length: 30 }, (_, i) =>
      push(
        i.toString(16).padStart(40, '1'),
        'someone-with-a-long-login',
        (i + 1).toString(16).padStart(40, '2'),
      ),
    );
    const { packed, rest } = packPushes(fresh);
    expect(packed.length).toBeGreaterThan(0);
    expect(rest.length).toBeGreaterThan(0);
    expect([...rest, ...packed]).toEqual(fresh);
    expect(serializePushes(packed).length).toBeLessThanOrEqual(MAX_RECORD_CHARS);
    expect(serializePushes(fresh.slice(rest.length - 1)).length).toBeGreaterThan(MAX_RECORD_CHARS);
    // However small the limit, a record takes one push: none is ever left unrecorded.
    expect(packPushes(fresh, 10)).toEqual({ packed: fresh.slice(29), rest: fresh.slice(0, 29) });
  });
});

describe('tracePushers', () => {
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
