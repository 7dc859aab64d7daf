import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import type { Document as YamlDocument, Node as YamlNode, Pair } from 'yaml';
import type { SourceRange } from './finding.js';
import { START_OF_FILE } from './finding.js';
import { parsePointer } from './pointer.js';
import { parseLargeJson } from './located-json.js';

/**
 * A parsed YAML or JSON file that remembers where every value came from. Rules and checks speak in
 * JSON pointers; `rangeOf` turns a pointer into lines and columns. When the pointer names something
 * absent (a missing `deadLetter`), the range of the deepest existing ancestor is returned, which is
 * where the fix belongs.
 */
export interface LocatedDocument {
  readonly file: string;
  readonly value: unknown;
  rangeOf(pointer: string): SourceRange;
}

export interface ParseProblem {
  code: 'syntax' | 'duplicate-key' | 'alias-limit' | 'multiple-documents';
  message: string;
  range: SourceRange;
}

export type ParseResult =
  { kind: 'ok'; document: LocatedDocument } | { kind: 'error'; problems: ParseProblem[] };

export interface ParseLimits {
  /** Alias expansions allowed per document: the billion-laughs guard. */
  maxAliasCount: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxAliasCount: 100 };

export { FAST_JSON_MIN_CHARS } from './located-json.js';

export function parseLocated(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseResult {
  const large = parseLargeJson(file, text);
  return large ? { kind: 'ok', document: large } : parseLocatedYaml(file, text, limits);
}

/** Parses with the yaml library (JSON is YAML), which reports problems with their positions. */
export function parseLocatedYaml(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  return locatedDocument(file, doc, lineCounter, limits);
}

export type ParseAllResult =
  { kind: 'ok'; documents: LocatedDocument[] } | { kind: 'error'; problems: ParseProblem[] };

/**
 * A YAML stream of several `---`-separated documents (Kubernetes and Backstage catalog files), each
 * with its own source map over the same file's lines. One document that does not parse fails the
 * whole file, as it would for the tools that read it.
 */
export function parseLocatedAll(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseAllResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  // parseAllDocuments returns an empty-stream marker (not an array) for text with no document.
  if (!Array.isArray(docs)) return { kind: 'ok', documents: [] };
  const documents: LocatedDocument[] = [];
  const problems: ParseProblem[] = [];
  for (const doc of docs) {
    const result = locatedDocument(file, doc, lineCounter, limits);
    if (result.kind === 'ok') documents.push(result.document);
    else problems.push(...result.problems);
  }
  return problems.length > 0 ? { kind: 'error', problems } : { kind: 'ok', documents };
}

function locatedDocument(
  file: string,
  doc: YamlDocument.Parsed,
  lineCounter: LineCounter,
  limits: ParseLimits,
): ParseResult {
  const toRange = (offsets: readonly [number, number]): SourceRange => {
    const start = lineCounter.linePos(offsets[0]);
    const end = lineCounter.linePos(Math.max(offsets[0], offsets[1]));
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  };
  const problems: ParseProblem[] = doc.errors.map((e) => ({
    code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax',
    message: firstLine(e.message),
    range: toRange(e.pos),
  }));
  if (problems.length > 0) return { kind: 'error', problems };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    // yaml throws a ReferenceError when alias expansion exceeds maxAliasCount.
    return {
      kind: 'error',
      problems: [
        {
          code: 'alias-limit',
          message: `YAML aliases expand beyond the limit of ${limits.maxAliasCount} (${firstLine(String((error as Error).message))})`,
          range: doc.contents?.range
            ? toRange([doc.contents.range[0], doc.contents.range[0]])
            : START_OF_FILE,
        },
      ],
    };
  }

  const root = doc.contents as YamlNode | null;
  return {
    kind: 'ok',
    document: {
      file,
      value,
      rangeOf(pointer: string): SourceRange {
        const target = locate(root, parsePointer(pointer));
        return target ? toRange(target) : START_OF_FILE;
      },
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Offsets [start, end) of the node at `segments`, or of the deepest ancestor that exists. */
function locate(root: YamlNode | null, segments: readonly string[]): [number, number] | undefined {
  let node: YamlNode | null = root;
  let best = rangeOfNode(root);
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyString(p) === segment) as Pair<YamlNode, YamlNode> | undefined;
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

function keyString(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  // `200:` parses as a number; compare the text form as JSON pointers do.
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeOfNode(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return [range[0], range[1]];
  }
  return undefined;
}
