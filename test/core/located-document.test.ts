import { describe, expect, it } from 'vitest';
import { parseLocated, parseLocatedAll } from '../../src/core/located-document.js';
import type { LocatedDocument } from '../../src/core/located-document.js';

function parse(text: string): LocatedDocument {
  const result = parseLocated('f.yaml', text);
  if (result.kind !== 'ok') throw new Error(result.problems[0]!.message);
  return result.document;
}

describe('parseLocated', () => {
  const doc = parse(`openapi: 3.1.0
paths:
  /orders/{id}:
    get:
      responses:
        200:
          description: ok
        '404':
          description: missing
tags:
  - name: a
  - name: b/c~d
`);

  it('maps a pointer to the range from its key to the end of its value', () => {
    expect(doc.rangeOf('/openapi')).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 15 } });
  });

  it('escapes ~1 and ~0 and matches numeric keys like 200 as text', () => {
    expect(doc.rangeOf('/paths/~1orders~1{id}/get/responses/200').start.line).toBe(6);
    expect(doc.rangeOf('/paths/~1orders~1{id}/get/responses/404').start.line).toBe(8);
  });

  it('indexes sequences', () => {
    expect(doc.rangeOf('/tags/1').start).toEqual({ line: 12, column: 5 });
  });

  it('falls back to the deepest existing ancestor for a missing member', () => {
    expect(doc.rangeOf('/paths/~1orders~1{id}/get/deprecated').start.line).toBe(4);
    expect(doc.rangeOf('/tags/7/name').start.line).toBe(10);
  });

  it('the empty pointer is the whole document', () => {
    expect(doc.rangeOf('').start).toEqual({ line: 1, column: 1 });
  });

  it('reads JSON with positions too', () => {
    const json = parse('{\n  "a": {\n    "b": [1, 2]\n  }\n}\n');
    expect(json.value).toEqual({ a: { b: [1, 2] } });
    expect(json.rangeOf('/a/b/1').start).toEqual({ line: 3, column: 14 });
  });

  it('reports every syntax problem with a line, never throws', () => {
    const result = parseLocated('f.yaml', 'a: [1, 2\nb: }\n');
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.problems[0]!.range.start.line).toBeGreaterThan(0);
  });
});

describe('parseLocatedAll', () => {
  it('gives each --- document its own source map over the file\u2019s lines', () => {
    const result = parseLocatedAll(
      'catalog-info.yaml',
      'kind: Group\nmetadata: { name: a }\n---\n# b\nkind: Component\nspec:\n  owner: a\n',
    );
    if (result.kind !== 'ok') throw new Error('expected ok');
    expect(result.documents.map((d) => d.value)).toEqual([
      { kind: 'Group', metadata: { name: 'a' } },
      { kind: 'Component', spec: { owner: 'a' } },
    ]);
    expect(result.documents[1]!.rangeOf('/spec/owner').start.line).toBe(7);
    expect(result.documents[0]!.rangeOf('/metadata/name').start.line).toBe(2);
  });

  it('fails the file on a duplicate key in any document, at its line', () => {
    const result = parseLocatedAll('c.yaml', 'a: 1\n---\nb: 1\nb: 2\n');
    expect(result).toMatchObject({
      kind: 'error',
      problems: [{ code: 'duplicate-key', range: { start: { line: 4 } } }],
    });
  });

  it('reads an empty stream as no documents', () => {
    expect(parseLocatedAll('c.yaml', '')).toEqual({ kind: 'ok', documents: [] });
  });
});
