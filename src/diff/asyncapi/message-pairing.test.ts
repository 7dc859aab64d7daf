import { describe, expect, it } from 'vitest';
import type { SchemaEnv } from '../schema/compare.js';
import type { AsyncMessage } from './model.js';
import { matchMessages } from './message-pairing.js';

/**
 * The pairing of an operation's messages, at the scale a hostile contract can write: thousands of
 * messages in one `oneOf`. Each pass looks candidates up by key, so the work grows with the number
 * of messages, not with their product; counted here as `$ref`s followed and places compared.
 */
const FILE = 'api.yaml';
const N = 2_000;

interface Counts {
  resolved: number;
  placesCompared: number;
}

/** The components of one side: `m<i>` is a message whose payload has the one field `f<i>`. */
const components = new Map<string, unknown>(
  Array.from({ length: N }, (_, i) => [`/components/messages/m${i}`, content(`f${i}`)] as const),
);

function content(field: string, type = 'string'): unknown {
  return { payload: { type: 'object', properties: { [field]: { type } } } };
}

function env(counts: Counts): SchemaEnv {
  const scope = {
    documents: new Map(),
    resolve: (_from: string, ref: string) => {
      counts.resolved++;
      const pointer = ref.slice(1);
      const value = components.get(pointer);
      return value === undefined ? undefined : { file: FILE, pointer, value };
    },
  };
  const structural = {
    samePlace: (b: { file: string; pointer: string }, h: { file: string; pointer: string }) => {
      counts.placesCompared++;
      return b.file === h.file && b.pointer === h.pointer;
    },
  };
  return { base: scope, head: scope, structural } as unknown as SchemaEnv;
}

/** A message entry of a 2.x `oneOf`: a `$ref` to component `m<i>`, or written in place. */
function message(i: number, how: 'ref' | 'in-place', field = `f${i}`, type = 'string'): AsyncMessage {
  const ref = how === 'ref';
  return {
    file: FILE,
    pointer: ref ? `/components/messages/m${i}` : `/channels/c/subscribe/message/oneOf/${i}`,
    key: ref ? `m${i}` : `#${i + 1}`,
    names: [],
    anonymous: !ref,
    content: ref ? { $ref: `#/components/messages/m${i}` } : content(field, type),
  } as AsyncMessage;
}

const side = (messages: AsyncMessage[]) => new Map(messages.map((m) => [m.key, m]));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('pairing thousands of messages', () => {
  it('pairs each component message with the same message written out in place, following each ref once', () => {
    const counts: Counts = { resolved: 0, placesCompared: 0 };
    // The head writes the messages out in reverse order: only their content can pair them.
    const base = side(range(N).map((i) => message(i, 'ref')));
    const head = side(range(N).map((i) => message(N - 1 - i, 'in-place')));
    const { matched, removed, added } = matchMessages(env(counts), base, head);
    expect(removed).toEqual([]);
    expect(added).toEqual([]);
    expect(matched).toHaveLength(N);
    for (const [b, h] of matched) expect(h.pointer.endsWith(`/${b.key.slice(1)}`)).toBe(true);
    // Trying every head message for every base one followed a ref N × N times (4,000,000).
    expect(counts.resolved).toBeLessThanOrEqual(2 * N);
    expect(counts.placesCompared).toBeLessThanOrEqual(2 * N);
  });

  it('pairs messages written in place by the fields they share, the first in order among equals', () => {
    const counts: Counts = { resolved: 0, placesCompared: 0 };
    // Each base message shares its field's name with one head message (shifted by one), whose type
    // differs; the last shares none and stays removed, as the head's first stays added.
    const base = side(range(N).map((i) => message(i, 'in-place', `f${i}`)));
    const head = side(range(N).map((i) => message(i, 'in-place', `f${i - 1}`, 'integer')));
    const { matched, removed, added } = matchMessages(env(counts), base, head);
    expect(matched).toHaveLength(N - 1);
    for (const [b, h] of matched) expect(h.key).toBe(`#${Number(b.key.slice(1)) + 1}`);
    expect(removed.map((m) => m.key)).toEqual([`#${N}`]);
    expect(added.map((m) => m.key)).toEqual(['#1']);
  });
});
