/**
 * `$ref`s that resolve against a schema's `$id` (OpenAPI 3.1 / JSON Schema 2020-12): followed to the
 * schema of the document that declares the URI, so a change behind one is reported like any other;
 * one naming a URI nothing declares stays a problem (never fetched), never a silent pass.
 */
import { describe, expect, it } from 'vitest';
// Read as the tests below name them: the document (`api`), its schemas `Order` and `Item`.
import {
  ITEM_WITH_ID as ITEM,
  ORDER_WITH_ID as ORDER,
  withSchemas as api,
} from '../../test/support/openapi-doc.js';
import { diffFiles, diffTexts } from '../../test/support/diff-pair.js';

async function diff(base: string, head: string) {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  return {
    problems: result.problems.map((p) => `${p.side} ${p.code}: ${p.message}`),
    changes: result.changes.map((c) => `${c.id} ${c.severity}: ${c.message.split(' — ')[0]}`),
  };
}

describe('$ref resolved by the $id in force', () => {
  it('follows a relative ref to the schema declaring the URI: a change behind it is reported', async () => {
    const result = await diff(api(ORDER('item') + ITEM('sku')), api(ORDER('item') + ITEM('')));
    expect(result).toEqual({
      problems: [],
      changes: [
        'response-property-became-optional error: Response field `item.sku` of `GET /orders` (200) became optional',
      ],
    });
  });

  it('applies a pointer fragment inside the schema the URI names', async () => {
    const result = await diff(
      api(ORDER('item#/properties/sku') + ITEM('sku')),
      api(ORDER('item#/properties/sku') + ITEM('sku', 'integer')),
    );
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([
      'response-type-changed error: Response field `item` of `GET /orders` (200) changed type from string to integer',
    ]);
  });

  it("resolves '#/$defs/…' inside an embedded resource against that resource, not the document", async () => {
    const defs = (type: string) => `  $defs:\n    Line: { type: ${type} }\n`;
    const result = await diff(
      api(ORDER('#/$defs/Line', defs('string'))),
      api(ORDER('#/$defs/Line', defs('integer'))),
    );
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([
      'response-type-changed error: Response field `item` of `GET /orders` (200) changed type from string to integer',
    ]);
  });

  it('reports nothing when nothing behind the refs changed', async () => {
    const doc = api(ORDER('item') + ITEM('sku'));
    expect(await diff(doc, doc.replace('the order', 'one order'))).toEqual({ problems: [], changes: [] });
  });

  it('keeps a URI no schema declares a problem: never fetched, no phantom change', async () => {
    const doc = api(ORDER('items') + ITEM('sku'));
    const result = await diff(doc, doc);
    expect(result.changes).toEqual([]);
    expect(result.problems).toEqual(
      ['base', 'head'].map(
        (side) =>
          `${side} missing: $ref to items: the file does not exist (${side}); by the $id in force there it means https://example.com/schemas/items, which no schema of the document declares (it is not fetched).`,
      ),
    );
  });

  it('still reads a file a ref names relative to its own file, beside the $ids', async () => {
    const files = (required: string) => ({
      'api.yaml': api(ORDER('./item.yaml')),
      'item.yaml': `$id: https://example.com/schemas/item.yaml\ntype: object\nrequired: [${required}]\nproperties: { sku: { type: string } }\n`,
    });
    const result = await diffFiles(files('sku'), files(''), { today: '2030-01-01' });
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => c.id)).toEqual(['response-property-became-optional']);
  });

  it('follows a ref from outside every $id to the schema declaring that URI (absolute or relative)', async () => {
    // JSON Schema 2020-12 §9.1.2: an embedded resource is named by its URI from anywhere in the
    // document; here the operation's ref is held where no $id is in force.
    const doc = (totalType: string, skuType: string) =>
      api(`Order:
  type: object
  properties:
    order: { $ref: 'https://example.com/schemas/order' }
    item: { $ref: 'item.json' }
Placed:
  $id: https://example.com/schemas/order
  type: object
  properties:
    total: { type: ${totalType} }
Item:
  $id: item.json
  type: object
  properties:
    sku: { type: ${skuType} }
`);
    const result = await diff(doc('integer', 'string'), doc('string', 'integer'));
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([
      'response-type-changed error: Response field `item.sku` of `GET /orders` (200) changed type from string to integer',
      'response-type-changed error: Response field `order.total` of `GET /orders` (200) changed type from integer to string',
    ]);
  });

  it('follows a URL ref to a schema another file of the snapshot declares, read after the ref', async () => {
    const files = (skuType: string) => ({
      'api.yaml': api(`Order:
  type: object
  properties:
    item: { $ref: 'https://example.com/schemas/item' }
    all: { $ref: './schemas.yaml' }
`),
      'schemas.yaml': `$id: https://example.com/schemas/all\n$defs:\n  Item:\n    $id: https://example.com/schemas/item\n    type: object\n    properties: { sku: { type: ${skuType} } }\n`,
    });
    const result = await diffFiles(files('string'), files('integer'), { today: '2030-01-01' });
    expect(result.problems).toEqual([]);
    // One cause (the schema in schemas.yaml), reached through the URL and through the file.
    expect(result.changes.map((c) => `${c.id} ${c.base?.file}`)).toEqual([
      'response-type-changed schemas.yaml',
    ]);
  });

  it('still refuses a URL ref that no schema declares', async () => {
    const doc = api(ORDER('item') + ITEM('sku')).replace(
      "'#/components/schemas/Order'",
      "'https://example.com/schemas/nothing'",
    );
    const result = await diff(doc, doc);
    expect(result.problems).toEqual(
      ['base', 'head'].map(
        (side) =>
          `${side} unsafe-ref: $ref "https://example.com/schemas/nothing" is a URL; only files inside the repository are read (${side}).`,
      ),
    );
  });
});

describe('draft-04 `id` as the base URI', () => {
  const doc = (maxLength: number, dialect: string) => `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $schema: '${dialect}'
              id: https://example.com/schemas/order.json
              type: object
              properties:
                sku: { $ref: sku.json }
              example: { id: https://example.com/schemas/sample.json }
              definitions:
                sku: { id: sku.json, type: string, maxLength: ${maxLength} }
      responses: { '204': { description: stored } }
`;

  it('resolves a ref in a draft-04 schema against the `id` in force there', async () => {
    const result = await diff(
      doc(10, 'http://json-schema.org/draft-04/schema#'),
      doc(5, 'http://json-schema.org/draft-04/schema#'),
    );
    expect(result).toEqual({
      problems: [],
      changes: [
        'request-constraint-narrowed error: Request field `sku` of `POST /orders` narrowed maxLength (10 → 5)',
      ],
    });
  });

  it('reads `id` as no keyword in a draft-07 schema: the ref names a file the snapshot lacks', async () => {
    const result = await diff(
      doc(10, 'http://json-schema.org/draft-07/schema#'),
      doc(5, 'http://json-schema.org/draft-07/schema#'),
    );
    expect(result.changes).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});

describe('draft-04 `id` as the base URI where the document or payload names the draft', () => {
  /** POST /orders' body schema (no `$schema`), in a document whose `jsonSchemaDialect` is `dialect`. */
  const openapi = (maxLength: number, dialect: string) => `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
jsonSchemaDialect: '${dialect}'
paths:
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Order' }
      responses: { '204': { description: stored } }
components:
  schemas:
    Order:
      id: https://example.com/schemas/order.json
      type: object
      properties:
        sku: { $ref: sku.json }
      definitions:
        sku: { id: sku.json, type: string, maxLength: ${maxLength} }
`;

  it('resolves by `id` under a draft-04 `jsonSchemaDialect`', async () => {
    const draft04 = 'http://json-schema.org/draft-04/schema#';
    expect(await diff(openapi(10, draft04), openapi(5, draft04))).toEqual({
      problems: [],
      changes: [
        'request-constraint-narrowed error: Request field `sku` of `POST /orders` narrowed maxLength (10 → 5)',
      ],
    });
  });

  it('reads `id` as no keyword under the 2020-12 dialect: the ref names a file the snapshot lacks', async () => {
    const dialect = 'https://spec.openapis.org/oas/3.1/dialect/base';
    const result = await diff(openapi(10, dialect), openapi(5, dialect));
    expect(result.changes).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
  });

  /** An AsyncAPI 2 message whose payload's `schemaFormat` is `format`. */
  const asyncapi = (maxLength: number, format: string) => `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    publish:
      message:
        schemaFormat: '${format}'
        payload:
          id: https://example.com/schemas/order.json
          type: object
          properties:
            sku: { $ref: sku.json }
          definitions:
            sku: { id: sku.json, type: string, maxLength: ${maxLength} }
`;

  it('resolves by `id` in an AsyncAPI payload whose schemaFormat is draft-04, not by the default format', async () => {
    const draft04 = 'application/schema+json;version=draft-04';
    const result = await diff(asyncapi(10, draft04), asyncapi(5, draft04));
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => c.split(':')[0])).toEqual(['request-constraint-narrowed error']);
    const asyncDefault = 'application/vnd.aai.asyncapi+json;version=2.6.0';
    const other = await diff(asyncapi(10, asyncDefault), asyncapi(5, asyncDefault));
    expect(other.changes).toEqual([]);
    expect(other.problems.length).toBeGreaterThan(0);
  });
});
