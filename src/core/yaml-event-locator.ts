/**
 * Where pointers are in a YAML text read by js-yaml (fast-yaml.ts), from the positions js-yaml's
 * `listener` reports as it composes each node: the same ranges the yaml library's source map gives
 * (yaml-locate.ts) — a mapping entry from its key to the end of its value, a list item from its value
 * — without yaml composing a node per value (~20× the cost of js-yaml's parse).
 *
 * js-yaml reports an `open` event where it starts composing a node and a `close` event where it
 * stops, with the node's kind and value. Three of its habits are undone here: a mapping's key is
 * composed like any node, and is told from the value by the `:` after it; a node on the line after
 * its key is first composed as a would-be key, which wraps the node in a second event with the same
 * value; and an `open` comes before the spaces, comments and properties (`&anchor`, `!tag`) in front
 * of a node. Ends follow yaml: a block collection or block scalar ends after the line break of its
 * last line (a `+` block scalar after its kept blank lines), an empty value after its `:` or `-`
 * and the blanks after it, anything else after its last character. A mapping or list whose nodes
 * do not pair up with its value throws `Unlocatable`, and the caller asks yaml instead.
 */
import type { Offsets } from './yaml-aliases.js';

/** A node js-yaml composed: where it started and stopped, what it is, and its nodes in order. */
export interface Frame {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

export class Unlocatable extends Error {}

type Listener = (
  event: 'open' | 'close',
  state: { position: number; kind: string | null; result: unknown },
) => void;

/**
 * Collects js-yaml's events into frames (`root()` after the load), and notes the first construct
 * yaml reads otherwise (`refusal()`):
 * - a tag or an anchor (js-yaml delimits such nodes apart; an anchor is there for an alias);
 * - an alias (yaml counts it against the alias limit, and its range differs);
 * - a flow collection as a key (js-yaml names `[a, b]` `a,b`, yaml `[ a, b ]`);
 * - what yaml refuses and js-yaml accepts: a quoted scalar or flow collection whose later lines are
 *   not indented past the line it starts on, or that `#` follows with no space;
 * - what the two read apart: an empty block scalar, a block scalar followed by a line of spaces
 *   only, and an escaped line break before an empty line in a double-quoted scalar.
 */
export function frameRecorder(text: string): {
  listener: Listener;
  root: () => Frame | undefined;
  refusal: () => string | undefined;
} {
  const top: Frame = { start: 0, end: 0, kind: null, result: null, children: [] };
  const stack: Frame[] = [top];
  let refusal: string | undefined;
  return {
    listener(event, state) {
      if (event === 'open') {
        stack.push({ start: state.position, end: 0, kind: null, result: null, children: [] });
        return;
      }
      const frame = stack.pop()!;
      frame.end = state.position;
      frame.kind = state.kind;
      frame.result = state.result;
      stack[stack.length - 1]!.children.push(frame);
      refusal ??= readOtherwise(text, frame, stack);
    },
    root: () => top.children[0],
    refusal: () => refusal,
  };
}

function readOtherwise(text: string, frame: Frame, open: readonly Frame[]): string | undefined {
  const start = valueStart(text, frame.start);
  // A tag or an anchor (`!!str 12`, `&a x`): js-yaml and yaml delimit such nodes apart (`k: &a v: w`
  // is refused by yaml only), and an anchor is there for an alias, which goes to yaml anyway.
  if (hasProperty(text, frame.start, start)) return 'a tag or an anchor';
  const first = text.charCodeAt(start);
  if (frame.kind === null) return first === 0x2a /* * */ && start < frame.end ? 'an alias' : undefined;
  const collection = frame.kind === 'mapping' || frame.kind === 'sequence';
  if (collection && followedByColon(text, frame.end)) return 'a collection as a key';
  if (first === 0x7c /* | */ || first === 0x3e /* > */) {
    // yaml's range of an empty block scalar takes in the blank lines after it; nobody writes one.
    if (frame.result === '') return 'an empty block scalar';
    // Followed by a line of spaces only, the two read it apart (inside its text they read alike).
    const after = text.slice(trimmedEnd(text, start, frame.end), afterBlanks(text, frame.end));
    if (/\n[ \t]+(?:\r?\n|$)/.test(after)) return 'a block scalar followed by a line of spaces only';
  }
  const bracketed = first === 0x5b /* [ */ || first === 0x7b; /* { */
  const quoted = first === 0x22 /* " */ || first === 0x27; /* ' */
  // An escaped line break (a double-quoted line ending in `\`) before an empty line: the two join
  // such lines apart.
  if (first === 0x22 && /\\\r?\n[ \t]*\r?\n/.test(text.slice(start, frame.end)))
    return 'an escaped line break before an empty line';
  // `"x"#c`, `[a]#c`: yaml wants a space before a comment; js-yaml reads one.
  if (
    (collection ? bracketed : quoted) &&
    text.charCodeAt(trimmedEnd(text, start, frame.end)) === 0x23 /* # */
  )
    return 'a comment right after a closing quote or bracket';
  if (
    (collection ? bracketed : quoted) &&
    !laterLinesIndented(text, start, frame.end, collection) &&
    !insideFlow(text, start, open)
  )
    return 'a multi-line value indented no deeper than its first line';
  return undefined;
}

/** Whether a property (a tag `!…` or an anchor `&…`) stands between a node's event and its text. */
function hasProperty(text: string, from: number, start: number): boolean {
  for (let i = from; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) i = lineEnd(text, i);
    else if (c === 0x21 /* ! */ || c === 0x26 /* & */) return true;
  }
  return false;
}

/**
 * Whether a node starting at `start` sits inside a flow collection (where indentation is free): an
 * open node that starts before it with `[` or `{`. (A node on the line after its key is also open
 * as a would-be key starting at the same place: not an enclosing collection.)
 */
function insideFlow(text: string, start: number, open: readonly Frame[]): boolean {
  for (let i = open.length - 1; i >= 1; i--) {
    const at = valueStart(text, open[i]!.start);
    const c = text.charCodeAt(at);
    if (at < start && (c === 0x5b /* [ */ || c === 0x7b) /* { */) return true;
  }
  return false;
}

/**
 * Every later non-blank line of a flow value is indented past the line the value starts on, but
 * for the line of its own closing bracket, which may line up with it. yaml's rule is laxer (past
 * the enclosing block collection's indentation); this one never accepts what yaml refuses.
 */
function laterLinesIndented(text: string, start: number, end: number, bracketed: boolean): boolean {
  const own = indentation(text, text.lastIndexOf('\n', start - 1) + 1);
  for (let nl = text.indexOf('\n', start); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const indent = indentation(text, nl + 1);
    const c = text.charCodeAt(nl + 1 + indent);
    if (c === 0x0a || c === 0x0d || Number.isNaN(c) || indent > own) continue;
    // Its own closing bracket may line up with the line it starts on (a nested one may not).
    if (bracketed && indent === own && nl + 1 + indent === end - 1) continue;
    return false;
  }
  return true;
}

function indentation(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 0x20) i++;
  return i - lineStart;
}

/**
 * Offsets [start, end) of the node at a pointer's segments, or of its deepest ancestor that exists.
 * A mapping's entries are paired and indexed on the first lookup that reaches it.
 */
export function eventLocator(text: string, root: Frame): (segments: readonly string[]) => Offsets {
  const entries = new WeakMap<Frame, Map<string, Entry>>();
  const top = unwrap(root);
  const topStart = valueStart(text, top.start);
  const topRange: Offsets = [topStart, valueEnd(text, topStart, top)];
  return (segments) => {
    let frame = top;
    let best = topRange;
    for (const segment of segments) {
      if (frame.kind === 'mapping') {
        const entry = entriesOf(text, frame, entries).get(segment);
        if (!entry) break;
        best = entry.range;
        if (!entry.value) break;
        frame = entry.value;
      } else if (frame.kind === 'sequence') {
        const items = itemsOf(text, frame);
        const index = Number(segment);
        const item = Number.isInteger(index) && index >= 0 ? items[index] : undefined;
        if (!item) break;
        frame = item;
        best = nodeRange(text, item);
      } else break;
    }
    return best;
  };
}

interface Entry {
  range: Offsets;
  /** The value's frame, absent for an empty value. */
  value?: Frame;
}

function entriesOf(text: string, map: Frame, cache: WeakMap<Frame, Map<string, Entry>>): Map<string, Entry> {
  let known = cache.get(map);
  if (!known) {
    known = pairEntries(text, map);
    cache.set(map, known);
  }
  return known;
}

/** The mapping's entries by key: a key is a node followed by `:`, its value the node after it. */
function pairEntries(text: string, map: Frame): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const nodes = map.children.map(unwrap);
  for (let i = 0; i < nodes.length; i++) {
    const key = nodes[i]!;
    if (!followedByColon(text, key.end)) throw new Unlocatable('a mapping node that is not a key');
    const next = nodes[i + 1];
    const value = next && !followedByColon(text, next.end) ? next : undefined;
    if (value) i++;
    const name = String(key.result);
    if (out.has(name)) throw new Unlocatable('a key met twice');
    const keyStart = valueStart(text, key.start);
    out.set(
      name,
      value?.kind
        ? { range: [keyStart, valueEnd(text, valueStart(text, value.start), value)], value }
        : { range: [keyStart, emptyValueEnd(text, key.end)] },
    );
  }
  // Every key of the value, and only those: otherwise the events were not read as js-yaml meant them.
  if (out.size !== Object.keys(map.result as object).length) throw new Unlocatable('keys and entries differ');
  return out;
}

function itemsOf(text: string, list: Frame): Frame[] {
  const items = list.children.map(unwrap);
  if (
    items.length !== (list.result as unknown[]).length ||
    items.some((item) => followedByColon(text, item.end))
  )
    throw new Unlocatable('items and values differ'); // `[a: 1]`: a mapping js-yaml made without events
  return items;
}

function nodeRange(text: string, frame: Frame): Offsets {
  if (!frame.kind) {
    const at = skipBlanks(text, frame.start);
    return [at, at];
  }
  const start = valueStart(text, frame.start);
  return [start, valueEnd(text, start, frame)];
}

/** The innermost of a node's wrappings (a would-be key that turned out to be the value itself). */
function unwrap(frame: Frame): Frame {
  let f = frame;
  while (f.children.length === 1 && f.children[0]!.result === f.result && f.children[0]!.kind === f.kind)
    f = f.children[0]!;
  return f;
}

export function followedByColon(text: string, position: number): boolean {
  return text.charCodeAt(skipBlanks(text, position)) === 0x3a;
}

/** Past spaces and tabs. */
function skipBlanks(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
  return i;
}

/** Where an empty value ends: after its key's `:` and the blanks after it. */
function emptyValueEnd(text: string, keyEnd: number): number {
  return skipBlanks(text, skipBlanks(text, keyEnd) + 1);
}

/** Where a node's own text starts: past spaces, line breaks, comments, an anchor and a tag. */
function valueStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
    else if (c === 0x23 /* # */) i = lineEnd(text, i);
    else if (c === 0x26 /* & */ || c === 0x21 /* ! */)
      while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    else return i;
  }
}

/** Where yaml ends a node that starts at `start`. */
function valueEnd(text: string, start: number, frame: Frame): number {
  const first = text.charCodeAt(start);
  const collection = frame.kind === 'mapping' || frame.kind === 'sequence';
  const flow = first === 0x5b /* [ */ || first === 0x7b; /* { */
  if (collection && !flow) return blockCollectionEnd(text, start, frame);
  if (!collection && (first === 0x7c /* | */ || first === 0x3e) /* > */) {
    // Kept trailing blank lines (`|+`) belong to the scalar; otherwise it ends after its last line.
    const header = text.slice(start, lineEnd(text, start));
    if (/^[|>](?:[1-9]?\+|\+[1-9])/.test(header)) return text.lastIndexOf('\n', frame.end - 1) + 1;
    return afterLine(text, trimmedEnd(text, start, frame.end));
  }
  return trimmedEnd(text, start, frame.end);
}

/**
 * A block collection ends where its last entry does: after the line break of a last value written
 * on one line, after the `:` and blanks of an empty one (after its line when a comment follows),
 * where a last block value ends.
 */
function blockCollectionEnd(text: string, start: number, frame: Frame): number {
  const end = lastEntryEnd(text, start, frame);
  // Comment lines after a collection: yaml takes some of them into its range (how many depends on
  // its parser's state, not only on their indentation), so the range is left to yaml.
  if (commentFollows(text, end)) throw new Unlocatable('comments after a block collection');
  return end;
}

function lastEntryEnd(text: string, start: number, frame: Frame): number {
  const nodes = frame.kind === 'mapping' ? frame.children.map(unwrap) : itemsOf(text, frame);
  const last = nodes[nodes.length - 1];
  if (!last) return trimmedEnd(text, start, frame.end);
  if (frame.kind === 'mapping') {
    // A key with no value node, or an empty value; a comment after it takes the line in.
    const keyEnd = followedByColon(text, last.end)
      ? last.end
      : !last.kind
        ? nodes[nodes.length - 2]!.end
        : -1;
    if (keyEnd >= 0) {
      const end = emptyValueEnd(text, keyEnd);
      return text.charCodeAt(end) === 0x23 /* # */ ? afterLine(text, end) : end;
    }
  } else if (!last.kind) return skipBlanks(text, last.start);
  const lastStart = valueStart(text, last.start);
  const end = valueEnd(text, lastStart, last);
  const c = text.charCodeAt(lastStart);
  const block =
    c === 0x7c ||
    c === 0x3e ||
    ((last.kind === 'mapping' || last.kind === 'sequence') && c !== 0x5b && c !== 0x7b);
  return block ? end : afterLine(text, end);
}

/** Whether the first non-blank line from `from` on (the rest of its own line included) is a comment. */
function commentFollows(text: string, from: number): boolean {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else return c === 0x23; /* # */
  }
}

/** The start of the first line from `from` on that holds more than spaces (or the text's end). */
function afterBlanks(text: string, from: number): number {
  let i = from;
  while (isSpace(text.charCodeAt(i))) i++;
  return i === text.length ? i : text.lastIndexOf('\n', i - 1) + 1;
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

function afterLine(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n + 1;
}
