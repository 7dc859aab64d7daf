/**
 * YAML 1.1 merge keys and aliases in untrusted files: which pairs are merge keys and what they merge,
 * and the three things that stop a document from becoming a value — a merge of something not a
 * mapping, an alias yaml cannot resolve, and an alias bomb — each found at the node that causes it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode, Pair } from 'yaml';
import { maxOf } from './arrays.js';
import { code, token } from './inert-text.js';

/** Offsets [start, end) in the source text. */
export type Offsets = readonly [number, number];

export function isMergePair(pair: unknown): pair is Pair<YamlNode, YamlNode> {
  if (!isPair(pair) || !isScalar(pair.key)) return false;
  const key = pair.key.value;
  return typeof key === 'symbol' && key.description === '<<';
}

/** The maps a merge pair brings in, earliest (strongest) first; undefined when one is not a map. */
export function mergeSources(doc: Document, pair: Pair<YamlNode, YamlNode>): YamlNode[] | undefined {
  const resolve = (node: unknown) => (isAlias(node) ? node.resolve(doc) : node) as YamlNode | undefined;
  const value = resolve(pair.value);
  const sources = isSeq(value) ? value.items.map(resolve) : [value];
  return sources.every((s) => isMap(s)) ? (sources as YamlNode[]) : undefined;
}

/** Offsets of the first merge key whose value is not a mapping (yaml would throw a bare Error). */
export function invalidMerge(doc: Document): Offsets | undefined {
  let bad: Offsets | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isMergePair(pair) && !mergeSources(doc, pair)) {
        bad = rangeOfNode(pair.key) ?? [0, 0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return bad;
}

/**
 * The alias at which yaml's billion-laughs guard trips, found by replaying its bookkeeping in
 * document order: each use of an anchor counts once, times the aliases the anchored node holds.
 */
export function aliasOverflow(doc: Document, maxAliasCount: number): Alias | undefined {
  const latest = new Map<string, YamlNode>();
  const resolved = new Map<Alias, YamlNode | undefined>();
  const data = new Map<YamlNode, { count: number; aliasCount: number }>();
  const aliasCount = (node: unknown): number => {
    if (isAlias(node)) {
      const source = resolved.get(node);
      const d = source && data.get(source);
      return d ? d.count * d.aliasCount : 0;
    }
    if (isMap(node) || isSeq(node)) return maxOf(node.items.map(aliasCount), 0);
    if (isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };
  let culprit: Alias | undefined;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const source = latest.get(node.source);
        resolved.set(node, source);
        if (!source) return undefined;
        const d = data.get(source) ?? { count: 0, aliasCount: 0 };
        data.set(source, d);
        d.count += 1;
        if (d.aliasCount === 0) d.aliasCount = aliasCount(source);
        if (d.count * d.aliasCount > maxAliasCount) {
          culprit = node;
          return visit.BREAK;
        }
      } else if (node.anchor) {
        latest.set(node.anchor, node);
      }
      return undefined;
    },
  });
  return culprit;
}

/**
 * An alias as a message names it: `*` and its name. The name is the file's (YAML lets it hold
 * backticks and any other non-space character): bare when it is id characters, else one code span
 * (`token`), so that it cannot pair with a fence of the message.
 */
export function aliasText(name: string): string {
  return `*${token(name)}`;
}

/**
 * The first alias yaml cannot turn into a value: one with no anchor of its name before it, or one
 * inside the very node it names (`a: &x [*x]`), which would make the value contain itself — every
 * walk over it would never end.
 */
export function unusableAlias(doc: Document): { alias: Alias; message: string } | undefined {
  const latest = new Map<string, unknown>();
  let found: { alias: Alias; message: string } | undefined;
  visit(doc, {
    Node(_, node, path) {
      if (isAlias(node)) {
        const target = latest.get(node.source);
        if (target === undefined)
          found = {
            alias: node,
            message: `the alias ${aliasText(node.source)} here names no anchor (${code(`&${node.source}`)}) defined before it`,
          };
        else if (path.includes(target as never))
          found = {
            alias: node,
            message: `the alias ${aliasText(node.source)} here is inside the value it names, which would contain itself`,
          };
        return found ? visit.BREAK : undefined;
      }
      if (node.anchor) latest.set(node.anchor, node);
      return undefined;
    },
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Pointers to places.

export function rangeOfNode(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return [range[0], range[1]];
  }
  return undefined;
}
