import { describe, expect, it } from 'vitest';
import type { PushEntry } from './pushes.js';
import { MAX_TRACED_COMMITS, parsePushes, serializePushes, tracePushers, withPush } from './pushes.js';

const sha = (c: string) => c.repeat(40);

function ledger(records: Record<string, PushEntry[]>) {
  const reads: string[] = [];
  return {
    reads,
    at: async (s: string) => {
      reads.push(s);
      return { kind: 'ok' as const, value: records[s] ?? [] };
    },
  };
}

describe('push records', () => {
  it('round-trip through the stored text and ignore anything that is not theirs', () => {
    const entries = [
      { by: 'mallory', before: null },
      { by: 'oscar', before: sha('a') },
    ];
    expect(parsePushes(serializePushes(entries))).toEqual(entries);
    expect(parsePushes(null)).toEqual([]);
    expect(parsePushes('ci-run-42')).toEqual([]);
    expect(parsePushes('blueprint-review/pushes/v1:{"not":"a list"}')).toEqual([]);
    expect(
      parsePushes('blueprint-review/pushes/v1:[["<b>x</b>",null],["ok","../../x"],["bob",null]]'),
    ).toEqual([{ by: 'bob', before: null }]);
  });

  it('add a push once (a redelivery changes nothing)', () => {
    const first = withPush([], { by: 'Oscar', before: sha('a') });
    expect(first.changed).toBe(true);
    expect(withPush(first.entries, { by: 'oscar', before: sha('a') }).changed).toBe(false);
    expect(withPush(first.entries, { by: 'oscar', before: sha('b') }).changed).toBe(true);
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
      pushers: ['mallory', 'oscar', 'peggy'],
    });
  });

  it('knows nothing when a push on the way was never recorded', async () => {
    const l = ledger({ [sha('c')]: [{ by: 'oscar', before: sha('b') }] });
    expect(await tracePushers(sha('c'), l.at)).toEqual({ kind: 'unknown', sha: sha('b') });
    expect(await tracePushers(sha('d'), l.at)).toEqual({ kind: 'unknown', sha: sha('d') });
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
    expect(await tracePushers(sha('c'), l.at)).toEqual({ kind: 'ok', pushers: ['ivy', 'oscar', 'trent'] });
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
      pushers: ['alice', 'ivy', 'mallory', 'oscar'],
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
      pushers: ['mallory', 'oscar', 'trent'],
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
      value: [{ by: 'bot', before: (BigInt(`0x${s}`) + 1n).toString(16).padStart(40, '0') }],
    });
    const result = await tracePushers(sha('1'), endless);
    expect(result).toMatchObject({ kind: 'error', reason: expect.stringContaining(`${MAX_TRACED_COMMITS}`) });
  });
});
