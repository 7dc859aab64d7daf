import { describe, expect, it } from 'vitest';
import { parseLocated } from '../../src/core/located-document.js';
import type { LocatedDocument } from '../../src/core/located-document.js';
import type { SchemaNode } from './schema-walk.js';
import { walkSchemas } from './schema-walk.js';

function documents(files: Record<string, string>): Map<string, LocatedDocument> {
  const out = new Map<string, LocatedDocument>();
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseLocated(file, text);
    if (parsed.kind !== 'ok') throw new Error(file);
    out.set(file, parsed.document);
  }
  return out;
}

function walk(files: Record<string, string>, mode: 'once' | 'paths', maxNodes?: number): SchemaNode[] {
  const docs = documents(files);
  const root = docs.get('a.yaml')!;
  const seen: SchemaNode[] = [];
  walkSchemas(docs, { file: 'a.yaml', pointer: '', value: root.value }, (n) => seen.push(n), {
    mode,
    maxNodes,
  });
  return seen;
}

/** A tree node (`Node.children[]` → Node) and a person with two addresses of the same shape. */
const RECURSIVE = {
  'a.yaml': `Node:
  type: object
  properties:
    children: { type: array, items: { $ref: '#/Node' } }
Person:
  type: object
  properties:
    home: { $ref: 'b.yaml#/Address' }
    work: { $ref: 'b.yaml#/Address' }
    note: { type: string, example: { properties: { x: 1 } } }
`,
  'b.yaml': `Address:
  type: object
  properties:
    street: { type: string, x-pii: true }
`,
};

describe('walkSchemas', () => {
  it('terminates on recursive $refs and names fields by property names only (map keys like Person do not count)', () => {
    const fields = walk(RECURSIVE, 'paths')
      .filter((n) => n.node['x-pii'] === true)
      .map((n) => `${n.field.join('.')} @ ${n.file}#${n.pointer}`);
    expect(fields).toEqual([
      'home.street @ b.yaml#/Address/properties/street',
      'work.street @ b.yaml#/Address/properties/street',
    ]);
  });

  it('visits each node once in `once` mode, however many refs reach it', () => {
    const streets = walk(RECURSIVE, 'once').filter((n) => n.pointer === '/Address/properties/street');
    expect(streets).toHaveLength(1);
  });

  it('never descends into examples (data, not schema)', () => {
    expect(walk(RECURSIVE, 'once').some((n) => n.pointer.includes('/example'))).toBe(false);
  });

  it('stops at the node budget', () => {
    expect(walk(RECURSIVE, 'paths', 5).length).toBeLessThanOrEqual(5);
  });

  it('does not follow refs out of the loaded documents', () => {
    const nodes = walk(
      { 'a.yaml': "X: { $ref: 'https://example.com/schema.json' }\nY: { $ref: '../../etc/passwd' }\n" },
      'paths',
    );
    expect(nodes.map((n) => n.pointer).sort()).toEqual(['', '/X', '/Y']);
  });
});
