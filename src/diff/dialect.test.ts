/**
 * OpenAPI 3.1 schema dialects: a document-level dialect change is said (information), and a dialect
 * the schema comparison does not know — declared for the document or by one schema's `$schema` —
 * is a problem that says what was not compared, instead of a silent comparison.
 */
import { describe, expect, it } from 'vitest';
import { isKnownDialect } from './dialect.js';
import { diffTexts } from '../../test/support/diff-pair.js';

const doc = (head: string, schema = '{ type: string }', version = '3.1.0') => `openapi: ${version}
info: { title: Orders, version: 1.0.0 }
${head}
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${schema}
`;

async function diff(base: string, head: string) {
  return diffTexts(base, head, { today: '2030-01-01' });
}

describe('JSON Schema dialects', () => {
  it('knows 2020-12, the drafts before it and the OpenAPI base dialects', () => {
    for (const uri of [
      'https://spec.openapis.org/oas/3.1/dialect/base',
      'https://spec.openapis.org/oas/3.1/dialect/2024-10-25',
      'https://json-schema.org/draft/2020-12/schema',
      'https://json-schema.org/draft/2019-09/schema#',
      'http://json-schema.org/draft-07/schema#',
      'http://json-schema.org/draft-04/schema',
    ])
      expect(isKnownDialect(uri), uri).toBe(true);
    for (const uri of [
      'https://example.com/dialect/strict',
      'https://json-schema.org/draft/2020-12/hyper-schema',
    ])
      expect(isKnownDialect(uri), uri).toBe(false);
  });

  it('says a document-level dialect change, as information', async () => {
    const result = await diff(
      doc(''),
      doc('jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema'),
    );
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => [c.id, c.severity, c.head?.pointer])).toEqual([
      ['json-schema-dialect-changed', 'info', '/jsonSchemaDialect'],
    ]);
    expect(result.changes[0]!.message).toContain('https://spec.openapis.org/oas/3.1/dialect/base');
  });

  it('reports a document dialect it does not know as a problem naming it, once per side', async () => {
    const custom = 'jsonSchemaDialect: https://example.com/dialect/strict';
    const result = await diff(doc(custom), doc(custom, '{ type: string, x-strict: true }'));
    expect(result.problems.map((p) => [p.code, p.side, p.pointer, p.line])).toEqual([
      ['unsupported-dialect', 'base', '/jsonSchemaDialect', 3],
      ['unsupported-dialect', 'head', '/jsonSchemaDialect', 3],
    ]);
    expect(result.problems[1]!.message).toContain('https://example.com/dialect/strict');
    expect(result.problems[1]!.message).toContain('not compared');
  });

  it("reports a schema's own unknown $schema, and not a known one, an example's or a 3.0 document's", async () => {
    const own = '{ $schema: "https://example.com/dialect/money", type: string }';
    const known = '{ $schema: "http://json-schema.org/draft-07/schema#", type: string }';
    const inExample = '{ type: object, example: { $schema: "https://example.com/x" } }';
    const result = await diff(doc('', known), doc('', own));
    expect(result.problems.map((p) => [p.code, p.side, p.pointer])).toEqual([
      [
        'unsupported-dialect',
        'head',
        '/paths/~1orders/get/responses/200/content/application~1json/schema/$schema',
      ],
    ]);
    expect((await diff(doc('', inExample), doc('', inExample))).problems).toEqual([]);
    expect((await diff(doc('', own, '3.0.3'), doc('', own, '3.0.3'))).problems).toEqual([]);
  });
});
