/**
 * Poisoned repository snapshots for the lint rules (DESIGN invariant 13): every name a blueprint,
 * its policies, its ADRs and its contracts choose — ids, owners, names, titles, descriptions,
 * domains, file names, operation ids, channels and their addresses, messages, schemas, properties,
 * servers, security schemes, enum values — gets `MARK` appended, the same way wherever it is
 * named, so references still resolve and the rule finds what it found before. `MARK` carries a
 * backtick, a double backtick, `|`, `<!--`, `@x` and a line break; `expectValuesInSpans` then
 * asks a real Markdown parser (marked) whether each poisoned value in a message is whole inside
 * one code span, with nothing of it outside.
 */
import { marked } from 'marked';
import type { Token } from 'marked';
import { expect } from 'vitest';
import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import type { Finding } from '../../src/core/finding.js';
import { markdownMessage, plainText } from '../../src/core/inert-text.js';
import { sarifText } from '../../src/core/inert-markup.js';
import type { ExampleFiles } from '../../src/engine/rule.js';

/** What every poisoned name ends with. */
export const MARK = 'q`w``e|<!--@x\nz';
/** The same, as it reads once a renderer made the line break a space. */
export const FLAT_MARK = plainText(MARK);
/** Pieces of the mark that must never stand outside a code span. */
export const PIECES = ['`', '<!--', '@x'];
/** A message holding this much of the mark names a poisoned value. */
export const MARK_START = MARK.slice(0, 5);

export const poisoned = (name: string) => `${name}${MARK}`;

/** Keys of a blueprint, its policies and ADR front matter whose string values are names chosen there. */
const NAME_KEYS = new Set([
  'id',
  'owner',
  'name',
  'title',
  'description',
  'domain',
  'destination',
  'store',
  'key',
  'field',
  'route',
  'sink',
  'replay',
  'rationale',
  'events',
  'fields',
]);

/** Contract mappings whose keys are names a contract chooses (and `$ref`s point into). */
export const NAMED_MAPPINGS: ReadonlySet<string> = new Set([
  'properties',
  'schemas',
  'definitions',
  '$defs',
  'messages',
  'channels',
  'operations',
  'servers',
  'securitySchemes',
]);

/** Property names a standard fixes (RFC 9457 problem details), which rules look for by name. */
const VOCABULARY = new Set(['type', 'title', 'status', 'detail', 'instance']);

/** Contract keys whose string values are names a contract chooses. */
const CONTRACT_NAME_KEYS = new Set(['operationId', 'address', 'title']);

const isYaml = (path: string) => /\.ya?ml$/.test(path);
const isContract = (text: string) => /^(openapi|asyncapi|swagger):/m.test(text);
const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/;

/** `contracts/orders.openapi.yaml` → `contracts/orders<MARK>.openapi.yaml`: the extension stays. */
function poisonPath(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.indexOf('.', slash + 1);
  return dot < 0 ? poisoned(path) : `${path.slice(0, dot)}${MARK}${path.slice(dot)}`;
}

/** File name without folder and extensions: how an ADR is named (`0001-use-kafka`). */
function stem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.includes('.') ? base.slice(0, base.indexOf('.')) : base;
}

/**
 * `files` with every chosen name poisoned consistently. Files the loader finds by their place
 * (`blueprint.yaml`, a policies file) keep their paths; contracts and ADRs, which the blueprint
 * names, are renamed.
 */
export function poisonFiles(files: ExampleFiles): ExampleFiles {
  const docs = new Map<string, Document>();
  const names = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    if (isYaml(path)) docs.set(path, parseDocument(text));
    else if (FRONT_MATTER.test(text)) docs.set(path, parseDocument(FRONT_MATTER.exec(text)![1]!));
  }
  const renamed = new Map<string, string>();
  for (const path of Object.keys(files))
    if (path.startsWith('contracts/') || path.startsWith('adr/')) {
      renamed.set(path, poisonPath(path));
      names.set(path, poisonPath(path));
      names.set(stem(path), stem(poisonPath(path)));
    }
  for (const [path, doc] of docs) collectNames(doc, isContract(files[path]!), names);
  const out: ExampleFiles = {};
  for (const [path, text] of Object.entries(files)) {
    const doc = docs.get(path);
    let poisonedText = text;
    if (doc) {
      poisonDocument(doc, isContract(text), names, !isYaml(path));
      const yaml = doc.toString({ lineWidth: 0 });
      poisonedText = isYaml(path) ? yaml : poisonProse(text.replace(FRONT_MATTER, () => `---\n${yaml}---\n`));
    }
    out[renamed.get(path) ?? path] = poisonedText;
  }
  return out;
}

/**
 * An ADR's own words poisoned: its `# title` and the first line of each paragraph of its sections
 * (the decision, its context, its consequences) end with `MARK`. Section headings keep their words,
 * which rules look for; list items keep theirs, which count as options; fenced code is left alone.
 */
function poisonProse(markdown: string): string {
  const lines = markdown.split('\n');
  const bodyStart = FRONT_MATTER.test(markdown) ? FRONT_MATTER.exec(markdown)![0].split('\n').length - 1 : 0;
  let fenced = false;
  return lines
    .map((line, i) => {
      if (i < bodyStart) return line;
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const paragraphStart = line.trim() !== '' && (lines[i - 1] ?? '').trim() === '';
      if (fenced || !paragraphStart) return line;
      if (/^# /.test(line)) return poisoned(line);
      return /^\s*([#>|*+-]|\d+[.)])/.test(line) ? line : poisoned(line);
    })
    .join('\n');
}

/**
 * An ADR's `status` poisoned where its first word stays what rules read (`accepted`, `superseded
 * by …`): other statuses become a poisoned word, which a message quotes. The loader reads the first
 * word of a status, so the mark goes without its line break.
 */
function poisonStatus(status: string): string {
  return /^(accepted|superseded)\b/i.test(status)
    ? `${status} ${MARK}`
    : `${status}${MARK.replace('\n', '')}`;
}

function parentKeyOf(ancestors: readonly unknown[]): string | undefined {
  const parent = [...ancestors].reverse().find(isPair);
  return parent && isScalar(parent.key) ? String(parent.key.value) : undefined;
}

/** A key a contract chose: under a `NAMED_MAPPINGS` mapping, not a name under a name (a property `schemas`). */
function isChosenKey(ancestors: readonly unknown[]): boolean {
  const pairs = [...ancestors].reverse().filter(isPair);
  const parentKey = pairs[0] && isScalar(pairs[0].key) ? String(pairs[0].key.value) : undefined;
  if (parentKey === undefined || !NAMED_MAPPINGS.has(parentKey) || !isMap(pairs[0]!.value)) return false;
  const grandKey = pairs[1] && isScalar(pairs[1].key) ? String(pairs[1].key.value) : undefined;
  return !(grandKey !== undefined && NAMED_MAPPINGS.has(grandKey) && parentKey !== 'properties');
}

function collectNames(doc: Document, contract: boolean, names: Map<string, string>): void {
  const add = (name: unknown) => {
    if (typeof name === 'string' && name !== '' && !names.has(name)) names.set(name, poisoned(name));
  };
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (contract && isChosenKey(ancestors) && !VOCABULARY.has(key)) add(key);
      const value = pair.value;
      if (contract && key === 'enum' && isSeq(value))
        for (const item of value.items) if (isScalar(item)) add(item.value);
      const keys = contract ? CONTRACT_NAME_KEYS : NAME_KEYS;
      if (!contract && keys.has(key) && isSeq(value))
        for (const item of value.items) if (isScalar(item)) add(item.value);
      if (isScalar(value) && keys.has(key)) add(value.value);
    },
  });
}

/** A `$ref` with each segment that is a poisoned name poisoned too. */
function poisonRef(ref: string, names: Map<string, string>): string {
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash);
  return (
    (names.get(file) ?? file) +
    fragment
      .split('/')
      .map((s) => names.get(s) ?? s)
      .join('/')
  );
}

/**
 * `node` renamed when its value is a poisoned name: double-quoted, since YAML folds a line break
 * in a plain scalar into a space and the mark must arrive whole.
 */
function rename(node: Scalar, names: Map<string, string>): void {
  const name = typeof node.value === 'string' ? names.get(node.value) : undefined;
  if (name === undefined) return;
  node.value = name;
  node.type = Scalar.QUOTE_DOUBLE;
}

function poisonDocument(
  doc: Document,
  contract: boolean,
  names: Map<string, string>,
  /** An ADR's front matter, whose `status` is its own words. */
  frontMatter: boolean,
): void {
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (contract && isScalar(pair.key) && isChosenKey(ancestors)) rename(pair.key, names);
      // A security requirement names a scheme by its key.
      if (contract && parentKeyOf(ancestors) === 'security' && isScalar(pair.key)) rename(pair.key, names);
      if (isScalar(pair.key) && pair.key.value === '$ref' && isScalar(pair.value)) {
        pair.value.value = poisonRef(String(pair.value.value), names);
        pair.value.type = Scalar.QUOTE_DOUBLE;
      }
    },
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'string') return;
      const parent = ancestors[ancestors.length - 1];
      if (frontMatter && isPair(parent) && isScalar(parent.key) && parent.key.value === 'status') {
        node.value = poisonStatus(node.value);
        node.type = Scalar.QUOTE_DOUBLE;
        return;
      }
      if (isPair(parent) && isScalar(parent.key) && parent.key.value === '$ref') return;
      rename(node, names);
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// The oracle.

/** What a Markdown reader sees: the text of each code span, and the raw text outside them. */
export function spansOf(markdown: string): { code: string[]; outside: string } {
  const code: string[] = [];
  let outside = '';
  const walk = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if (t.type === 'codespan') code.push((t as { text: string }).text);
      else if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length > 0) walk(t.tokens);
      else outside += t.raw;
    }
  };
  walk(marked.Lexer.lexInline(markdown));
  return { code, outside };
}

/** Each poisoned value the message holds is whole in one code span; nothing of one stands outside. */
export function expectValuesInSpans(text: string, mark: string, where: string): void {
  const { code, outside } = spansOf(text);
  for (const piece of PIECES) expect(outside, `${where}: ${text}`).not.toContain(piece);
  const whole = text.split(mark).length - 1;
  // CommonMark reads a line break inside a code span as a space.
  const inSpans = code.reduce((n, c) => n + c.split(plainText(mark)).length - 1, 0);
  expect(inSpans, `${where}: ${text}`).toBe(whole);
}

/** Unescapes SARIF's `\\[`, `\\]` and `\\\\`: what a SARIF viewer shows. */
const sarifShown = (text: string) => text.replace(/\\([\\[\]])/g, '$1');

/** A message naming poisoned values keeps each one whole in one code span: raw (JSON), as text and in SARIF. */
export function expectValuesWhole(message: string): void {
  expectValuesInSpans(message, MARK, 'json');
  expectValuesInSpans(plainText(message), FLAT_MARK, 'text');
  expectValuesInSpans(sarifShown(sarifText(message)), FLAT_MARK, 'sarif');
}

/**
 * A finding naming poisoned values keeps each one whole in one code span, in the JSON's raw message,
 * the text output, SARIF's text and the Markdown (which re-fences spans and escapes the rest).
 */
export function expectInertFinding(finding: Finding): void {
  const { message } = finding;
  expectValuesWhole(message);
  const { outside } = spansOf(markdownMessage(message));
  for (const piece of ['<!--', '@x']) expect(outside, message).not.toContain(piece);
}
