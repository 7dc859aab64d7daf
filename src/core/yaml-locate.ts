/**
 * Where a JSON pointer is in a composed YAML document: the range the located parser's `rangeOf`
 * answers (located-yaml.ts). A key a mapping gets through a merge key is found where it is written.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { Offsets } from './yaml-aliases.js';
import { isMergePair, mergeSources, rangeOfNode } from './yaml-aliases.js';

/**
 * Offsets [start, end) of the node at a pointer's segments in `doc`, or of its deepest ancestor that
 * exists. Each mapping's keys are indexed once, when a lookup first reaches it.
 */
export function yamlLocator(doc: Document): (segments: readonly string[]) => Offsets | undefined {
  const at: Locating = { doc, keys: new WeakMap() };
  const root = doc.contents as YamlNode | null;
  return (segments) => locate(at, root, segments);
}

/**
 * A document and, per mapping, its own keys indexed when a lookup first reaches it: finding a key by
 * reading the mapping's pairs one by one made locating every change in a wide object quadratic.
 */
interface Locating {
  doc: Document;
  keys: WeakMap<YamlNode, Map<string, Pair<YamlNode, YamlNode>>>;
}

function locate(at: Locating, root: YamlNode | null, segments: readonly string[]): Offsets | undefined {
  const { doc } = at;
  let node: YamlNode | null = root;
  let best = rangeOfNode(root);
  for (const segment of segments) {
    if (isAlias(node)) node = (node.resolve(doc) as YamlNode | undefined) ?? null;
    if (isMap(node)) {
      const pair = findPair(at, node, segment);
      if (!pair) break;
      const keyRange = rangeOfNode(pair.key);
      const valueRange = rangeOfNode(pair.value);
      best = keyRange && valueRange ? [keyRange[0], valueRange[1]] : (keyRange ?? valueRange ?? best);
      node = pair.value;
    } else if (isSeq(node)) {
      const index = Number(segment);
      const item = Number.isInteger(index) ? (node.items[index] as YamlNode | undefined) : undefined;
      if (!item) break;
      best = rangeOfNode(item) ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best;
}

/** The map's own pair for `key`, else the one its merge keys bring in (own keys win, then earlier sources). */
function findPair(
  at: Locating,
  map: YamlNode,
  key: string,
  seen = new Set<YamlNode>(),
): Pair<YamlNode, YamlNode> | undefined {
  if (!isMap(map) || seen.has(map)) return undefined;
  seen.add(map);
  const own = ownKeys(at, map).get(key);
  if (own) return own;
  for (const pair of (map.items as Pair<YamlNode, YamlNode>[]).filter(isMergePair))
    for (const source of mergeSources(at.doc, pair) ?? []) {
      const found = findPair(at, source, key, seen);
      if (found) return found;
    }
  return undefined;
}

/** The mapping's own pairs by key as a pointer names it, the first where two keys read the same. */
function ownKeys(at: Locating, map: YamlNode & { items: unknown[] }): Map<string, Pair<YamlNode, YamlNode>> {
  let index = at.keys.get(map);
  if (index) return index;
  index = new Map();
  for (const pair of map.items as Pair<YamlNode, YamlNode>[]) {
    const name = isMergePair(pair) ? undefined : keyString(pair);
    if (name !== undefined && !index.has(name)) index.set(name, pair);
  }
  at.keys.set(map, index);
  return index;
}

function keyString(pair: Pair<YamlNode, YamlNode>): string | undefined {
  const key = pair.key;
  // `200:` parses as a number; compare the text form as JSON pointers do.
  if (isScalar(key)) return String(key.value);
  return undefined;
}
