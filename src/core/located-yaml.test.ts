import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { ParseResult } from './located-document.js';
import { FAST_JSON_MIN_CHARS, parseLocated, parseLocatedAll } from './located-document.js';
import { MAX_NESTING } from './located-yaml.js';

const limits = { maxAliasCount: 100 };

function problems(result: ParseResult): string[] {
  if (result.kind === 'ok') return [];
  return result.problems.map((p) => `${p.range.start.line}:${p.range.start.column} ${p.code}: ${p.message}`);
}

function value(text: string): unknown {
  const result = parseLocated('x.yaml', text, limits);
  if (result.kind === 'error') throw new Error(problems(result).join('\n'));
  return result.document.value;
}

describe('syntax errors: one problem, at its cause, in plain words', () => {
  it('points at a `[` that is never closed, not at the line where the parser gave up', () => {
    const text = 'flows:\n  - id: x\n    regulated: [PCI\n    to: y\n  - id: z\n';
    expect(problems(parseLocated('b.yaml', text))).toEqual([
      '3:16 syntax: the list opened here with `[` is never closed with `]`',
    ]);
  });

  it('says the same of `{` and of a quote, and names the wrong closing bracket', () => {
    expect(problems(parseLocated('x.yaml', 'a: 1\nb: {x: 1\nc: 2\n'))).toEqual([
      '2:4 syntax: the mapping opened here with `{` is never closed with `}`',
    ]);
    expect(problems(parseLocated('x.yaml', 'a: "unterminated\nb: 1\nc: 2\n'))).toEqual([
      '1:4 syntax: the string opened here with `"` is never closed',
    ]);
    expect(problems(parseLocated('x.yaml', "a: 'it''s\nb: 1\n"))).toEqual([
      "1:4 syntax: the string opened here with `'` is never closed",
    ]);
    expect(problems(parseLocated('x.yaml', 'a: {x: [1, 2}\n'))).toEqual([
      '1:8 syntax: the list opened here with `[` is closed with `}` instead of `]`',
    ]);
  });

  it('keeps well-formed quotes and brackets out of it', () => {
    expect(value(`a: "say \\"hi\\""\nb: 'it''s'\nc: [1, {d: "]"}]\n`)).toEqual({
      a: 'say "hi"',
      b: "it's",
      c: [1, { d: ']' }],
    });
  });

  it('reports every duplicate key (each is its own mistake) with the key named', () => {
    expect(problems(parseLocated('x.yaml', 'a: 1\nb: 2\na: 3\nb: 4\n'))).toEqual([
      '3:1 duplicate-key: the key "a" appears twice in the same mapping; keys must be unique',
      '4:1 duplicate-key: the key "b" appears twice in the same mapping; keys must be unique',
    ]);
  });

  it('names the whole duplicate key, however it is written (yaml points at its first character only)', () => {
    const text =
      'paths:\n  /orders:\n    get: {}\n  /orders:\n    post: {}\n{a b: 1, a b: 2}: x\n"quoted key": 1\n"quoted key": 2\n';
    expect(problems(parseLocated('x.yaml', text))).toEqual([
      '4:3 duplicate-key: the key "/orders" appears twice in the same mapping; keys must be unique',
      '6:10 duplicate-key: the key "a b" appears twice in the same mapping; keys must be unique',
      '8:1 duplicate-key: the key "quoted key" appears twice in the same mapping; keys must be unique',
    ]);
    const long = `${'k'.repeat(200)}: 1\n${'k'.repeat(200)}: 2\n`;
    expect(problems(parseLocated('x.yaml', long))).toEqual([
      `2:1 duplicate-key: the key "${'k'.repeat(80)}…" appears twice in the same mapping; keys must be unique`,
    ]);
  });

  it('finds the duplicate keys yaml itself finds (its check compares every key pair; ours indexes)', () => {
    const texts = [
      'a: 1\nb: {c: 1, c: 2}\nb: 3\n',
      '1: x\n"1": y\n1: z\n',
      '? [a]\n: 1\n? [a]\n: 2\n',
      '~: 1\nnull: 2\n: 3\n',
      '.nan: 1\n.nan: 2\ntrue: 1\nTrue: 2\n',
      'base: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n  y: 2\n',
      '&k key: 1\nkey: 2\n!!str 3: a\n"3": b\n',
      'outer:\n  inner:\n    a: 1\n    a: 2\n  inner: 3\nlist:\n  - {q: 1, q: 2}\n  - q: 1\n    q: 2\n',
    ];
    const lineCol = (text: string, offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return `${before.length}:${before.at(-1)!.length + 1}`;
    };
    for (const text of texts) {
      const theirs = parseDocument(text, { uniqueKeys: true, merge: true })
        .errors.filter((e) => e.code === 'DUPLICATE_KEY')
        .map((e) => lineCol(text, e.pos[0]));
      const ours = problems(parseLocated('x.yaml', text))
        .filter((p) => p.includes(' duplicate-key: '))
        .map((p) => p.split(' ')[0]);
      expect(ours, text).toEqual(theirs);
    }
  });

  it('explains tabs and several documents', () => {
    expect(problems(parseLocated('x.yaml', 'a:\n\tb: 1\n'))).toEqual([
      '2:1 syntax: a tab indents this line; YAML is indented with spaces only',
    ]);
    expect(problems(parseLocated('x.yaml', 'a: 1\n---\nb: 2\n'))).toEqual([
      '2:1 multiple-documents: the file holds several YAML documents (separated by `---`); it must hold one',
    ]);
  });
});

describe('nesting is bounded before anything recursive runs', () => {
  const deep = MAX_NESTING + 1;
  it.each([
    ['flow YAML', 'a: ' + '['.repeat(50_000) + ']'.repeat(50_000) + '\n', '1'],
    ['compact block sequences', 'a:\n' + '- '.repeat(20_000) + 'x\n', '2'],
    [
      'nested block mappings',
      Array.from({ length: deep + 2 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n',
      String(MAX_NESTING + 1),
    ],
    ['small JSON', '{"a": ' + '['.repeat(deep) + ']'.repeat(deep) + '}', '1'],
    [
      'large JSON (fast path)',
      '{"a": ' + '['.repeat(FAST_JSON_MIN_CHARS) + ']'.repeat(FAST_JSON_MIN_CHARS) + '}',
      '1',
    ],
  ])('%s', (_, text, line) => {
    const found = problems(parseLocated('x.yaml', text));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^${line}:\\d+ too-deep: values are nested more than ${MAX_NESTING} levels deep here`),
    );
  });

  it('accepts nesting up to the limit', () => {
    const text = '{"a": ' + '['.repeat(MAX_NESTING - 1) + ']'.repeat(MAX_NESTING - 1) + '}';
    expect(parseLocated('x.json', text).kind).toBe('ok');
  });
});

describe('text that is not YAML or JSON', () => {
  it('names a NUL byte and where it is', () => {
    expect(problems(parseLocated('x.yaml', 'a: 1\nb: x\u0000y\n'))).toEqual([
      '2:5 binary: contains a NUL byte here: it is a binary file, not YAML or JSON text',
    ]);
  });

  it('recognises UTF-16, with or without a byte order mark, read as UTF-8', () => {
    const withBom = Buffer.from('\ufeffa: 1\nb: 2\n', 'utf16le').toString('utf8');
    const withoutBom = Buffer.from('a: 1\nb: 2\n', 'utf16le').swap16().toString('utf8');
    expect(problems(parseLocated('x.yaml', withBom))).toEqual([
      '1:1 encoding: is encoded as UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8',
    ]);
    expect(problems(parseLocated('x.yaml', withoutBom))).toEqual([
      '1:1 encoding: is encoded as UTF-16 (every other byte is zero); save it as UTF-8',
    ]);
  });

  it('reads a UTF-8 byte order mark as the start of text', () => {
    expect(value('\ufeffa: 1\n')).toEqual({ a: 1 });
  });
});

describe('aliases', () => {
  it('locates an alias bomb at the alias that exceeds the limit, not at 1:1', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 8; i++) {
      const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      text += `${name}: &${name} [${Array(10)
        .fill('*' + prev)
        .join(', ')}]\n`;
    }
    const [only, ...rest] = problems(parseLocated('x.yaml', text));
    expect(rest).toEqual([]);
    expect(only).toMatch(
      /^[2-9]:\d+ alias-limit: the alias \*[a-i] here makes YAML aliases expand beyond the limit of 100/,
    );
    expect(only).not.toMatch(/^1:1 /);
  });

  it('refuses an alias with no anchor before it, and one inside the value it names', () => {
    expect(problems(parseLocated('x.yaml', 'a: *nope\n'))).toEqual([
      '1:4 syntax: the alias *nope here names no anchor (`&nope`) defined before it',
    ]);
    for (const text of ['a: &x [*x]\n', 'a: &x {b: {c: *x}}\n', 'a: &x\n  <<: *x\n'])
      expect(problems(parseLocated('x.yaml', text))).toEqual([
        expect.stringMatching(
          / syntax: the alias \*x here is inside the value it names, which would contain itself$/,
        ),
      ]);
  });
});

describe('YAML 1.1 merge keys', () => {
  const text = `defaults: &defaults
  owner: acme/platform
  technical:
    rateLimit: { requests: 100, per: 1s }
extra: &extra { external: true, owner: acme/extra }
systems:
  - id: a
    <<: *defaults
  - id: b
    owner: acme/b
    <<: [*extra, *defaults]
`;

  it('merges one mapping or a list of them; own keys win, then earlier sources', () => {
    const parsed = value(text) as { systems: Record<string, unknown>[] };
    expect(parsed.systems[0]).toEqual({
      id: 'a',
      owner: 'acme/platform',
      technical: { rateLimit: { requests: 100, per: '1s' } },
    });
    expect(parsed.systems[1]).toEqual({
      id: 'b',
      owner: 'acme/b',
      external: true,
      technical: { rateLimit: { requests: 100, per: '1s' } },
    });
    expect(Object.keys(parsed.systems[0]!)).not.toContain('<<');
  });

  it('locates a merged key where it is written, and an own key where it is', () => {
    const result = parseLocated('x.yaml', text, limits);
    if (result.kind !== 'ok') throw new Error('does not parse');
    const line = (pointer: string) => result.document.rangeOf(pointer).start.line;
    expect(line('/systems/0/owner')).toBe(2);
    expect(line('/systems/0/technical/rateLimit/per')).toBe(4);
    expect(line('/systems/1/owner')).toBe(10);
    expect(line('/systems/1/external')).toBe(5);
    expect(line('/systems/0/deadLetter')).toBe(7);
  });

  it('refuses a merge key on something that is not a mapping', () => {
    expect(problems(parseLocated('x.yaml', 'a:\n  <<: 5\n'))).toEqual([
      '2:3 syntax: a merge key (`<<`) must name a mapping or a list of mappings (`<<: *base`, `<<: [*a, *b]`)',
    ]);
    expect(problems(parseLocated('x.yaml', 'b: &b [1]\na:\n  <<: [*b]\n'))).toHaveLength(1);
  });

  it('counts merges against the alias limit', () => {
    let bomb = 'a0: &a0 {k: [x, x, x, x, x, x, x, x, x, x]}\n';
    for (let i = 1; i <= 6; i++)
      bomb += `a${i}: &a${i}\n  l: [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n  <<: *a${i - 1}\n`;
    expect(problems(parseLocated('x.yaml', bomb))).toEqual([
      expect.stringMatching(/ alias-limit: the alias \*a\d here/),
    ]);
  });

  it('works in multi-document streams too', () => {
    const result = parseLocatedAll('x.yaml', 'a: &a {k: 1}\nb: {<<: *a}\n---\nc: 2\n', limits);
    expect(result.kind === 'ok' && result.documents.map((d) => d.value)).toEqual([
      { a: { k: 1 }, b: { k: 1 } },
      { c: 2 },
    ]);
  });
});
