import { describe, expect, it } from 'vitest';
import { FAST_JSON_MIN_CHARS, parseLocated } from './located-document.js';
import { jsonLocator, jsonShape, looksLikeJson } from './located-json.js';
import type { SourceRange } from './finding.js';
import { encodeSegment } from './pointer.js';

const TEXT = `{
  "openapi": "3.1.0",
  "paths": {
    "/orders/{id}": {
      "get": { "responses": { "200": { "description": "ok \\"quoted\\" }" } } }
    },
    "/a~b/c": { "x": [1, {"y": true}, "z"] }
  },
  "tags": []
}
`;

describe('jsonLocator', () => {
  const locator = jsonLocator(TEXT);

  it('finds members by key, key start to value end', () => {
    const range = locator.rangeOf('/paths/~1orders~1{id}/get');
    expect(range.start).toEqual({ line: 5, column: 7 });
    expect(range.end.line).toBe(5);
  });

  it('handles escaped quotes and brackets inside strings', () => {
    expect(locator.rangeOf('/paths/~1orders~1{id}/get/responses/200/description').start).toEqual({
      line: 5,
      column: 40,
    });
    expect(locator.rangeOf('/tags').start).toEqual({ line: 9, column: 3 });
  });

  it('finds array items and escaped pointer segments', () => {
    expect(locator.rangeOf('/paths/~1a~0b~1c/x/1/y').start).toEqual({ line: 7, column: 27 });
  });

  it('falls back to the deepest existing ancestor', () => {
    expect(locator.rangeOf('/paths/~1missing/get').start).toEqual({ line: 3, column: 3 });
    expect(locator.rangeOf('').start).toEqual({ line: 1, column: 1 });
  });

  it('agrees with the yaml-based locator on start lines', () => {
    const viaYaml = parseLocated('x.yaml', `# yaml\n${TEXT}`);
    if (viaYaml.kind !== 'ok') throw new Error('yaml did not parse');
    for (const p of [
      '/openapi',
      '/paths/~1orders~1{id}/get/responses/200',
      '/paths/~1a~0b~1c/x/2',
      '/tags',
    ]) {
      expect(locator.rangeOf(p).start.line + 1).toBe(viaYaml.document.rangeOf(p).start.line);
    }
  });
});

/** Every pointer in a value (containers and scalars), plus a missing member under each container. */
function pointersOf(value: unknown, pointer = ''): string[] {
  const out = [pointer];
  if (value === null || typeof value !== 'object') return out;
  out.push(`${pointer}/missing`);
  for (const [key, child] of Object.entries(value))
    out.push(...pointersOf(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return out;
}

const RICH = {
  openapi: '3.1.0',
  info: { title: 'Orders "quoted" {braces} [brackets]', 'x-empty': {}, 'x-none': [] },
  paths: {
    '/orders/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }, { $ref: '#/x' }],
        responses: { '200': { description: 'ok' }, '404': { description: 'nö – ✓' } },
      },
    },
    '/a~b/c': { tags: ['x', 'y'], deep: [[1, [2, { z: null }]], []] },
  },
  '10': 'a numeric key (JSON.parse puts it first)',
  '2': 'another',
  ['__proto__']: { kept: true },
  components: { schemas: { Order: { type: 'object', properties: { id: { type: 'integer' } } } } },
};

/**
 * The reference: every member's range by a plain recursive-descent read of the text (first
 * occurrence of a duplicate key, as the locator documents), offsets [key or item start, value end).
 */
function referenceRanges(text: string): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  let i = 0;
  const space = () => {
    while (' \t\r\n'.includes(text[i] ?? 'x')) i++;
  };
  const string = () => {
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  };
  const value = (pointer: string, record: boolean): void => {
    const open = text[i];
    if (open === '"') return string();
    if (open !== '{' && open !== '[') {
      while (i < text.length && !' \t\r\n,]}'.includes(text[i]!)) i++;
      return;
    }
    i++;
    space();
    for (let index = 0; text[i] !== '}' && text[i] !== ']'; index++) {
      const start = i;
      let key = String(index);
      if (open === '{') {
        string();
        key = JSON.parse(text.slice(start, i)) as string;
        space();
        i++; // ':'
        space();
      }
      const member = `${pointer}/${encodeSegment(key)}`;
      const first = record && !ranges.has(member);
      value(member, first);
      if (first) ranges.set(member, [start, i]);
      space();
      if (text[i] === ',') i++;
      space();
    }
    i++;
  };
  space();
  value('', true);
  return ranges;
}

/** What `rangeOf` must answer, from the reference: the deepest existing ancestor, the root at 1:1. */
function expectedRanges(text: string): (pointer: string) => SourceRange {
  const ranges = referenceRanges(text);
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  return (pointer) => {
    let found: [number, number] | undefined;
    let prefix = '';
    for (const segment of pointer.split('/').slice(1)) {
      const range = ranges.get(`${prefix}/${segment}`);
      if (!range) break;
      found = range;
      prefix += `/${segment}`;
    }
    const [start, end] = found ?? [0, 0];
    return { start: position(start), end: position(end) };
  };
}

/** A small seeded generator, so a failing layout can be reproduced. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value written with random JSON whitespace (spaces, tabs, CR, LF) around every token. */
function randomlyLaidOut(value: unknown, random: () => number): string {
  const gaps = ['', ' ', '\n', '\r\n', '\t', '\n      ', '  ', '\n\n'];
  const gap = () => gaps[Math.floor(random() * gaps.length)]!;
  const write = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const items = Array.isArray(v)
      ? v.map((item) => gap() + write(item) + gap())
      : Object.entries(v).map(
          ([k, item]) => gap() + JSON.stringify(k) + gap() + ':' + gap() + write(item) + gap(),
        );
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    return open + (items.length > 0 ? items.join(',') : gap()) + close;
  };
  return gap() + write(value) + gap();
}

describe('jsonLocator in any layout (read by tokens, checked against a recursive-descent reference)', () => {
  const expectAsReference = (text: string) => {
    const expected = expectedRanges(text);
    const pointers = pointersOf(JSON.parse(text) as unknown);
    const backwards = [...pointers].reverse();
    // One comparison per pass (each answer paired with its pointer): an `expect` per pointer made
    // this test several times slower.
    const answers = <T>(order: string[], answer: (pointer: string) => T) =>
      order.map((pointer) => [pointer, answer(pointer)]);
    // Remembering where skipped containers end (every one, with 1) changes no answer.
    for (const rememberFrom of [undefined, 1]) {
      const forwards = jsonLocator(text, rememberFrom);
      expect(answers(pointers, (p) => forwards.rangeOf(p))).toEqual(answers(pointers, expected));
      // The same answers whatever the order of the lookups (what one lookup reads, the next reuses):
      // backwards, each lookup walks into what the one before skipped.
      const reversed = jsonLocator(text, rememberFrom);
      expect(answers(backwards, (p) => reversed.rangeOf(p))).toEqual(answers(backwards, expected));
      // The start line alone (no read past the value), in either order, then ranges: what the
      // prefixes remembered lead to is what a walk from the root finds.
      for (const order of [pointers, backwards]) {
        const lines = jsonLocator(text, rememberFrom);
        const startLine = (p: string) => expected(p).start.line;
        expect(answers(order, (p) => lines.lineOf(p))).toEqual(answers(order, startLine));
        if (order === backwards)
          expect(answers(order, (p) => lines.rangeOf(p))).toEqual(answers(order, expected));
      }
    }
  };

  it('locates every value of pretty-printed JSON, whatever the indent and line ends', () => {
    expectAsReference(JSON.stringify(RICH, null, 2) + '\n');
    expectAsReference(JSON.stringify(RICH, null, 4));
    expectAsReference(`  ${JSON.stringify(RICH, null, 3).replace(/\n/g, '\r\n  ')}`);
    expectAsReference(JSON.stringify(RICH, null, '\t'));
  });

  it('locates every value of compact, hand-formatted and randomly laid out JSON', () => {
    const pretty = JSON.stringify(RICH, null, 2);
    expectAsReference(JSON.stringify(RICH));
    expectAsReference(pretty.replace('\n        "parameters"', '\n          "parameters"'));
    expectAsReference(pretty.replace('"openapi": "3.1.0",', '"openapi": "3.1.0", "extra": 1,'));
    expectAsReference(pretty.replace(/\{\n\s*"description": "ok"\n\s*\}/, '{ "description": "ok" }'));
    expectAsReference(pretty.replace(/\n {6}\}\n {4}\},/, '\n      }\n     },'));
    expectAsReference(pretty.replace(/\n {6}\}\n {4}\},/, '\n      }\n   },'));
    expectAsReference(pretty.replace(/\n {6}\}\n {4}\},\n {4}/, '\n      }},\n    '));
    for (let seed = 1; seed <= 40; seed++) expectAsReference(randomlyLaidOut(RICH, seeded(seed)));
  });

  it('is not misled by indentation that puts a key line in another container', () => {
    // Each line one indent deeper than the root looks like a root member, and every key and count
    // matches the parsed root; but "b" of the root is on line 2, and line 4's "b" belongs to "x".
    const shared = '{\n  "a": 1, "b": 2,\n  "x": {\n  "b": 0\n  }\n}\n';
    expect(jsonLocator(shared).rangeOf('/b')).toEqual({
      start: { line: 2, column: 11 },
      end: { line: 2, column: 17 },
    });
    expect(jsonLocator(shared).rangeOf('/x/b').start).toEqual({ line: 4, column: 3 });
    // A member's block closed early on a deeper line, the next member written after it.
    const closedEarly = '{\n  "a": {\n  "c": 1\n  }, "c": 2\n}\n';
    expect(jsonLocator(closedEarly).rangeOf('/c').start).toEqual({ line: 4, column: 6 });
    expect(jsonLocator(closedEarly).rangeOf('/a/c').start).toEqual({ line: 3, column: 3 });
    const hiddenInDeeperLines =
      '{\n  "x": {\n      "q": 1\n      }, "b": 2, "y": {\n      "z": 0\n  },\n  "w": {\n    "b": 1\n  }\n}\n';
    for (const text of [shared, closedEarly, hiddenInDeeperLines]) expectAsReference(text);
    expect(jsonLocator(hiddenInDeeperLines).rangeOf('/b').start).toEqual({ line: 4, column: 10 });
  });

  it('reads escaped keys, escaped quotes and brackets in strings, and empty containers', () => {
    const text =
      '{\n  "a\\"b": "x\\\\",\n  "\\u0041": ["]", "\\\\\\"{", {}],\n  "c": { "d\\\\": [ ] , "e" : "}"  }\n}';
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['a"b', 'A', 'c']);
    expectAsReference(text);
    expect(jsonLocator(text).rangeOf('/A/2').start).toEqual({ line: 3, column: 28 });
    expect(jsonLocator(text).rangeOf('/c/e').start).toEqual({ line: 4, column: 23 });
  });

  it('takes the first of duplicate keys, in the root and in nested objects', () => {
    const pretty = JSON.stringify(RICH, null, 2);
    const duplicated = pretty.replace('"openapi": "3.1.0",', '"openapi": "3.0.0",\n  "openapi": "3.1.0",');
    expectAsReference(duplicated);
    // JSON.stringify writes the integer-like keys ("2", "10") first: "openapi" is on lines 4 and 5.
    expect(duplicated.split('\n')[4]).toBe('  "openapi": "3.1.0",');
    expect(jsonLocator(duplicated).rangeOf('/openapi').start).toEqual({ line: 4, column: 3 });
    const nested = '{"a": {"k": {"x": 1}, "k": {"y": 2}}}';
    expect(jsonLocator(nested).rangeOf('/a/k').start.column).toBe(8);
    expect(jsonLocator(nested).rangeOf('/a/k/y').start.column).toBe(8);
  });

  it('skips deep siblings whole, strings holding brackets, quotes and backslashes included', () => {
    // Below the levels whose ends are remembered, `}` then `{` pass in one native call: nesting
    // seven deep with siblings at every level, and strings that look like those brackets.
    const leaf = (n: number): unknown => ({ s: '}, {', t: '\\"]", ["', u: [n, '{'], v: {} });
    const deep = (level: number): unknown =>
      level === 0
        ? leaf(level)
        : { a: deep(level - 1), 'b}{': [deep(level - 1), leaf(level)], c: leaf(level) };
    // Deep down, a closing bracket followed by many indented lines and another closing one: the
    // sibling alternative fails there and gives the lines back, in linear time (an expression that
    // could split a line's indentation more than one way would take exponential time here).
    const long = {
      inner: { x: 1 },
      ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])),
    };
    const value = {
      first: deep(4),
      'x\\"{': 'y',
      last: [deep(2), { z: '"}]{' }],
      more: { a: { b: { c: long } } },
    };
    expectAsReference(JSON.stringify(value, null, 2));
    expectAsReference(JSON.stringify(value));
    expectAsReference(randomlyLaidOut(value, seeded(7)));
  });

  it('counts lines past many blocks of them, in any order of lookups and line ends', () => {
    const value = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => [
        `/path/${i}`,
        { get: { responses: { '200': { description: `${i}` } } } },
      ]),
    );
    const pretty = JSON.stringify(value, null, 2);
    expect(pretty.split('\n').length).toBeGreaterThan(1000);
    expectAsReference(pretty);
    expectAsReference(pretty.replace(/\n/g, '\r\n'));
    const locator = jsonLocator(pretty);
    // Nine lines a path: the 120th's `get` on line 2 + 9 × 119 + 1.
    expect(locator.rangeOf('/~1path~1119/get').start).toEqual({ line: 1074, column: 5 });
    expect(locator.rangeOf('/~1path~10/get').start).toEqual({ line: 3, column: 5 });
    expect(locator.rangeOf('/~1path~175').start).toEqual({ line: 677, column: 3 });
  });

  it('ends within the text, with no endless loop, when a string or container never closes', () => {
    for (const text of [
      '{"a": {"b": [1, {"c": "never closes}]',
      '{"a": [[[{"b": 1}, {',
      '{"a": {"b": "x\\"',
    ]) {
      const locator = jsonLocator(text, 1);
      for (const pointer of ['/a/b', '/a/0', '/z', '/a/z/q']) {
        const range = locator.rangeOf(pointer);
        expect(range.start.line).toBe(1);
        expect(range.end.column).toBeLessThanOrEqual(text.length + 1);
      }
    }
    // Indented lines before a string that never closes: the regular expressions give them back in
    // linear time (an ambiguous split of each line's indentation would take exponential time).
    const indented = `{"a": [${'\n    1,'.repeat(2000)}\n    "never closes}`;
    expect(jsonLocator(indented).rangeOf('/a/2000').start).toEqual({ line: 2002, column: 5 });
    // A value holding a string that never closes runs to the end of the text.
    const unclosed = '{"a": {"b": "x\\"';
    expect(jsonLocator(unclosed).rangeOf('/a').end).toEqual({ line: 1, column: unclosed.length + 1 });
  });

  it('finds start lines after a BOM and CRLF line ends, of escaped and encoded keys, in fragments', () => {
    const text =
      '\ufeff{"first": 1,\r\n  "a/b~c": {\r\n    "x y": [0,\r\n      {"k": 2}]},\r\n  "z": {}\r\n}';
    const locator = jsonLocator(text);
    expect(locator.lineOf('/first')).toBe(1);
    expect(locator.lineOf('/a~1b~0c')).toBe(2);
    // A fragment (`#`) and a URI-encoded segment read as `parsePointer` reads them.
    expect(locator.lineOf('#/a~1b~0c/x%20y')).toBe(3);
    expect(locator.lineOf('/a~1b~0c/x y/1/k')).toBe(4);
    // Missing members, also below one already missing: the deepest existing ancestor's line.
    expect(locator.lineOf('/a~1b~0c/x y/7')).toBe(3);
    expect(locator.lineOf('/a~1b~0c/gone/x y/1')).toBe(2);
    expect(locator.lineOf('/z/gone')).toBe(5);
    // The root, at line 1; a pointer without a leading slash is one segment.
    expect(locator.lineOf('')).toBe(1);
    expect(locator.lineOf('#')).toBe(1);
    expect(locator.lineOf('z')).toBe(5);
    expect(jsonLocator('\r\n\r\n  {"a": 1}').lineOf('/a')).toBe(3);
    expect(jsonLocator('  ').lineOf('/a')).toBe(1);
  });

  it('answers the start of the file for the root and for text without a value', () => {
    expect(jsonLocator('\n\n  {"a": 1}').rangeOf('')).toEqual({
      start: { line: 1, column: 1 },
      end: { line: 1, column: 1 },
    });
    expect(jsonLocator('\n\n  {"a": 1}').rangeOf('/a').start).toEqual({ line: 3, column: 4 });
    expect(jsonLocator('   ').rangeOf('/a').start).toEqual({ line: 1, column: 1 });
  });
});

describe('parseLocated JSON fast path', () => {
  it('rejects duplicate keys in small JSON, as in YAML', () => {
    const parsed = parseLocated('dup.json', '{\n  "a": 1,\n  "a": 2\n}\n');
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error')
      expect(parsed.problems[0]).toMatchObject({ code: 'duplicate-key', range: { start: { line: 3 } } });
  });

  it('parses large JSON with JSON.parse and locates lazily', () => {
    const padded = TEXT.replace('{', '{\n  "padding": "' + 'x'.repeat(FAST_JSON_MIN_CHARS) + '",');
    const parsed = parseLocated('big.json', padded);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect((parsed.document.value as { openapi: string }).openapi).toBe('3.1.0');
    expect(parsed.document.rangeOf('/tags').start.line).toBe(10);
  });

  it('parses small JSON through yaml with the same locations', () => {
    const parsed = parseLocated('a.json', TEXT);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect((parsed.document.value as { openapi: string }).openapi).toBe('3.1.0');
    expect(parsed.document.rangeOf('/tags').start.line).toBe(9);
  });

  it('explains invalid JSON through the yaml parser, with a position', () => {
    const parsed = parseLocated('bad.json', '{\n  "a": 1,\n  "b": [1, 2\n}\n');
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.problems[0]!.range.start.line).toBeGreaterThan(1);
  });

  it('recognises JSON by its first significant character', () => {
    expect(looksLikeJson('\n  {"a":1}')).toBe(true);
    expect(looksLikeJson('a: 1')).toBe(false);
    expect(looksLikeJson('- 1')).toBe(false);
  });
});

describe('jsonShape', () => {
  const tooDeep = (value: unknown, limit: number) => jsonShape(value, limit).tooDeep;

  it('counts containers as the brackets that open them, empty ones too, never what strings hold', () => {
    const value = JSON.parse(JSON.stringify({ a: '[[[[{{{{', b: [[{}]], c: 1 })) as unknown;
    expect(tooDeep(value, 4)).toBe(false);
    expect(tooDeep(value, 3)).toBe(true);
    expect(tooDeep('[[[[', 0)).toBe(false);
  });

  it('stops at the limit however deep the value goes (its recursion is bounded by the limit)', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(tooDeep(deep, 128)).toBe(true);
    const fine = JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown;
    expect(tooDeep(fine, 1000)).toBe(false);
    expect(tooDeep(fine, 499)).toBe(true);
  });

  it('tells whether a $ref names another file, at any depth, in objects and arrays', () => {
    const refersElsewhere = (value: unknown) => jsonShape(value, 128).refersToOtherFiles;
    expect(refersElsewhere({ a: { $ref: '#/components/schemas/A' }, d: 'see $ref: x.json' })).toBe(false);
    expect(refersElsewhere({ $ref: { not: 'a string' }, b: ['x.json'] })).toBe(false);
    expect(refersElsewhere({ a: [{ b: { $ref: 'other.json#/a' } }] })).toBe(true);
    expect(refersElsewhere({ a: [1, 2, { $ref: './shared/x.yaml' }] })).toBe(true);
    expect(refersElsewhere({ $ref: '' })).toBe(true);
  });

  it('sends large JSON nested too deeply to yaml, which says where', () => {
    const padding = `"padding": "${'x'.repeat(FAST_JSON_MIN_CHARS)}"`;
    const text = `{\n  ${padding},\n  "deep": ${'['.repeat(200)}${']'.repeat(200)}\n}\n`;
    const parsed = parseLocated('deep.json', text);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error')
      expect(parsed.problems[0]).toMatchObject({ code: 'too-deep', range: { start: { line: 3 } } });
  });
});
