/**
 * Every diff check's message, with repository values that try to break out of it: each check's
 * golden fixture pair is run again with its names — properties, schemas, messages, channels,
 * addresses, servers, security schemes, operation ids, paths, parameters, headers, enum values,
 * titles, patterns — carrying a backtick, a double backtick, `|`, `<!--`, `@x` and a newline. In
 * every message of every output (the JSON's raw message, the text output's line, SARIF's text, the
 * Markdown), a real Markdown parser (marked) must find each value whole inside one code span, and
 * nothing of it outside: a backtick in a name cannot end the span and leave the rest to read as the
 * tool's own words.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownMessage } from '../../src/core/inert-text.js';
import { CHECKS } from '../../src/diff/checks/index.js';
import type { Change } from '../../src/diff/types.js';
import { parseDocument, isMap, isSeq, isScalar, isPair, visit } from 'yaml';
import {
  expectValuesWhole,
  MARK,
  MARK_START,
  NAMED_MAPPINGS,
  PIECES,
  poisoned,
  spansOf,
} from '../support/poison.js';
import { diffTexts } from '../support/diff-pair.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/breaking');

/**
 * Mappings whose keys are names a contract chooses (and `$ref`s point into): those the rules read,
 * and those only the diff compares. A form body's `encoding` is keyed by the body's property names:
 * renamed with them, or each part would name none.
 */
const NAMED = new Set([...NAMED_MAPPINGS, 'headers', 'callbacks', 'webhooks', 'x-webhooks', 'encoding']);

/** A `$ref` with every named segment poisoned as its target was. */
function poisonRef(ref: string): string {
  const hash = ref.indexOf('#');
  if (hash < 0) return ref;
  const segments = ref.slice(hash + 1).split('/');
  for (let i = 1; i < segments.length; i++)
    if (NAMED.has(segments[i - 1]!) && !(i >= 2 && NAMED.has(segments[i - 2]!)))
      segments[i] = poisoned(segments[i]!);
  return ref.slice(0, hash + 1) + segments.join('/');
}

/**
 * The fixture with its names poisoned, the same way on both sides, so that what changed between
 * them is what changed before.
 */
function poisonFixture(text: string): string {
  const doc = parseDocument(text);
  visit(doc, {
    Pair(_, pair, ancestors) {
      const parentPair = [...ancestors].reverse().find(isPair);
      const parentKey = parentPair && isScalar(parentPair.key) ? String(parentPair.key.value) : undefined;
      const key = isScalar(pair.key) ? pair.key : undefined;
      if (!key || typeof key.value !== 'string') return;
      const name = key.value;
      const value = pair.value;
      // A name chosen by the contract (not a name under a name: a property called `schemas`).
      if (parentKey !== undefined && NAMED.has(parentKey) && isMap(parentPair!.value)) {
        const grand = [...ancestors].reverse().filter(isPair)[1];
        const grandKey = grand && isScalar(grand.key) ? String(grand.key.value) : undefined;
        if (!(grandKey !== undefined && NAMED.has(grandKey) && parentKey !== 'properties'))
          key.value = parentKey === 'channels' && name.includes('{') ? `${name}/${MARK}` : poisoned(name);
      }
      if (parentKey === 'paths') key.value = `${name}/${MARK}`;
      if (!isScalar(value) || typeof value.value !== 'string') {
        if (name === 'required' && isSeq(value))
          for (const item of value.items) if (isScalar(item)) item.value = poisoned(String(item.value));
        if (name === 'enum' && isSeq(value))
          for (const item of value.items)
            if (isScalar(item) && typeof item.value === 'string') item.value = poisoned(item.value);
        if (name === 'security' && isSeq(value))
          for (const item of value.items)
            if (isMap(item))
              for (const p of item.items) if (isScalar(p.key)) p.key.value = poisoned(String(p.key.value));
        if (name === 'servers' && isSeq(value))
          for (const item of value.items)
            if (isScalar(item) && typeof item.value === 'string') item.value = poisoned(item.value);
        return;
      }
      const text = value.value;
      if (name === '$ref') value.value = poisonRef(text);
      // A discriminator's mapping: its values, and the schemas it points to by $ref or by name.
      if (parentKey === 'mapping') {
        key.value = poisoned(name);
        value.value = text.includes('#') ? poisonRef(text) : poisoned(text);
      }
      if (['operationId', 'title', 'address', 'default'].includes(name)) value.value = poisoned(text);
      if (name === 'pattern') value.value = poisonedPattern(text);
      if (name === 'name' && !isPathParameter(ancestors)) value.value = poisoned(text);
      // An OpenAPI server's URL or a Swagger 2.0 base path (an AsyncAPI server is poisoned by its name).
      if ((name === 'url' && parentKey === 'servers') || name === 'basePath') value.value = `${text}/${MARK}`;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/**
 * A pattern carrying the poisoned value in an optional group inside its anchors: the value reaches
 * the message, while what the pattern admits relates to the other side's as before (an anchor added
 * or dropped still reads as narrowed or widened, a body rewritten as changed).
 */
function poisonedPattern(pattern: string): string {
  const [, start, body, end] = /^(\^?)(.*?)((?<!\\)\$?)$/s.exec(pattern)!;
  return `${start}(?:${poisoned('p')})?${body}${end}`;
}

function isPathParameter(ancestors: readonly unknown[]): boolean {
  const owner = ancestors[ancestors.length - 1];
  return (
    isMap(owner) &&
    owner.items.some(
      (p) => isScalar(p.key) && p.key.value === 'in' && isScalar(p.value) && p.value.value === 'path',
    )
  );
}

function fixture(id: string, side: 'base' | 'revision'): string | undefined {
  const file = path.join(FIXTURES, `${id}_${side}.yaml`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

async function diffPair(base: string | undefined, head: string | undefined, file = 'api.yaml') {
  return diffTexts(base, head, {}, file);
}

function expectInert(change: Change): void {
  const message = change.message;
  expectValuesWhole(message);
  // The Markdown renderer re-fences each span; what it shows outside them is escaped text.
  const { outside } = spansOf(markdownMessage(message));
  for (const piece of PIECES) expect(outside.replace(/\\`/g, ''), message).not.toContain(piece);
}

const IDS = CHECKS.map((c) => c.id);

describe('a repository value in a diff message stays one code span', () => {
  it.each(IDS)('%s', async (id) => {
    const base = fixture(id, 'base');
    const head = fixture(id, 'revision');
    const clean = await diffPair(base, head);
    const hostile = await diffPair(
      base === undefined ? undefined : poisonFixture(base),
      head === undefined ? undefined : poisonFixture(head),
      // The contract's file name is repository text too.
      `api${MARK}.yaml`,
    );
    expect(hostile.problems).toEqual([]);
    // Poisoning renames consistently: the same checks fire.
    expect(hostile.changes.map((c) => c.id).sort()).toEqual(clean.changes.map((c) => c.id).sort());
    for (const change of hostile.changes) if (change.message.includes(MARK_START)) expectInert(change);
    // The check's own change names a poisoned value: its message builder was tried.
    const own = hostile.changes.filter((c) => c.id === id);
    const named = own.some((c) => c.message.includes(MARK_START));
    expect(named, JSON.stringify(own.map((c) => c.message))).toBe(true);
  });
});
