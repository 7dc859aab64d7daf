import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from './index.js';
import { diffTexts } from '../../../test/support/diff-pair.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/breaking');

function fixture(id: string, side: 'base' | 'revision'): string | undefined {
  const file = path.join(FIXTURES, `${id}_${side}.yaml`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

async function diffFixture(id: string) {
  return diffTexts(fixture(id, 'base'), fixture(id, 'revision'));
}

describe('check registry', () => {
  it('has unique ids, descriptions and messages', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) {
      expect(c.id, c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.description.length, c.id).toBeGreaterThan(10);
      expect(c.message.length, c.id).toBeGreaterThan(3);
    }
  });

  it('gives every request-side check a response-side twin, or a written waiver (and back)', () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    const missing: string[] = [];
    for (const c of CHECKS) {
      const twin =
        c.direction === 'request'
          ? c.id.replace(/^request-/, 'response-')
          : c.direction === 'response'
            ? c.id.replace(/^response-/, 'request-')
            : undefined;
      if (twin === undefined || twin === c.id) {
        if (c.direction === 'request' || c.direction === 'response')
          if (!c.twinWaiver) missing.push(`${c.id} (its id does not say its side)`);
        continue;
      }
      if (!ids.has(twin) && !c.twinWaiver) missing.push(`${c.id} → ${twin}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives every check a base/revision fixture pair', () => {
    const without = CHECKS.filter((c) => !fixture(c.id, 'base') && !fixture(c.id, 'revision')).map(
      (c) => c.id,
    );
    expect(without).toEqual([]);
  });
});

describe.each(CHECKS.map((c) => [c.id, c] as const))('%s', (id, check) => {
  it(`reports ${id} at level ${check.level} on its fixture pair`, async () => {
    const result = await diffFixture(id);
    expect(result.problems).toEqual([]);
    const found = result.changes.filter((c) => c.id === id);
    expect(found.length, JSON.stringify(result.changes.map((c) => c.id))).toBeGreaterThan(0);
    expect(found[0]!.severity).toBe(check.level);
    expect(found[0]!.direction).toBe(check.direction);
    expect(found[0]!.base ?? found[0]!.head).toBeDefined();
  });
});

describe('response header names', () => {
  it.each(['response-header-removed', 'response-header-became-optional'])(
    '%s names the header as the base document writes it (matched ignoring case, shown as written)',
    async (id) => {
      expect(fixture(id, 'base')).toContain('X-Rate-Limit:');
      const result = await diffFixture(id);
      const messages = result.changes.filter((c) => c.id === id).map((c) => c.message);
      expect(messages.join('\n')).toContain('Response header `X-Rate-Limit` of');
    },
  );
});

describe('a multipart part header declared twice, its names equal up to case', () => {
  it('is one header, the first compared: a problem at its line; other parts and headers stay apart', async () => {
    const result = await diffFixture('part-header-declared-twice');
    // The part's newly required X-Trace is the one change: the required `x-checksum` written after
    // the optional `X-Checksum` is not (the first declaration is compared), nor is the optional
    // `x-stored-at` after the required response part header.
    expect(result.changes.map((c) => [c.id, /header \S+ required/.exec(c.message)?.[0]])).toEqual([
      ['request-media-type-encoding-changed', 'header X-Trace required'],
    ]);
    expect(
      result.problems.map((p) => [p.code, p.side, p.line, p.message.split(' is declared twice')[0]]),
    ).toEqual([
      ['duplicate-declaration', 'head', 14, 'Header of part `file` `x-checksum` of `POST /uploads`'],
      ['duplicate-declaration', 'head', 29, 'Header of part `file` `x-stored-at` of `POST /uploads` (200)'],
    ]);
  });
});

describe('a part header declared twice in a webhook', () => {
  it('is the duplicate-declaration problem in its body and its answer, as in an operation', async () => {
    const result = await diffFixture('webhook-part-header-declared-twice');
    // The provider sends the body: a part header it now requires (X-Trace) breaks no reader.
    expect(result.changes).toEqual([]);
    expect(
      result.problems.map((p) => [p.code, p.side, p.line, p.message.split(' is declared twice')[0]]),
    ).toEqual([
      [
        'duplicate-declaration',
        'head',
        14,
        'Header of part `file` `x-checksum` of `webhook fileStored (POST)`',
      ],
      [
        'duplicate-declaration',
        'head',
        29,
        'Header of part `file` `x-kept-at` of `webhook fileStored (POST)` (200)',
      ],
    ]);
  });
});

describe('a type its keywords or format already implied, written out', () => {
  it('pairs the choice branch with itself and narrows nothing; a format of no registry still does', async () => {
    const result = await diffFixture('implied-type-made-explicit');
    expect(result.problems).toEqual([]);
    // Only `tag`: `x-company-tag` is no registered format, so its `type: string` narrows.
    expect(result.changes.map((c) => [c.id, c.head?.pointer])).toEqual([
      [
        'request-type-narrowed',
        '/paths/~1events/post/requestBody/content/application~1json/schema/properties/tag/type',
      ],
    ]);
  });
});

describe('a JSON type given its charset spelling beside it', () => {
  it('is no media type added; with a schema of its own, that schema is compared with the base one', async () => {
    const result = await diffFixture('media-type-charset-spelling-added');
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => [c.id, c.severity, c.head?.pointer]).sort()).toEqual(
      [
        // The charset spelling's own schema: compared with the base body's, id now required.
        [
          'request-property-became-required',
          'error',
          '/paths/~1orders/post/requestBody/content/application~1json; charset=UTF-8/schema/properties/id',
        ],
        // Still other media types: another version, a text type's charset.
        [
          'response-media-type-added',
          'info',
          '/paths/~1orders/get/responses/200/content/application~1vnd.api+json; version=2',
        ],
        [
          'response-media-type-added',
          'info',
          '/paths/~1orders/get/responses/200/content/text~1plain; charset=utf-8',
        ],
      ].sort(),
    );
  });
});

describe('a header declared twice, its names equal up to case', () => {
  it('is one header: a problem once per place, no change between its declarations', async () => {
    const result = await diffFixture('header-declared-twice');
    const ids = result.changes.map((c) => c.id).sort();
    expect(ids).toEqual(['request-constraint-narrowed', 'request-type-changed']);
    expect(
      result.problems.map((p) => [p.code, p.side, p.line, p.message.split(' is declared twice')[0]]),
    ).toEqual([
      ['duplicate-declaration', 'head', 7, 'Header parameter `x-tenant` of path `/orders`'],
      ['duplicate-declaration', 'head', 11, 'Header parameter `x-id` of `GET /orders`'],
      ['duplicate-declaration', 'head', 18, 'Response header `x-rate-limit` of `GET /orders` (200)'],
    ]);
  });
});
