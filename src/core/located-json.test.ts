import { describe, expect, it } from 'vitest';
import { FAST_JSON_MIN_CHARS, parseLocated } from './located-document.js';
import { indentedLocator, jsonLocator, jsonShape, looksLikeJson } from './located-json.js';

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
  const locator = jsonLocator(TEXT, JSON.parse(TEXT));

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

describe('jsonLocator on pretty-printed JSON (navigated by lines)', () => {
  // The scanning locator answers when the value does not match the lines (here: none of them).
  const expectSameAsScanning = (text: string) => {
    const value = JSON.parse(text) as unknown;
    const byLines = jsonLocator(text, value);
    const scanning = jsonLocator(text, {});
    for (const pointer of pointersOf(value))
      expect(byLines.rangeOf(pointer), pointer).toEqual(scanning.rangeOf(pointer));
  };

  it('locates every value as the scanning locator does', () => {
    expectSameAsScanning(JSON.stringify(RICH, null, 2) + '\n');
    expectSameAsScanning(JSON.stringify(RICH, null, 4));
  });

  it('answers every pointer of pretty-printed JSON by its lines, without the scanning locator', () => {
    for (const text of [
      JSON.stringify(RICH, null, 2),
      `  ${JSON.stringify(RICH, null, 3).replace(/\n/g, '\r\n  ')}`,
    ]) {
      const value = JSON.parse(text) as unknown;
      const byLines = indentedLocator(text, value);
      const scanning = jsonLocator(text, {});
      expect(byLines).not.toBeNull();
      for (const pointer of pointersOf(value))
        expect(byLines!.rangeOf(pointer), pointer).toEqual(scanning.rangeOf(pointer));
    }
  });

  it('does not navigate by lines where they do not match the value', () => {
    const pretty = JSON.stringify(RICH, null, 2);
    const value = JSON.parse(pretty) as unknown;
    expect(indentedLocator(JSON.stringify(RICH), value)).toBeNull();
    const misindented = pretty.replace('\n        "parameters"', '\n          "parameters"');
    expect(misindented).not.toBe(pretty);
    expect(
      indentedLocator(misindented, value)!.rangeOf('/paths/~1orders~1{id}/get/parameters'),
    ).toBeUndefined();
    const duplicated = pretty.replace('"openapi": "3.1.0",', '"openapi": "3.0.0",\n  "openapi": "3.1.0",');
    expect(indentedLocator(duplicated, value)!.rangeOf('/openapi')).toBeUndefined();
    const closedEarly = pretty.replace(/\n {6}\}\n {4}\},\n {4}"\/a~b\/c"/, '\n      }\n  },\n    "/a~b/c"');
    expect(closedEarly).not.toBe(pretty);
    expect(indentedLocator(closedEarly, value)!.rangeOf('/paths/~1a~0b~1c')).toBeUndefined();
  });

  it('handles Windows line ends, tabs, hand-edited indents, compact and mixed layouts, duplicate keys', () => {
    const pretty = JSON.stringify(RICH, null, 2);
    expectSameAsScanning(pretty.replace(/\n/g, '\r\n'));
    expectSameAsScanning(JSON.stringify(RICH, null, '\t'));
    expectSameAsScanning(pretty.replace('\n        "parameters"', '\n          "parameters"'));
    expectSameAsScanning(pretty.replace('"openapi": "3.1.0",', '"openapi": "3.1.0", "extra": 1,'));
    expectSameAsScanning(JSON.stringify(RICH));
    expectSameAsScanning(pretty.replace(/\{\n\s*"description": "ok"\n\s*\}/, '{ "description": "ok" }'));
    expectSameAsScanning(pretty.replace('"openapi": "3.1.0",', '"openapi": "3.0.0",\n  "openapi": "3.1.0",'));
    // A member's block closed off its indent (deeper, shallower, or on the next member's line): its
    // end is scanned for, never taken from a line that does not close it.
    expectSameAsScanning(pretty.replace(/\n {6}\}\n {4}\},/, '\n      }\n     },'));
    expectSameAsScanning(pretty.replace(/\n {6}\}\n {4}\},/, '\n      }\n   },'));
    expectSameAsScanning(pretty.replace(/\n {6}\}\n {4}\},\n {4}/, '\n      }},\n    '));
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
