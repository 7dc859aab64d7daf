/**
 * The YAML fast path (src/core/fast-yaml.ts: js-yaml's value, ranges from its events) against the
 * located parse it stands in for (yaml's composed document and source map): for every text it takes,
 * the same value and the same range for every place — and for every place below one that does not
 * exist — in the project's own YAML files, in one description written in the styles YAML writers
 * produce, and in the corners where the two libraries part ways, which must go to yaml.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlFast } from '../../src/core/fast-yaml.js';
import { parseLocatedYaml } from '../../src/core/located-document.js';
import { parseYamlLocated } from '../../src/core/located-yaml.js';

const LIMITS = { maxAliasCount: 100 };
const ROOT = path.resolve(import.meta.dirname, '../..');

function pointers(value: unknown, at = '', out: string[] = []): string[] {
  out.push(at, `${at}/no-such-key`, `${at}/0/below`);
  if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value))
      pointers(
        (value as Record<string, unknown>)[key],
        `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        out,
      );
  return out;
}

/** 'slow' when the fast path declines; else the first difference from the located parse, or 'same'. */
function compare(text: string): string {
  const fast = parseYamlFast('f.yaml', text);
  if (!fast) return 'slow';
  const located = parseYamlLocated('f.yaml', text, LIMITS);
  if (located.kind !== 'ok') return `yaml refuses it: ${located.problems[0]!.message}`;
  if (!isDeepStrictEqual(fast.value, located.document.value)) return 'values differ';
  for (const pointer of pointers(located.document.value)) {
    const mine = fast.rangeOf(pointer);
    const theirs = located.document.rangeOf(pointer);
    if (!isDeepStrictEqual(mine, theirs))
      return `at ${JSON.stringify(pointer)}: ${JSON.stringify(mine)} instead of ${JSON.stringify(theirs)}`;
  }
  return 'same';
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the YAML fast path reads as the located parse does', () => {
  it("in the project's own YAML files, most of which it takes", { timeout: 60_000 }, () => {
    const files = ['examples', 'test', 'rules', 'docs'].flatMap((d) => yamlFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(300);
    const outcomes = files.map((file) => [path.relative(ROOT, file), compare(readFileSync(file, 'utf8'))]);
    expect(outcomes.filter(([, outcome]) => outcome !== 'same' && outcome !== 'slow')).toEqual([]);
    const fast = outcomes.filter(([, outcome]) => outcome === 'same').length;
    expect(fast / files.length).toBeGreaterThan(0.9);
  });

  it('in one description written in the styles YAML writers produce', { timeout: 60_000 }, () => {
    const description = sampleDescription();
    const styles: Record<string, string> = {
      'yaml, block': stringify(description),
      'yaml, narrow lines': stringify(description, { lineWidth: 30, minContentWidth: 10 }),
      'yaml, double-quoted': stringify(description, { defaultStringType: 'QUOTE_DOUBLE' }),
      'yaml, single-quoted': stringify(description, { defaultStringType: 'QUOTE_SINGLE' }),
      'yaml, folded': stringify(description, { defaultStringType: 'BLOCK_FOLDED' }),
      'yaml, literal': stringify(description, { defaultStringType: 'BLOCK_LITERAL' }),
      'yaml, lists not indented': stringify(description, { indentSeq: false }),
      'yaml, indent 4': stringify(description, { indent: 4 }),
      'js-yaml': dump(description),
      'js-yaml, flow from level 3': dump(description, { flowLevel: 3 }),
      'js-yaml, narrow lines': dump(description, { lineWidth: 30 }),
      'js-yaml, quoted': dump(description, { forceQuotes: true, quotingType: '"' }),
      'JSON, indented': JSON.stringify(description, null, 2),
      'JSON, one line': JSON.stringify(description),
      'CRLF line ends': stringify(description).replace(/\n/g, '\r\n'),
    };
    const outcomes = Object.entries(styles).map(([style, text]) => [style, compare(text)]);
    expect(outcomes).toEqual(Object.keys(styles).map((style) => [style, 'same']));
  });

  it('in the corners of YAML, or leaves them to yaml', () => {
    const outcomes = CORNERS.map((text) => [text, compare(text)]);
    expect(outcomes.filter(([, outcome]) => outcome !== 'same' && outcome !== 'slow')).toEqual([]);
    // Most corners are plain YAML both read alike, and the fast path takes them.
    expect(outcomes.filter(([, outcome]) => outcome === 'same').length).toBeGreaterThan(CORNERS.length / 2);
  });

  it(
    'in texts made by mutating small documents at random (seeded), or leaves them to yaml',
    { timeout: 60_000 },
    () => {
      // Where two parsers part ways is mostly in broken or odd text: a comment glued to a quote, a
      // flow collection closed too far left, a tag. Mutations of a few documents reach such corners.
      let state = 20261205;
      const random = (n: number) => {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        return state % n;
      };
      const pieces = [
        ' ',
        '\t',
        ':',
        '-',
        '"',
        "'",
        '[',
        ']',
        '{',
        '}',
        ',',
        '#',
        '\n',
        '|',
        '>',
        '?',
        'x',
        '\n  ',
        ': ',
        '- ',
        '&a ',
        '*a',
        '!',
        '\\',
        '+',
        '2',
        '...',
        '---',
        '\r\n',
        '~',
      ];
      const differing: [string, string][] = [];
      let taken = 0;
      for (let i = 0; i < 3000; i++) {
        let text = MUTATED[random(MUTATED.length)]!;
        for (let edits = 1 + random(3); edits > 0; edits--) {
          const at = random(text.length + 1);
          const piece = pieces[random(pieces.length)]!;
          const how = random(3);
          text = text.slice(0, at) + (how === 0 ? '' : piece) + text.slice(how === 1 ? at : at + 1);
        }
        const outcome = compare(text);
        if (outcome === 'same') taken++;
        else if (outcome !== 'slow') differing.push([text, outcome]);
      }
      expect(differing).toEqual([]);
      expect(taken).toBeGreaterThan(300);
    },
  );

  it('resolves plain scalars as the YAML 1.2 core schema does, and leaves quoted ones strings', () => {
    const scalars = [
      '~',
      'null',
      'Null',
      'NULL',
      'nUll',
      'true',
      'True',
      'TRUE',
      'tRue',
      'yes',
      'Off',
      '0o17',
      '0O17',
      '0x1F',
      '0X1F',
      '0b101',
      '012',
      '1_000',
      '-0',
      '+5',
      '1e3',
      '1E+3',
      '1.',
      '.5',
      '-.5e-2',
      '.inf',
      '-.Inf',
      '+.INF',
      '.nan',
      '.NaN',
      '.Nan',
      '2024-01-01',
      '9007199254740993',
      '1e400',
      '=',
      '3.0.1',
      '0.1.2',
      '"3"',
      "'true'",
    ];
    const text = scalars.map((s, i) => `k${i}: ${s}\n`).join('');
    const fast = parseYamlFast('s.yaml', text);
    const located = parseYamlLocated('s.yaml', text, LIMITS);
    expect(fast).toBeDefined();
    expect(located.kind).toBe('ok');
    expect(fast!.value).toStrictEqual(located.kind === 'ok' ? located.document.value : undefined);
  });

  it('leaves to yaml what js-yaml reads otherwise or accepts where yaml refuses', () => {
    const declined = {
      'an alias': 'a: &x {b: 1}\nc: *x\n',
      'an alias of a scalar': 'a: &x s\nc: *x\n',
      'a merge key': 'base: &b {x: 1}\nc:\n  <<: *b\n',
      'a YAML 1.1 directive': '%YAML 1.1\n---\na: yes\n',
      'an explicit key': '? a\n: b\n',
      'a flow list as a key': '[a, b]: 1\n',
      'a flow list as a key in a flow mapping': 'k: {[a]: 1}\n',
      'a null key': '~: 1\n',
      'an empty key': ': 1\n',
      'a key longer than yaml allows': `${'k'.repeat(1100)}: 1\n`,
      'a lone carriage return': 'a: b\rc: d\r',
      'a quoted scalar continued without indentation': 'b:\n  a: "x\n  y"\n',
      'a flow list continued without indentation': 'a: [1,\n2]\n',
      "a nested flow mapping closed at its key's indentation": 'b:\n  c: [1, {d: e\n  }]\n',
      'a comment right after a closing bracket': 'c: [1, {d: e}]#x\n',
      'a comment right after a closing quote': 'f: "x"#\n',
      'a tagged scalar': 'k: !!str 12\n',
      'a document end marker': 'a: 1\n...\n',
      'a nested list whose item is empty': '- -\n- a\n',
      'two documents': 'a: 1\n---\nb: 2\n',
      'a duplicate key': 'x: 1\nx: 2\n',
      'an unknown tag': 'a: !foo 1\n',
      'a timestamp tag': 'a: !!timestamp 2001-12-14\n',
      'nesting past the limit': `${'['.repeat(200)}${']'.repeat(200)}\n`,
      'an empty block scalar': 'a: |\n\nb: 1\n',
      'an empty document': '# only a comment\n',
    };
    for (const [what, text] of Object.entries(declined)) {
      expect({ what, fast: parseYamlFast('d.yaml', text) }).toEqual({ what, fast: undefined });
      // …and the located parse answers as it always did, refusal included.
      expect(outcomeOf(parseLocatedYaml('d.yaml', text, LIMITS))).toStrictEqual(
        outcomeOf(parseYamlLocated('d.yaml', text, LIMITS)),
      );
    }
  });
});

function outcomeOf(result: ReturnType<typeof parseYamlLocated>) {
  return result.kind === 'ok'
    ? {
        value: result.document.value,
        root: result.document.rangeOf(''),
        treeShaped: result.document.treeShaped,
      }
    : result;
}

/** Small documents the mutation test starts from, each with the constructs the parsers read apart. */
const MUTATED = [
  'a: 1\nb:\n  c: [1, 2, {d: e}]\n  f: "x y"\n  g: |\n    line\n  h:\n    - i\n    - j: k\n      l: m\n',
  "- name: x\n  value: 'it''s'\n- name: y\n  value: >-\n    folded\n    text\n# end\n",
  'a: |\n  x\n   y\nb: >-\n  folded\n\n  para\nc: |+\n  keep\n\nd: "multi\n  line \\"q\\"\n  end"\n',
  'x:\n  - [a, b,\n     c]\n  - {k: v,\n     l: [1, 2]}\n  -   - nested\n      - more\n',
  '# head\nk1: v # c\nk2:\n  # inner\n  k3: val\n  k5: ~\n  k6:\n  k7: [ ]\n# tail\n',
  '{"a": [1, 2, {"b": null}],\n "c": {"d": "e"},\n "f": true}\n',
];

/** An OpenAPI-like description with the values that exercise writers' choices of style. */
function sampleDescription(): unknown {
  const schema = (n: number) => ({
    type: 'object',
    description: `Schema ${n}: a long description that a writer folds or quotes — with "quotes", 'apostrophes', a colon: here, a #hash, and ünïcödé.`,
    required: ['id', 'name'],
    properties: {
      id: { type: 'integer', format: 'int64', minimum: 0, example: 9007199254740991 },
      name: { type: 'string', maxLength: 80, pattern: '^[a-z]+(-[a-z]+)*$', example: 'a-b' },
      ratio: { type: 'number', example: 0.25, default: -1.5e-3 },
      flags: { type: 'array', items: { type: 'boolean' }, example: [true, false] },
      note: {
        type: 'string',
        nullable: true,
        example: null,
        description: 'Line one.\n\nLine three, after a blank line.\n',
      },
      tags: {
        type: 'array',
        items: { type: 'string', enum: ['a b', 'yes', 'null', '1.0', '@at', '- dash', '[x]', '{y}'] },
      },
      nested: {
        type: 'object',
        properties: { deeper: { type: 'object', properties: { deepest: { type: 'string' } } } },
      },
      empty: {},
      none: [],
    },
  });
  const schemas = Object.fromEntries(Array.from({ length: 12 }, (_, n) => [`Schema${n}`, schema(n)]));
  const operation = (n: number) => ({
    operationId: `op${n}`,
    summary: `Operation ${n}`,
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: {
        description: 'OK',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/Schema${n}` } } },
      },
      '4XX': { description: 'Client error: see "problem" details.' },
      default: { description: 'Anything else' },
    },
  });
  const paths = Object.fromEntries(
    Array.from({ length: 12 }, (_, n) => [`/things/{id}/part${n}`, { get: operation(n) }]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Sample: styles', version: '1.0.0' },
    paths,
    components: { schemas },
  };
}

const CORNERS = [
  'a: 1\n\tb: 2\n',
  'a: b#c\n',
  'a: b #c\n',
  '"a\n b": 1\n',
  'a: "multi\n  line"\n',
  '- - a\n  - b\n- c\n',
  'a:\n- 1\n- 2\n',
  'a: |\n  x\n\n\nb: 1\n',
  'a: |+\n  x\n\n\nb: 1\n',
  'a: |-\n  x\nb: 1\n',
  'a: >2\n   indented\n  x\n',
  'a:\n  # only comment\nb: 1\n',
  'a:\n\nb:\n',
  '- \n- a\n-\n',
  'a: [1, 2, ]\n',
  'a: {b: 1, }\n',
  'a: {b}\n',
  'a: [b: 1]\n',
  '--- \na: 1\n...\n',
  '---\na: 1\n',
  '"a": 1\n\'b\': 2\n',
  'a: !!str 1\n',
  'a: !!int "1"\n',
  'a: !!float 1\n',
  '1: a\n2.0: b\ntrue: c\n',
  'a:\n  b:\n    c:\n      d: [ [1, [2, {e: f}]] ]\n',
  'a: "\\u00e9\\t\\x41"\n',
  "a: 'it''s'\n",
  'a: b\n  c\n',
  'a:    b   \n',
  'a: b\r\nc: d\r\n',
  '\ufeffa: 1\n',
  'a: 1 # c\n# c2\nb: [1, # c3\n  2]\n',
  'a:\n  - b: 1\n    c: 2\n  - d\n',
  'a: >\n  folded\n  more\n\n  para\nb: 1\n',
  'key with spaces: 1\n"quoted: colon": 2\n',
  'a: "x" # c\n',
  'a:\n  -   b\n  -   - c\n',
  'a: -\n',
  'a:\n  &anc b: 1\n',
  '&a a: 1\n',
  'a:  \t \n',
  'a: "\n"\n',
  "a: '\n\n'\n",
  '"a":1\n',
  '{"a":1,"b":[1,2]}\n',
  '__proto__: 1\n',
  'a:\n  __proto__: {b: 1}\n',
  'a: [\n  1\n]\n',
  'a: [\n  1\n  ]\n',
  'b:\n  a: "x\n   y"\n',
  'a: "x\n\n y"\n',
  '- "x\n y"\n',
  'a:\n  - [1,\n    2]\n',
  'a: |+\n  x\n\n# c\nb: 1\n',
  'a: |2+\n    x\n\nb: 1\n',
  'a:\n  - \n  - b\n  -\n',
  'a:\n  b:\n  c:    \n',
  'a:   # c\nb: 1\n',
  '- - \n  - \n',
  'a: >+\n  x\n\n',
  'a: |\n  x\n  # y\nb: 1\n',
  'a:\n  - |\n    z\n\n  - b\n',
  '',
  '# only a comment\n',
  'plain scalar document\n',
  '[1, 2]\n',
  '- a\n- {b: [c, {d: e}]}\n',
  'a: 1\n# trailing comment',
  // Shapes from real files where yaml's range takes comments in (FUNDING.yml, an App Engine index,
  // a workflow's steps): the ranges fall back to yaml's source map.
  'github: [x]\npatreon: # a name\ncustom: # up to 4 URLs\n',
  'indexes:\n\n# AUTOGENERATED\n\n# more words\n',
  'steps:\n    - name: a\n      with:\n        languages: "python"\n        # a comment\n\n    # another\n    - name: b\n',
  'list:\n  - id: a\n    masking:\n      - { field: email }\n    # a comment\n\n  - id: b\n',
];
