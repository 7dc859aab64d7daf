/**
 * YAML with a source map, for untrusted files: nesting is bounded before anything recursive runs,
 * a syntax error is reported once, at its cause (the `[` or `"` that is never closed, not the line
 * where the parser gave up), YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved within
 * the alias limit, and an alias bomb is reported at the alias that exceeds the limit.
 */
import { Composer, isScalar, LineCounter, Parser, visit, YAMLParseError } from 'yaml';
import type { CST, Document, Node as YamlNode, YAMLError } from 'yaml';
import type { SourceRange } from './finding.js';
import type { LocatedDocument, ParseLimits, ParseProblem, ParseResult } from './located-document.js';
import { parsePointer } from './pointer.js';
import { jsonValue } from './inert-text.js';
import { yamlLocator } from './yaml-locate.js';
import { MAX_NESTING } from './text-checks.js';
import type { Offsets } from './yaml-aliases.js';
import { aliasOverflow, aliasText, invalidMerge, rangeOfNode, unusableAlias } from './yaml-aliases.js';

export { MAX_NESTING };

// uniqueKeys off: yaml compares each key with every key before it in its mapping (quadratic: an
// object of 10,000 properties took seconds); duplicateKeyErrors finds the same duplicates in one pass.
// logLevel 'error': yaml's warnings (a key that is a collection, when made a value) go to Node's
// process warnings, printed to stderr past every inert writer, quoting the key — and an Actions
// runner acts on a `##[command]` anywhere in a line.
const COMPOSE_OPTIONS = {
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  merge: true,
  logLevel: 'error',
} as const;

export function tooDeepMessage(): string {
  return `values are nested more than ${MAX_NESTING} levels deep here; no blueprint or contract needs that`;
}

/** One YAML document; a file with several (`---`) is refused. */
export function parseYamlLocated(file: string, text: string, limits: ParseLimits): ParseResult {
  const result = parseYamlStream(file, text, limits, { single: true });
  if (result.kind === 'error') return result;
  return { kind: 'ok', document: result.documents[0]! };
}

export type StreamResult =
  { kind: 'ok'; documents: LocatedDocument[] } | { kind: 'error'; problems: ParseProblem[] };

/**
 * Every `---`-separated document of a YAML stream, each with its own source map over the same file's
 * lines. One document that does not parse fails the whole file, as it would for the tools that
 * read it.
 */
export function parseYamlStream(
  file: string,
  text: string,
  limits: ParseLimits,
  options: { single: boolean },
): StreamResult {
  const lineCounter = new LineCounter();
  const toRange = rangeConverter(lineCounter);
  const fail = (problems: readonly LocatedProblem[]): StreamResult => ({
    kind: 'error',
    problems: problems.map(({ code, message, at }) => ({ code, message, range: toRange(at) })),
  });

  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const deep = tooDeep(tokens, MAX_NESTING);
  if (deep !== undefined)
    return fail([{ code: 'too-deep', message: tooDeepMessage(), at: [deep, deep + 1] }]);

  const docs = compose(tokens, text, options.single);
  const syntax = explainErrors(
    docs.flatMap((d) => d.errors),
    tokens,
    text,
    docs,
  );
  if (syntax.length > 0) return fail(syntax);

  const documents: LocatedDocument[] = [];
  for (const doc of docs) {
    const problem = valueProblem(doc, limits);
    if (problem) return fail([problem]);
    // valueProblem has ruled out everything that makes toJS throw.
    const value: unknown = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    documents.push({ file, value, rangeOf: pointerRanges(doc, toRange) });
  }
  return { kind: 'ok', documents };
}

/**
 * Where pointers are in a YAML text whose value the fast path read (fast-yaml.ts) when js-yaml's
 * events cannot say: yaml's own source map of its one document, composed on the first question.
 */
export function lazyYamlRanges(text: string): (pointer: string) => SourceRange {
  let rangeOf: ((pointer: string) => SourceRange) | undefined;
  return (pointer) => {
    if (!rangeOf) {
      const lineCounter = new LineCounter();
      const tokens = new Parser(lineCounter.addNewLine).parse(text);
      const [doc] = new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length);
      rangeOf = pointerRanges(doc!, rangeConverter(lineCounter));
    }
    return rangeOf(pointer);
  };
}

function pointerRanges(doc: Document, toRange: (offsets: Offsets) => SourceRange) {
  const offsetsOf = yamlLocator(doc);
  return (pointer: string): SourceRange => toRange(offsetsOf(parsePointer(pointer)) ?? [0, 0]);
}

/**
 * Offsets of a text that yaml did not parse into lines and columns, as the located parse gives them:
 * the line starts yaml's parser would have counted (the start, and after each `\n`).
 */
export function textRanges(text: string): (offsets: Offsets) => SourceRange {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return rangeConverter(lineCounter);
}

/** Offsets into lines and columns (1-based) by the line starts the parser counted. */
function rangeConverter(lineCounter: LineCounter): (offsets: Offsets) => SourceRange {
  return (offsets) => {
    const start = lineCounter.linePos(offsets[0]);
    const end = lineCounter.linePos(Math.max(offsets[0], offsets[1]));
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  };
}

/**
 * What stops a composed document from becoming a value — a merge key on something not a mapping, an
 * alias yaml cannot resolve, an alias bomb — located where it is written.
 */
function valueProblem(doc: Document.Parsed, limits: ParseLimits): LocatedProblem | undefined {
  const badMerge = invalidMerge(doc);
  if (badMerge)
    return {
      code: 'syntax',
      message: 'a merge key (`<<`) must name a mapping or a list of mappings (`<<: *base`, `<<: [*a, *b]`)',
      at: badMerge,
    };
  const unusable = unusableAlias(doc);
  if (unusable)
    return { code: 'syntax', message: unusable.message, at: rangeOfNode(unusable.alias) ?? [0, 0] };
  const culprit = aliasOverflow(doc, limits.maxAliasCount);
  if (culprit)
    return {
      code: 'alias-limit',
      message: `the alias ${aliasText(culprit.source)} here makes YAML aliases expand beyond the limit of ${limits.maxAliasCount} (limits.maxAliasCount)`,
      at: rangeOfNode(culprit) ?? [0, 0],
    };
  return undefined;
}

function compose(tokens: readonly CST.Token[], text: string, single: boolean): Document.Parsed[] {
  const composer = new Composer(COMPOSE_OPTIONS);
  const docs: Document.Parsed[] = [];
  // One document is always made for a single file (an empty file is `null`); a stream may hold none.
  for (const doc of composer.compose(tokens, single, text.length)) {
    if (single && docs.length === 1) {
      docs[0]!.errors.push(
        new YAMLParseError(
          [doc.range[0], doc.range[1]],
          'MULTIPLE_DOCS',
          'several YAML documents (`---`) in one file',
        ),
      );
      break;
    }
    doc.errors.push(...duplicateKeyErrors(doc));
    docs.push(doc);
  }
  return docs;
}

/**
 * The duplicate keys of every mapping, as yaml's `uniqueKeys: true` reports them (a `DUPLICATE_KEY`
 * error at each repeated key): two scalar keys are the same when their values are (`===`: `1` and
 * `"1"` differ), a collection as a key is never the same as another. In document order, as composing
 * reports them.
 */
function duplicateKeyErrors(doc: Document.Parsed): YAMLError[] {
  const starts: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as YamlNode | null;
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (!seen.has(key.value)) seen.add(key.value);
        else if (key.range) starts.push(key.range[0]);
      }
    },
  });
  return starts
    .sort((a, b) => a - b)
    .map((start) => new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
}

// ---------------------------------------------------------------------------------------------------
// Nesting.

/** Offset of the first collection nested deeper than `limit`, walking the syntax tree without recursion. */
function tooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth + 1 > limit) return token.offset;
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      case 'block-scalar':
        for (const prop of token.props) stack.push({ token: prop, depth });
        break;
      default:
        break;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Syntax errors, explained once.

interface LocatedProblem {
  code: ParseProblem['code'];
  message: string;
  at: Offsets;
}

/**
 * Duplicate keys are independent mistakes and each is reported. Any other error makes the rest of
 * the parse unreliable — the parser's later complaints are echoes of the first — so only the first
 * is reported, and when it comes from a bracket or quote that is never closed, at that bracket.
 */
function explainErrors(
  errors: readonly YAMLError[],
  tokens: readonly CST.Token[],
  text: string,
  docs: readonly Document.Parsed[],
): LocatedProblem[] {
  const syntax = errors.filter((e) => e.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0]);
  if (syntax.length === 0) {
    const keys = keysByStart(docs);
    return errors.map((e) => {
      const key = keys.get(e.pos[0]);
      return {
        code: 'duplicate-key',
        message: `the key ${jsonValue(JSON.stringify(keyName(key, text, e.pos[0])))} appears twice in the same mapping; keys must be unique`,
        at: key?.range ? [key.range[0], key.range[1]] : e.pos,
      };
    });
  }
  const first = syntax[0]!;
  const opener = unclosedOpener(tokens, first.pos[0]);
  if (opener) return [{ code: 'syntax', message: opener.message, at: [opener.offset, opener.offset + 1] }];
  return [
    {
      code: first.code === 'MULTIPLE_DOCS' ? 'multiple-documents' : 'syntax',
      message: plainMessage(first),
      at: first.pos,
    },
  ];
}

/**
 * The key nodes of every mapping, by the offset they start at: yaml reports a duplicate key at its
 * first character only, and the message must name the whole key.
 */
function keysByStart(docs: readonly Document.Parsed[]): Map<number, YamlNode> {
  const keys = new Map<number, YamlNode>();
  for (const doc of docs)
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key as YamlNode | null;
        if (key && typeof key === 'object' && key.range) keys.set(key.range[0], key);
      },
    });
  return keys;
}

const MAX_KEY_SHOWN = 80;

/** A duplicate key as written: a scalar's value, else its source text (a collection as a key). */
function keyName(key: YamlNode | undefined, text: string, start: number): string {
  const whole =
    key && isScalar(key)
      ? String(key.value)
      : key?.range
        ? text.slice(key.range[0], key.range[1])
        : text
            .slice(start, start + MAX_KEY_SHOWN)
            .split('\n')[0]!
            .replace(/:(\s.*)?$/, '');
  return whole.length > MAX_KEY_SHOWN ? `${whole.slice(0, MAX_KEY_SHOWN)}…` : whole;
}

function plainMessage(error: YAMLError): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'a tab indents this line; YAML is indented with spaces only';
    case 'MULTIPLE_DOCS':
      return 'the file holds several YAML documents (separated by `---`); it must hold one';
    default:
      return firstLine(error.message);
  }
}

const CLOSER: Record<string, string> = { '[': ']', '{': '}' };
const NOUN: Record<string, string> = { '[': 'list', '{': 'mapping' };

/**
 * The last bracket or quote, at or before `before`, that the file never closes (or closes with the
 * wrong bracket): the innermost open construct is what the parser tripped over.
 */
function unclosedOpener(
  tokens: readonly CST.Token[],
  before: number,
): { offset: number; message: string } | undefined {
  let found: { offset: number; message: string } | undefined;
  const consider = (offset: number, message: string) => {
    if (offset <= before && (!found || offset > found.offset)) found = { offset, message };
  };
  const stack: CST.Token[] = [...tokens];
  while (stack.length > 0) {
    const token = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push(token.value);
        break;
      case 'flow-collection': {
        const open = token.start.source;
        const close = token.end.find((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end');
        if (close?.source !== CLOSER[open])
          consider(
            token.start.offset,
            close
              ? `the ${NOUN[open]} opened here with \`${open}\` is closed with \`${close.source}\` instead of \`${CLOSER[open]}\``
              : `the ${NOUN[open]} opened here with \`${open}\` is never closed with \`${CLOSER[open]}\``,
          );
        for (const item of token.items) {
          if (item.key) stack.push(item.key);
          if (item.value) stack.push(item.value);
        }
        break;
      }
      case 'block-map':
      case 'block-seq':
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) stack.push(item.key);
          if (item.value) stack.push(item.value);
        }
        break;
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
        if (!quoteClosed(token.source))
          consider(token.offset, `the string opened here with \`${token.source[0]}\` is never closed`);
        break;
      default:
        break;
    }
  }
  return found;
}

/** Whether a quoted scalar's source ends with its closing quote (escapes: `\"` and `''`). */
function quoteClosed(source: string): boolean {
  const quote = source[0];
  for (let i = 1; i < source.length; i++) {
    if (quote === '"' && source[i] === '\\') i++;
    else if (source[i] === quote) {
      if (quote === "'" && source[i + 1] === "'") i++;
      else return i === source.length - 1;
    }
  }
  return false;
}

/**
 * Offsets [start, end) of the node at `segments`, or of the deepest ancestor that exists. A key that
 * a map gets through a merge key is found where it is written: in the merged (anchored) mapping.
 */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
