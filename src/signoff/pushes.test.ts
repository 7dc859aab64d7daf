import { describe, expect, it } from 'vitest';
import type { Push } from './pushes.js';
import {
  MAX_RECORD_CHARS,
  newPushes,
  packPushes,
  parsePushes,
  recordCommit,
  serializePushes,
} from './pushes.js';

const sha = (c: string) => c.repeat(40);
const push = (after: string, by: string, before: string | null): Push => ({ after, by, before });

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
