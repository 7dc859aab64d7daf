import { describe, expect, it } from 'vitest';
import { parseLocated } from '../core/located-document.js';
import type { LocatedDocument } from '../core/located-document.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText, toJsonChange } from './render.js';
import type { Change, Place } from './types.js';

describe('toJsonChange', () => {
  it('gives each side exactly the documented file, pointer and line', () => {
    const parsed = parseLocated('orders.yaml', 'paths:\n  /orders:\n    get: {}\n');
    if (parsed.kind !== 'ok') throw new Error('fixture does not parse');
    const documents = {
      base: new Map<string, LocatedDocument>([['orders.yaml', parsed.document]]),
      head: new Map<string, LocatedDocument>(),
    };
    // Operation-level places carry the matcher's internals; they must not leak into the JSON.
    const place = {
      file: 'orders.yaml',
      pointer: '/paths/~1orders/get',
      key: 'GET /orders',
      method: 'get',
    } as Place;
    const change: Change = {
      id: 'operation-removed',
      severity: 'error',
      direction: 'both',
      message: 'GET /orders was removed',
      base: place,
      operation: 'GET /orders',
      operations: ['GET /orders'],
      channels: [],
      consumers: [],
      breaking: true,
    };
    const json = toJsonChange({ documents } as never, change);
    expect(json.base).toEqual({ file: 'orders.yaml', pointer: '/paths/~1orders/get', line: 3 });
    expect(json.head).toBeNull();
  });
});

describe('the reports locate each place as a lookup of its own would', () => {
  // Large enough for the JSON fast path (the token locator, which remembers what lookups read).
  const value = {
    openapi: '3.1.0',
    paths: Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `/p${i}`,
        { get: { responses: { '200': { description: `ok ${i}` }, '404': { description: 'none' } } } },
      ]),
    ),
  };
  // The head's lines differ from the base's: two members more before `paths`.
  const texts = {
    base: JSON.stringify(value, null, 2),
    head: JSON.stringify({ 'x-head': { a: 1 }, ...value }, null, 2),
  };
  const parse = (side: 'base' | 'head') => {
    const parsed = parseLocated('a.json', texts[side]);
    if (parsed.kind !== 'ok') throw new Error('fixture does not parse');
    return parsed.document;
  };
  const lineAlone = (side: 'base' | 'head', pointer: string) => parse(side).rangeOf(pointer).start.line;
  const change = (base: string | undefined, head: string | undefined, file = 'a.json'): Change => ({
    id: 'x',
    severity: 'warning',
    direction: 'both',
    message: 'm',
    ...(base !== undefined ? { base: { file, pointer: base } } : {}),
    ...(head !== undefined ? { head: { file, pointer: head } } : {}),
    operations: [],
    channels: [],
    consumers: [],
    breaking: false,
  });
  // Parents after their children and before them, siblings out of order, the same place twice, a
  // pointer to nothing (its deepest existing ancestor's line), and a file with no document (line 1).
  const pointers = [
    '/paths/~1p30/get/responses/404',
    '/paths/~1p30/get',
    '/paths/~1p2/get/responses/200/description',
    '/paths/~1p30',
    '/paths/~1p39/get/responses/200',
    '/paths/~1p2',
    '/paths/~1p30/get',
    '/paths/~1p7/post',
    '/paths/~1p12/get/responses',
  ];
  const changes = [
    ...pointers.map((p, i) => (i % 2 === 0 ? change(p, undefined) : change(p, pointers[i - 1]))),
    change(undefined, '/paths/~1p5', 'other.json'),
  ];
  const outcome = () =>
    ({
      changes,
      problems: [],
      documents: {
        base: new Map<string, LocatedDocument>([['a.json', parse('base')]]),
        head: new Map<string, LocatedDocument>([['a.json', parse('head')]]),
      },
    }) as never;

  it('in the text and Markdown reports (the shown side)', () => {
    const shown = changes.map((c) => {
      if (!c.head) return lineAlone('base', c.base!.pointer);
      return c.head.file === 'other.json' ? 1 : lineAlone('head', c.head.pointer);
    });
    const textLines = renderDiffText(outcome(), { quiet: true })
      .split('\n')
      .filter((l) => l.includes('breaking/x'))
      .map((l) => Number(/:(\d+)/.exec(l)![1]));
    expect(textLines).toEqual(shown);
    const markdownLines = [...renderDiffMarkdown(outcome(), 't').matchAll(/json:(\d+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(markdownLines).toEqual(shown);
  });

  it('in the JSON report (both sides)', () => {
    const report = JSON.parse(renderDiffJson(outcome(), { toolVersion: '0' })) as {
      changes: { base: { line: number } | null; head: { file: string; line: number } | null }[];
    };
    expect(report.changes.map((c) => [c.base?.line ?? null, c.head?.line ?? null])).toEqual(
      changes.map((c) => [
        c.base ? lineAlone('base', c.base.pointer) : null,
        c.head ? (c.head.file === 'other.json' ? 1 : lineAlone('head', c.head.pointer)) : null,
      ]),
    );
  });
});
