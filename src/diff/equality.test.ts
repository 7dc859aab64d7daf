import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../core/file-source.js';
import { getAtPointer, toPointer } from '../core/pointer.js';
import { lazySameness } from './equality.js';
import type { ContractTree } from './load.js';
import { createParseCache, readContractTree } from './load.js';
import { structuralDiff } from './structural.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/breaking');

async function trees(
  base: Record<string, string>,
  head: Record<string, string>,
): Promise<[ContractTree, ContractTree]> {
  const cache = createParseCache();
  const b = await readContractTree('base', { source: new InMemoryFileSource(base), path: 'api.yaml' }, cache);
  const h = await readContractTree('head', { source: new InMemoryFileSource(head), path: 'api.yaml' }, cache);
  return [b.tree!, h.tree!];
}

function everyPointer(value: unknown, at: (string | number)[] = [], out: string[] = []): string[] {
  out.push(toPointer(at));
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) everyPointer(v, [...at, k], out);
  return out;
}

describe('lazy sameness', () => {
  it('agrees with the full structural diff at every pointer of every fixture pair', async () => {
    const pairs = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('_base.yaml'))
      .map((f) => f.replace(/_base\.yaml$/, ''));
    let compared = 0;
    for (const id of pairs) {
      const revision = path.join(FIXTURES, `${id}_revision.yaml`);
      let headText: string;
      try {
        headText = readFileSync(revision, 'utf8');
      } catch {
        continue;
      }
      const [b, h] = await trees(
        { 'api.yaml': readFileSync(path.join(FIXTURES, `${id}_base.yaml`), 'utf8') },
        { 'api.yaml': headText },
      );
      const full = structuralDiff(b, h);
      const lazy = lazySameness(b, h);
      for (const pointer of everyPointer(b.documents.get('api.yaml')!.value)) {
        expect(lazy.unchanged('api.yaml', pointer), `${id} ${pointer}`).toBe(
          full.unchanged('api.yaml', pointer),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('follows refs across files and through cycles', async () => {
    const root =
      "a: {$ref: 'other.yaml#/x'}\nb: {$ref: '#/c'}\nc: {$ref: '#/b'}\nd: {$ref: '#/e'}\ne: {f: {$ref: '#/d'}, g: 1}\nasyncapi: 3.0.0\n";
    const [b, h] = await trees(
      { 'api.yaml': root, 'other.yaml': 'x: {type: string}\n' },
      { 'api.yaml': root.replace('g: 1', 'g: 2'), 'other.yaml': 'x: {type: integer}\n' },
    );
    const lazy = lazySameness(b, h);
    const full = structuralDiff(b, h);
    for (const p of ['/a', '/b', '/c', '/d', '/e', '/e/f', '/asyncapi'])
      expect(lazy.unchanged('api.yaml', p), p).toBe(full.unchanged('api.yaml', p));
    expect(lazy.unchanged('api.yaml', '/a')).toBe(false);
    expect(lazy.unchanged('api.yaml', '/b')).toBe(true);
    expect(lazy.unchanged('api.yaml', '/d')).toBe(false);
  });

  it('reaches what the caller says an element reaches beyond its refs: a change there changes it', async () => {
    // A discriminator parent and the subtype it selects (schema/subtypes.ts); only the subtype changed.
    const doc = (lives: number) =>
      `openapi: 3.0.3\nuse: {$ref: '#/Pet'}\nPet: {discriminator: {propertyName: t}}\nCat: {allOf: [{$ref: '#/Pet'}], maximum: ${lives}}\n`;
    const [b, h] = await trees({ 'api.yaml': doc(9) }, { 'api.yaml': doc(7) });
    expect(lazySameness(b, h).unchanged('api.yaml', '/use')).toBe(true);
    const reaches = (at: { pointer: string }) =>
      at.pointer === '/Pet' ? [{ file: 'api.yaml', pointer: '/Cat' }] : [];
    const beyond = lazySameness(b, h, { reaches });
    expect(beyond.unchanged('api.yaml', '/use')).toBe(false);
    expect(beyond.unchanged('api.yaml', '/Pet')).toBe(false);
  });

  it('tells apart two places a YAML alias fills with one object', async () => {
    // yaml resolves `*s` to the very object `&s` holds: an answer found for one place by that object
    // must not stand for the other, whose head counterpart changed.
    const base = 'asyncapi: 3.0.0\na: &s {type: object, properties: {x: {type: string}}}\nb: *s\n';
    const head =
      'asyncapi: 3.0.0\na: &s {type: object, properties: {x: {type: string}}}\nb: {type: object, properties: {x: {type: integer}}}\n';
    const [b, h] = await trees({ 'api.yaml': base }, { 'api.yaml': head });
    const bv = b.documents.get('api.yaml')!.value as Record<string, unknown>;
    const hv = h.documents.get('api.yaml')!.value as Record<string, unknown>;
    expect(bv.a).toBe(bv.b); // the premise: one object at two places
    const lazy = lazySameness(b, h);
    const node = (value: Record<string, unknown>, key: string) => ({
      file: 'api.yaml',
      pointer: `/${key}`,
      value: value[key],
    });
    expect(lazy.sameNode(node(bv, 'a'), node(hv, 'a'))).toBe(true);
    expect(lazy.sameNode(node(bv, 'b'), node(hv, 'b'))).toBe(false);
    expect(lazy.unchanged('api.yaml', '/b/properties/x')).toBe(false);
  });

  it('follows pointers through own members only, and answers a place asked again alike', async () => {
    // `constructor` and `__proto__` are found on every object's prototype: never members here.
    const doc = (x: number) =>
      JSON.stringify({
        openapi: '3.1.0',
        own: { ['__proto__']: { x }, constructor: { x: 1 } },
        plain: { y: [1, 2] },
      });
    const [b, h] = await trees({ 'api.yaml': doc(1) }, { 'api.yaml': doc(2) });
    const full = structuralDiff(b, h);
    const lazy = lazySameness(b, h);
    const pointers = [
      '/own/__proto__',
      '/own/__proto__/x',
      '/own/constructor',
      '/plain/__proto__',
      '/plain/constructor',
      '/plain/constructor/name',
      '/plain/toString',
      '/plain/y/length',
      '/plain/y/1',
      '/missing/y',
    ];
    for (const pointer of [...pointers, ...pointers])
      expect(lazy.unchanged('api.yaml', pointer), pointer).toBe(full.unchanged('api.yaml', pointer));
    expect(lazy.unchanged('api.yaml', '/own/__proto__')).toBe(false);
    expect(lazy.unchanged('api.yaml', '/plain/__proto__')).toBe(true);
  });

  it('answers by node as by pointer on a large JSON description (places found by their objects)', async () => {
    // Above FAST_JSON_MIN_CHARS a JSON text is parsed by JSON.parse (tree-shaped: one place per
    // object), where sameness finds entries by object identity.
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 600; i++)
      schemas[`S${i}`] = {
        type: 'object',
        description: 'padding '.repeat(40),
        properties: { id: { type: 'integer' }, next: { $ref: `#/components/schemas/S${(i + 1) % 600}` } },
      };
    const doc = (change: boolean) => {
      const copy = structuredClone(schemas) as Record<string, { properties: Record<string, unknown> }>;
      if (change) copy.S300!.properties.id = { type: 'string' };
      return JSON.stringify({ openapi: '3.1.0', paths: {}, components: { schemas: copy } });
    };
    const [b, h] = await trees({ 'api.yaml': doc(false) }, { 'api.yaml': doc(true) });
    expect(b.documents.get('api.yaml')!.treeShaped).toBe(true);
    const full = structuralDiff(b, h);
    const lazy = lazySameness(b, h);
    const baseDoc = b.documents.get('api.yaml')!.value;
    const headDoc = h.documents.get('api.yaml')!.value;
    let asked = 0;
    for (const pointer of everyPointer(baseDoc)) {
      const at = (value: unknown) => ({ file: 'api.yaml', pointer, value: getAtPointer(value, pointer) });
      const byNode = lazy.sameNode(at(baseDoc), at(headDoc));
      expect(byNode, pointer).toBe(full.unchanged('api.yaml', pointer));
      expect(lazy.unchanged('api.yaml', pointer), pointer).toBe(byNode);
      asked++;
    }
    expect(asked).toBeGreaterThan(4000);
    // The cycle through every schema reaches S300: every schema changed, every `id` but S300's not.
    expect(lazy.unchanged('api.yaml', '/components/schemas/S0')).toBe(false);
    expect(lazy.unchanged('api.yaml', '/components/schemas/S0/properties/id')).toBe(true);
  });
});

/**
 * `S<i>` refers to `S<i-1>` twice and back to the top `S<depth>`: every element reaches every other,
 * along 2^depth paths. `change` edits S0's `a`, reached from everywhere; `lone` edits what none reaches.
 */
function cyclicFanOut(depth: number, change: boolean, lone = 'string'): string {
  const ref = (i: number) => `{$ref: '#/components/schemas/S${i}'}`;
  const lines = [
    'openapi: 3.0.3',
    'components:',
    '  schemas:',
    `    S0: {type: object, properties: {a: {type: ${change ? 'integer' : 'string'}}, top: ${ref(depth)}}}`,
  ];
  for (let i = 1; i <= depth; i++)
    lines.push(
      `    S${i}: {type: object, properties: {l: ${ref(i - 1)}, r: ${ref(i - 1)}, top: ${ref(depth)}}}`,
    );
  lines.push(`    Lone: {type: ${lone}}`);
  return `${lines.join('\n')}\n`;
}

describe('lazy sameness through cycles that fan out', () => {
  it('agrees with the full structural diff at every pointer, changed or not', async () => {
    for (const change of [false, true]) {
      const [b, h] = await trees(
        { 'api.yaml': cyclicFanOut(5, false) },
        { 'api.yaml': cyclicFanOut(5, change) },
      );
      const lazy = lazySameness(b, h);
      const full = structuralDiff(b, h);
      for (const pointer of everyPointer(b.documents.get('api.yaml')!.value))
        expect(lazy.unchanged('api.yaml', pointer), `${change} ${pointer}`).toBe(
          full.unchanged('api.yaml', pointer),
        );
    }
  });

  it('answers alike whatever order the questions come in (answers already settled are reused)', async () => {
    // a ↔ t is a cycle that also reaches the changed c; d reaches c alone; e reaches the unchanged u
    // twice; f reaches e (settled or not). Asked in every order, an element whose targets are all
    // answered is decided from them, and one with a target still open is walked.
    const doc = (c: number) =>
      [
        'asyncapi: 3.0.0',
        "a: {x: {$ref: '#/t'}, y: {$ref: '#/c'}}",
        "t: {x: {$ref: '#/a'}}",
        `c: {v: ${c}}`,
        "d: {y: {$ref: '#/c'}}",
        "e: {x: {$ref: '#/u'}, y: {$ref: '#/u'}}",
        'u: {v: 1}',
        "f: {x: {$ref: '#/e'}, y: {$ref: '#/t'}}",
        '',
      ].join('\n');
    const [b, h] = await trees({ 'api.yaml': doc(1) }, { 'api.yaml': doc(2) });
    const full = structuralDiff(b, h);
    const places = ['/a', '/t', '/c', '/d', '/e', '/u', '/f'];
    const expected = places.map((p) => full.unchanged('api.yaml', p));
    expect(expected).toEqual([false, false, false, false, true, true, false]);
    const orders = (items: string[]): string[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((first, i) =>
            orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]),
          );
    for (const order of orders(places)) {
      const lazy = lazySameness(b, h);
      const answers = new Map(order.map((p) => [p, lazy.unchanged('api.yaml', p)]));
      expect(
        places.map((p) => answers.get(p)),
        order.join(' '),
      ).toEqual(expected);
    }
  });

  it('answers for 60 levels (2^60 paths) by walking each element once', async () => {
    const [b, h] = await trees(
      { 'api.yaml': cyclicFanOut(60, false) },
      { 'api.yaml': cyclicFanOut(60, true) },
    );
    const lazy = lazySameness(b, h);
    expect(lazy.unchanged('api.yaml', '/components/schemas/S60')).toBe(false);
    expect(lazy.unchanged('api.yaml', '/components/schemas/S30/properties/l')).toBe(false);
    expect(lazy.unchanged('api.yaml', '/components/schemas/Lone')).toBe(true);
    // The documents differ only where the cycle does not reach: the whole cycle is unchanged.
    const [same, elsewhere] = await trees(
      { 'api.yaml': cyclicFanOut(60, false) },
      { 'api.yaml': cyclicFanOut(60, false, 'integer') },
    );
    const apart = lazySameness(same, elsewhere);
    expect(apart.unchanged('api.yaml', '/components/schemas/S60')).toBe(true);
    expect(apart.unchanged('api.yaml', '/components/schemas/S1/properties/top')).toBe(true);
    expect(apart.unchanged('api.yaml', '/components/schemas/Lone')).toBe(false);
  });
});

describe('structural diff', () => {
  it('lists what changed with base and head pointers', async () => {
    const [b, h] = await trees(
      { 'api.yaml': 'openapi: 3.1.0\nkeep: 1\ngone: {x: 1}\nlist: [1, 2]\nchanged: a\n' },
      { 'api.yaml': 'openapi: 3.1.0\nkeep: 1\nnew: true\nlist: [1, 3, 4]\nchanged: [a]\n' },
    );
    const { changes } = structuralDiff(b, h);
    expect(changes).toEqual([
      { kind: 'removed', base: { file: 'api.yaml', pointer: '/gone' } },
      {
        kind: 'changed',
        base: { file: 'api.yaml', pointer: '/list/1' },
        head: { file: 'api.yaml', pointer: '/list/1' },
      },
      { kind: 'added', head: { file: 'api.yaml', pointer: '/list/2' } },
      {
        kind: 'changed',
        base: { file: 'api.yaml', pointer: '/changed' },
        head: { file: 'api.yaml', pointer: '/changed' },
      },
      { kind: 'added', head: { file: 'api.yaml', pointer: '/new' } },
    ]);
  });
});

describe('the same node written elsewhere', () => {
  const api = (order: string, limit: string) => `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
${order}
      responses: { '200': { description: ok } }
components:
  schemas:
    Limit: { type: integer, maximum: ${limit} }
`;
  const filter = `        - { name: filter, in: query, schema: { type: object, properties: { max: { $ref: '#/components/schemas/Limit' } } } }`;
  const page = `        - { name: page, in: query, schema: { type: integer } }`;
  const node = (tree: ContractTree, pointer: string) => ({
    file: 'api.yaml',
    pointer,
    value: getAtPointer(tree.documents.get('api.yaml')!.value, pointer),
  });
  const schemaOf = (i: number) => `/paths/~1a/get/parameters/${i}/schema`;

  it('is the same when written alike and every ref it meets leads to an unchanged element', async () => {
    const [b, h] = await trees(
      { 'api.yaml': api(`${filter}\n${page}`, '10') },
      { 'api.yaml': api(`${page}\n${filter}`, '10') },
    );
    const sameness = lazySameness(b, h);
    expect(sameness.sameElsewhere(node(b, schemaOf(0)), node(h, schemaOf(1)))).toBe(true);
    // Written differently, or at one place (sameNode's question): not this one's to answer.
    expect(sameness.sameElsewhere(node(b, schemaOf(0)), node(h, schemaOf(0)))).toBe(false);
    expect(sameness.sameElsewhere(node(b, schemaOf(1)), node(h, schemaOf(1)))).toBe(false);
  });

  it('is not the same when a ref it meets leads to an element that changed', async () => {
    const [b, h] = await trees(
      { 'api.yaml': api(`${filter}\n${page}`, '10') },
      { 'api.yaml': api(`${page}\n${filter}`, '20') },
    );
    expect(lazySameness(b, h).sameElsewhere(node(b, schemaOf(0)), node(h, schemaOf(1)))).toBe(false);
  });
});
