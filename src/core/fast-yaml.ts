/**
 * The fast path of YAML parsing. The yaml library composes a node per value with its source range,
 * and pays ~1 ms per KB for it (a 2 MB contract: 1–3 s a side of a diff, every time a blueprint is
 * linted); js-yaml, which swagger-parser and Spectral read YAML with, reads the same text ~15×
 * faster. Its value is taken as it is, and the places findings name are found from the positions
 * its listener reports (yaml-event-locator.ts): the same ranges as yaml's source map.
 *
 * Read this way, a text must mean exactly what the located parse makes of it, so js-yaml resolves
 * plain scalars with YAML 1.2's core schema as yaml writes it (`CORE_AS_YAML_READS`), and whatever
 * the two libraries could read differently goes to yaml instead: a `%YAML` directive (1.1 reads
 * `yes` as true), merge keys (`<<`), a collection or null as a key (js-yaml names it otherwise), an
 * explicit key, tags, anchors and aliases (the alias limit applies), the constructs
 * `frameRecorder` lists, nesting beyond MAX_NESTING, and every text js-yaml refuses — a syntax
 * error, a duplicate key, several documents — which yaml then explains with its position. The
 * tests hold both parses to the same value and ranges on every YAML file of the project, on one
 * description in every style writers produce, on YAML's corners and on thousands of seeded
 * mutations (test/core/fast-yaml.test.ts).
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import type { LoadOptions } from 'js-yaml';
import type { SourceRange } from './finding.js';
import type { LocatedDocument } from './located-document.js';
import { lazyYamlRanges, textRanges } from './located-yaml.js';
import { parsePointer } from './pointer.js';
import { MAX_NESTING } from './text-checks.js';
import type { Offsets } from './yaml-aliases.js';
import type { Frame } from './yaml-event-locator.js';
import { eventLocator, frameRecorder, Unlocatable } from './yaml-event-locator.js';

/** The one document of a YAML text, or undefined when only the located parse may read it. */
export function parseYamlFast(file: string, text: string): LocatedDocument | undefined {
  if (READ_DIFFERENTLY.test(text)) return undefined;
  let value: unknown;
  const frames = frameRecorder(text);
  try {
    value = load(text, { ...LOAD_OPTIONS, listener: frames.listener });
  } catch {
    return undefined;
  }
  // An empty document (no node, or one with no content) is left to yaml, which places it.
  const root = frames.root();
  if (!root?.kind || frames.refusal() !== undefined || !readsAlike(value)) return undefined;
  return { file, value, rangeOf: rangesOf(text, root), treeShaped: true };
}

/**
 * Ranges from js-yaml's events (yaml-event-locator.ts), lines counted on the first question; yaml's
 * own source map for the whole file when the events cannot be read (`Unlocatable`: an empty list
 * item, for which js-yaml reports no node).
 */
function rangesOf(text: string, root: Frame) {
  let locate: ((segments: readonly string[]) => Offsets) | undefined;
  let fallback: ((pointer: string) => SourceRange) | undefined;
  let toRange: ((offsets: Offsets) => SourceRange) | undefined;
  return (pointer: string): SourceRange => {
    if (fallback) return fallback(pointer);
    try {
      locate ??= eventLocator(text, root);
      const offsets = locate(parsePointer(pointer));
      toRange ??= textRanges(text);
      return toRange(offsets);
    } catch (error) {
      if (!(error instanceof Unlocatable)) throw error;
      fallback = lazyYamlRanges(text);
      return fallback(pointer);
    }
  };
}

/**
 * Text constructs js-yaml and yaml read differently, found before parsing: a directive at a line
 * start (`%YAML 1.1`), a document end marker (`...`), a merge key, an explicit key (`? `), a line
 * break that is a lone `\r` (js-yaml breaks the line, yaml does not), and a nested list whose one
 * item is empty (`- -`: js-yaml puts the next item of the outer list in it). A match inside a string only costs the fast path.
 */
const READ_DIFFERENTLY =
  /^%|^\.\.\.(?:\s|$)|<<|(?:^|[\s[{,])\?(?:\s|$)|\r(?!\n)|-[ \t]+-[ \t]*(?:#[^\n]*)?$/m;

/** YAML 1.2 core schema scalars, with the patterns and values of yaml's `core` schema tags. */
const CORE_AS_YAML_READS = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (data: string | null) => data === null || /^(?:~|[Nn]ull|NULL)?$/.test(data),
      construct: () => null,
    }),
    new Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data: string | null) => data !== null && /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
      construct: (data: string) => data[0] === 't' || data[0] === 'T',
    }),
    new Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (data: string | null) =>
        data !== null && /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(data),
      construct: (data: string) =>
        data.startsWith('0o')
          ? parseInt(data.slice(2), 8)
          : data.startsWith('0x')
            ? parseInt(data.slice(2), 16)
            : parseInt(data, 10),
    }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (data: string | null) =>
        data !== null &&
        (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(data) ||
          /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(data) ||
          /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(data)),
      construct: (data: string) =>
        data.slice(-3).toLowerCase() === 'nan'
          ? NaN
          : data.endsWith('inf') || data.endsWith('Inf') || data.endsWith('INF')
            ? data[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : parseFloat(data),
    }),
  ],
});

// maxDepth bounds js-yaml's recursion (a key is one level below its mapping, as a value is); the
// walk in readsAlike holds the value to MAX_NESTING containers, as the located parse does.
// (@types/js-yaml 4.0.9 predates the option.)
const LOAD_OPTIONS: LoadOptions & { maxDepth: number } = {
  schema: CORE_AS_YAML_READS,
  maxDepth: MAX_NESTING + 2,
};

/**
 * Whether the value js-yaml built is the one yaml builds: tree-shaped (an object at two places is
 * an alias: the recorder refuses aliases, and the diff's maps rely on this, so it is held here too),
 * no deeper than MAX_NESTING containers, and no key that yaml would name otherwise — `null` (yaml:
 * the empty string; js-yaml cannot tell it from the word) or one yaml refuses for its length. (A
 * merge key never gets here, nor a collection as a key.) One walk, recursing at most MAX_NESTING deep.
 */
/** yaml refuses an implicit key longer than 1,024 characters (quotes included); js-yaml takes it. */
const MAX_IMPLICIT_KEY = 1000;

function readsAlike(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return walk(value, 1, new Set());
}

function walk(container: object, depth: number, seen: Set<object>): boolean {
  if (depth > MAX_NESTING || seen.has(container)) return false;
  seen.add(container);
  if (Array.isArray(container)) {
    for (const item of container as unknown[])
      if (item !== null && typeof item === 'object' && !walk(item, depth + 1, seen)) return false;
    return true;
  }
  for (const key in container) {
    if (key === 'null' || key.length > MAX_IMPLICIT_KEY) return false;
    const child = (container as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && !walk(child, depth + 1, seen)) return false;
  }
  return true;
}
