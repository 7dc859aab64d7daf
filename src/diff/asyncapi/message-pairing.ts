import type { SchemaEnv } from '../schema/compare.js';
import type { Place } from '../types.js';
import type { AsyncMessage } from './model.js';
import { isRecord } from '../json.js';
import { resolvedText } from '../resolved-text.js';

export interface MessagePairing {
  matched: [AsyncMessage, AsyncMessage][];
  removed: AsyncMessage[];
  added: AsyncMessage[];
}

/**
 * Pairs an operation's messages across the two sides. The entry's key is the document's own word
 * (a 2.x `oneOf` names its messages by component, a 3.0 channel by map keys an author may rename),
 * so a message without a counterpart of the same key is looked for as the same element (the one
 * component both entries refer to), then by what names it on the wire (`messageId`, `name`). Only
 * what none of these pairs is removed or added: a migration from 2.x to 3.0, or a renamed entry,
 * moves no message.
 *
 * Every pass looks its candidates up by a key instead of trying each head message for each base
 * one: a contract is written by whoever opens the pull request, and a `oneOf` of thousands of
 * messages made the pairing quadratic (1,000 named against 1,000 written in place: 9.6 s).
 */
export function matchMessages(
  env: SchemaEnv,
  b: ReadonlyMap<string, AsyncMessage>,
  h: ReadonlyMap<string, AsyncMessage>,
): MessagePairing {
  // One message on each side is the same message, however either side names it — unless each is a
  // message the other side still holds where it was: the operation now carries another message.
  if (b.size === 1 && h.size === 1) {
    const [bm, hm] = [[...b.values()][0]!, [...h.values()][0]!];
    if (!distinctMessages(env, bm, hm)) return { matched: [[bm, hm]], removed: [], added: [] };
  }
  const pairing = new Pairing([...b.values()], [...h.values()]);
  // Messages written inline with nothing naming them are keyed and placed by position, which an
  // inserted message shifts: they pair by content, then in their order.
  const named = (bm: AsyncMessage, hm: AsyncMessage) => !(bm.anonymous && hm.anonymous);
  pairing.pass((m) => [m.key], named);
  pairing.pass(
    (m) => [m.pointer],
    (bm, hm) => named(bm, hm) && env.structural.samePlace(bm, hm),
  );
  pairing.pass((m) => m.names);
  pairing.pass((m) => (m.anonymous ? [JSON.stringify(m.content) ?? ''] : []));
  // A named message written out in place, nothing naming it now (or the reverse), is that message
  // when it reads alike with its `$ref`s followed: the component's key never reaches the wire. The
  // key says which kind it is and the base looks for the other kind.
  if (pairing.bothKindsLeft())
    pairing.pass((m, side) => {
      const text = resolvedText(side === 'base' ? env.base : env.head, { ...m, value: m.content });
      return [`${m.anonymous === (side === 'base') ? 'named' : 'anonymous'} ${text}`];
    });
  // Then each with the one it has most in common with (payload fields, by name and as written).
  pairing.bestOverlap((m) => (m.anonymous ? payloadFields(m) : []));
  return pairing.result();
}

type Side = 'base' | 'head';

/** The messages of both sides while passes pair them: those left, in each side's order. */
class Pairing {
  private readonly matched: [AsyncMessage, AsyncMessage][] = [];
  private baseLeft: AsyncMessage[];
  private readonly headLeft: Set<AsyncMessage>;
  /** Each head message's place in the head's order: a pass pairs with the first that fits. */
  private readonly headOrder: Map<AsyncMessage, number>;

  constructor(base: AsyncMessage[], head: AsyncMessage[]) {
    this.baseLeft = base;
    this.headLeft = new Set(head);
    this.headOrder = new Map(head.map((m, i) => [m, i]));
  }

  /**
   * Pairs each base message left, in order, with the first head message left (in the head's order)
   * that shares one of its keys and that `fits` it.
   */
  pass(
    keys: (m: AsyncMessage, side: Side) => readonly string[],
    fits: (bm: AsyncMessage, hm: AsyncMessage) => boolean = () => true,
  ): void {
    const byKey = this.headByKey((m) => keys(m, 'head'));
    this.baseLeft = this.baseLeft.filter((bm) => {
      let first: AsyncMessage | undefined;
      for (const key of new Set(keys(bm, 'base'))) {
        const candidate = this.firstFitting(byKey.get(key), (hm) => fits(bm, hm));
        if (candidate && (!first || this.headOrder.get(candidate)! < this.headOrder.get(first)!))
          first = candidate;
      }
      if (!first) return true;
      this.take(bm, first);
      return false;
    });
  }

  /**
   * Pairs each base message left, in order, with the head message left that shares the most of its
   * features (the first in the head's order among equals); a message sharing none stays unpaired.
   * Only messages sharing a feature are scored, through an index of the head's features.
   */
  bestOverlap(features: (m: AsyncMessage) => readonly string[]): void {
    const byFeature = this.headByKey(features);
    this.baseLeft = this.baseLeft.filter((bm) => {
      const scores = new Map<AsyncMessage, number>();
      for (const feature of new Set(features(bm)))
        for (const hm of byFeature.get(feature) ?? [])
          if (this.headLeft.has(hm)) scores.set(hm, (scores.get(hm) ?? 0) + 1);
      let best: AsyncMessage | undefined;
      let bestScore = 0;
      for (const [hm, score] of scores)
        if (
          score > bestScore ||
          (score === bestScore && this.headOrder.get(hm)! < this.headOrder.get(best!)!)
        )
          [best, bestScore] = [hm, score];
      if (!best) return true;
      this.take(bm, best);
      return false;
    });
  }

  /** Whether a message with nothing naming it is left on one side and a named one on the other. */
  bothKindsLeft(): boolean {
    const kinds = (messages: Iterable<AsyncMessage>) => {
      const seen = new Set<boolean>();
      for (const m of messages) seen.add(m.anonymous);
      return seen;
    };
    const base = kinds(this.baseLeft);
    const head = kinds(this.headLeft);
    return (base.has(true) && head.has(false)) || (base.has(false) && head.has(true));
  }

  result(): MessagePairing {
    return { matched: this.matched, removed: this.baseLeft, added: [...this.headLeft] };
  }

  /** The head messages left, by each of their keys, in the head's order. */
  private headByKey(keys: (m: AsyncMessage) => readonly string[]): Map<string, AsyncMessage[]> {
    const byKey = new Map<string, AsyncMessage[]>();
    for (const hm of this.headLeft)
      for (const key of new Set(keys(hm))) {
        const list = byKey.get(key);
        if (list) list.push(hm);
        else byKey.set(key, [hm]);
      }
    return byKey;
  }

  /**
   * The first message of a list that is still left and fits. Messages taken are dropped from the
   * list's front as they are met, so a list many base messages draw on is not read again each time.
   */
  private firstFitting(
    list: AsyncMessage[] | undefined,
    fits: (hm: AsyncMessage) => boolean,
  ): AsyncMessage | undefined {
    if (!list) return undefined;
    let taken = 0;
    while (taken < list.length && !this.headLeft.has(list[taken]!)) taken++;
    if (taken > 0) list.splice(0, taken);
    return list.find((hm) => this.headLeft.has(hm) && fits(hm));
  }

  private take(bm: AsyncMessage, hm: AsyncMessage): void {
    this.headLeft.delete(hm);
    this.matched.push([bm, hm]);
  }
}

/**
 * Two named messages that are not one renamed: neither names the other, they differ, they are
 * written in different places and each side still holds a message (not a `$ref` to one) where the
 * other's was.
 * Swapping `userSignedUp` for `userCompletedOrder`, both kept in the channel, is that; a message
 * renamed, moved into a component or migrated from 2.x to 3.0 is not.
 */
function distinctMessages(env: SchemaEnv, bm: AsyncMessage, hm: AsyncMessage): boolean {
  if (bm.anonymous || hm.anonymous || env.structural.samePlace(bm, hm)) return false;
  if (bm.names.some((n) => hm.names.includes(n))) return false;
  if (JSON.stringify(bm.content) === JSON.stringify(hm.content)) return false; // one message, moved
  // Where each one's place is on the other side: is a message still written there?
  return (
    messageWrittenAt(env.head, { file: env.structural.headFileOf(bm.file), pointer: bm.pointer }) &&
    messageWrittenAt(env.base, { file: env.structural.baseFileOf(hm.file), pointer: hm.pointer })
  );
}

/** The side holds a message written at the place (not a `$ref` to one, nor nothing). */
function messageWrittenAt(scope: SchemaEnv['base'], place: Place): boolean {
  const found = scope.resolve(place.file, `#${place.pointer}`);
  return isRecord(found?.value) && found.value.$ref === undefined;
}

/** A payload's fields: each property's name, and its name with its schema as written. */
function payloadFields(m: AsyncMessage): string[] {
  const payload = isRecord(m.content) ? m.content.payload : undefined;
  const properties = isRecord(payload) && isRecord(payload.properties) ? payload.properties : {};
  return Object.entries(properties).flatMap(([name, schema]) => [name, `${name}=${JSON.stringify(schema)}`]);
}
