import { describe, expect, it } from 'vitest';
import type { Change } from './types.js';
import { openApi } from '../../test/support/openapi-doc.js';
import { diffFiles } from '../../test/support/diff-pair.js';

/**
 * The comparison skips whatever is identical on both sides, `$ref`s included (equality.ts): an
 * operation whose own text did not change is still compared when anything it reaches through
 * references did. These tests change only what sits behind references, so a skip that stopped at
 * the first `$ref` (or trusted a cycle too early) would report nothing.
 */
async function diff(base: string, head: string, files: Record<string, [string, string]> = {}) {
  const side = (text: string, pick: 0 | 1) => {
    const extra = Object.fromEntries(Object.entries(files).map(([name, pair]) => [name, pair[pick]]));
    return { 'api.yaml': text, ...extra };
  };
  const outcome = await diffFiles(side(base, 0), side(head, 1), { today: '2026-12-03' });
  expect(outcome.problems).toEqual([]);
  return outcome.changes;
}

/** Each change as `check id: the operations or channels it affects`, sorted. */
function summary(changes: readonly Change[]): string[] {
  return changes
    .map((c) => `${c.id}: ${[...(c.operations.length > 0 ? c.operations : c.channels)].sort().join(', ')}`)
    .sort();
}

const op = (response: string) => `
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${response}`;

/** An invoice whose total is Money: the amount's schema sits two `$ref`s below an invoice. */
const invoiceSchemas = (amount: string) => `    Invoice:
      type: object
      properties:
        total: {$ref: '#/components/schemas/Money'}
    Money:
      type: object
      properties:
        amount: ${amount}
`;

const NESTED = (amount: string) =>
  openApi(
    `paths:
  /invoices:
    get:${op("{$ref: '#/components/schemas/Page'}")}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Invoice'}${op("{$ref: '#/components/schemas/Invoice'}")}
  /invoices/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}${op("{$ref: '#/components/schemas/Invoice'}")}
  /health:
    get:${op('{type: string}')}
components:
  schemas:
    Page:
      type: object
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Invoice'}}
${invoiceSchemas(amount)}`,
    '3.1.0',
  );

describe('skipping what did not change', () => {
  it('reports a change two and three $refs deep on every operation that reaches it, and only there', async () => {
    const changes = await diff(NESTED('{type: integer}'), NESTED('{type: string}'));
    expect(summary(changes)).toEqual([
      'request-type-changed: POST /invoices',
      'response-type-changed: GET /invoices, GET /invoices/{id}, POST /invoices',
    ]);
    for (const change of changes)
      expect(change.head).toEqual({
        file: 'api.yaml',
        pointer: '/components/schemas/Money/properties/amount/type',
      });
  });

  it('reports nothing when only an unreferenced part changed, with every operation skipped', async () => {
    const base = NESTED('{type: integer}');
    const head = base.replace(
      'components:\n  schemas:\n',
      'components:\n  schemas:\n    Unused: {type: string}\n',
    );
    expect(head).not.toBe(base);
    expect(await diff(base, head)).toEqual([]);
  });

  it('follows a recursive schema without assuming the cycle unchanged', async () => {
    const TREE = (value: string, note: string) =>
      openApi(`paths:
  /nodes:
    get:${op("{$ref: '#/components/schemas/Node'}")}
components:
  schemas:
    Node:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Branch'}}
        value: ${value}
    Branch:
      description: ${note}
      allOf: [{$ref: '#/components/schemas/Node'}]
`);
    expect(summary(await diff(TREE('{type: integer}', 'a'), TREE('{type: string}', 'a')))).toEqual([
      'response-type-changed: GET /nodes',
    ]);
    // The cycle itself changed (a description), nothing a consumer sees: compared, nothing reported.
    expect(await diff(TREE('{type: integer}', 'a'), TREE('{type: integer}', 'b'))).toEqual([]);
  });

  it('follows $refs to shared parameters, responses and headers, not only schemas', async () => {
    const SHARED = (limit: string, missing: string, remaining: string) =>
      openApi(`paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses:
        '200': {$ref: '#/components/responses/Listed'}
        '404': {$ref: '#/components/responses/Missing'}
  /b:
    get:
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses:
        '200': {$ref: '#/components/responses/Listed'}
        '404': {$ref: '#/components/responses/Missing'}
components:
  parameters:
    Limit: {name: limit, in: query, ${limit}schema: {type: integer}}
  responses:
    Listed:
      description: a page
      headers:
        X-Remaining: {$ref: '#/components/headers/Remaining'}
    Missing:
      description: not found
      content:
        application/json:
          schema: {type: object, properties: {reason: ${missing}}}
  headers:
    Remaining: {required: ${remaining}, schema: {type: integer}}
`);
    const base = SHARED('', '{type: string}', 'true');
    expect(summary(await diff(base, SHARED('required: true, ', '{type: string}', 'true')))).toEqual([
      'request-parameter-became-required: GET /a, GET /b',
    ]);
    expect(summary(await diff(base, SHARED('', '{type: integer}', 'true')))).toEqual([
      'response-type-changed: GET /a, GET /b',
    ]);
    expect(summary(await diff(base, SHARED('', '{type: string}', 'false')))).toEqual([
      'response-header-became-optional: GET /a, GET /b',
    ]);
  });

  it('follows Swagger 2.0 definitions and shared parameters', async () => {
    const SWAGGER = (price: string, maximum: number) => `swagger: '2.0'
info: {title: Pets, version: 1.0.0}
produces: [application/json]
paths:
  /pets:
    get:
      parameters: [{$ref: '#/parameters/Limit'}]
      responses:
        '200': {description: ok, schema: {type: array, items: {$ref: '#/definitions/Pet'}}}
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true, type: string}]
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Pet'}}
parameters:
  Limit: {name: limit, in: query, type: integer, maximum: ${maximum}}
definitions:
  Pet:
    type: object
    properties:
      price: {$ref: '#/definitions/Price'}
  Price:
    type: object
    properties:
      amount: ${price}
`;
    const base = SWAGGER('{type: integer}', 100);
    expect(summary(await diff(base, SWAGGER('{type: string}', 100)))).toEqual([
      'response-type-changed: GET /pets, GET /pets/{id}',
    ]);
    expect(summary(await diff(base, SWAGGER('{type: integer}', 10)))).toEqual([
      'request-constraint-narrowed: GET /pets',
    ]);
  });

  it('follows $refs into another file', async () => {
    const ROOT = openApi(
      `paths:
  /orders:
    get:${op("{$ref: 'schemas/order.yaml'}")}
`,
      '3.1.0',
    );
    const order = "type: object\nproperties:\n  total: {$ref: 'money.yaml#/Money'}\n";
    const changes = await diff(ROOT, ROOT, {
      'schemas/order.yaml': [order, order],
      'schemas/money.yaml': ['Money: {type: integer}\n', 'Money: {type: string}\n'],
    });
    expect(summary(changes)).toEqual(['response-type-changed: GET /orders']);
    expect(changes[0]!.head).toEqual({ file: 'schemas/money.yaml', pointer: '/Money/type' });
  });

  it('follows AsyncAPI messages to the schemas their payloads reference', async () => {
    const EVENTS = (amount: string) => `asyncapi: 3.0.0
info: {title: Events, version: 1.0.0}
channels:
  invoices:
    address: invoices
    messages:
      issued: {$ref: '#/components/messages/Issued'}
  refunds:
    address: refunds
    messages:
      refunded: {$ref: '#/components/messages/Refunded'}
operations:
  onIssued:
    action: receive
    channel: {$ref: '#/channels/invoices'}
  onRefunded:
    action: receive
    channel: {$ref: '#/channels/refunds'}
components:
  messages:
    Issued:
      payload: {$ref: '#/components/schemas/Invoice'}
    Refunded:
      payload: {type: object, properties: {invoice: {$ref: '#/components/schemas/Invoice'}}}
  schemas:
${invoiceSchemas(amount)}`;
    const changes = await diff(EVENTS('{type: integer}'), EVENTS('{type: string}'));
    expect(changes[0]!.head).toEqual({
      file: 'api.yaml',
      pointer: '/components/schemas/Money/properties/amount/type',
    });
    // Receivers of the messages are who the change concerns: one cause, both operations.
    expect(summary(changes)).toEqual(['request-type-changed: onIssued, onRefunded']);
  });

  it('compares a webhook only when it, or what it references, changed', async () => {
    const WEBHOOKS = (amount: string) =>
      openApi(
        `webhooks:
  invoiceIssued:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Invoice'}
      responses: {'200': {description: ok}}
  ping:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {at: {type: string}}}
      responses: {'200': {description: ok}}
components:
  schemas:
${invoiceSchemas(amount)}`,
        '3.1.0',
      );
    expect(await diff(WEBHOOKS('{type: integer}'), WEBHOOKS('{type: integer}'))).toEqual([]);
    const changes = await diff(WEBHOOKS('{type: integer}'), WEBHOOKS('{type: string}'));
    // Two $refs below the webhook's body, read by consumers: the unchanged `ping` is not named.
    expect(summary(changes)).toEqual(['response-type-changed: webhook invoiceIssued (POST)']);
  });
  it('compares a 2.0 response unchanged in itself when the `produces` it answers with changed', async () => {
    const SWAGGER = (produces: string) => `swagger: '2.0'
info: {title: Pets, version: 1.0.0}
produces: [${produces}]
paths:
  /pets:
    get:
      responses:
        '200': {$ref: '#/responses/Pets'}
responses:
  Pets: {description: ok, schema: {type: array, items: {type: string}}}
`;
    const changes = await diff(SWAGGER('application/json, application/xml'), SWAGGER('application/json'));
    expect(summary(changes)).toEqual(['response-media-type-removed: GET /pets']);
  });

  // Neither side writes `requestBody` (2.0: the body is a parameter): its absence, the same on both
  // sides, must not pass for an unchanged body.
  it('compares a 2.0 request body, made of a parameter, when only its schema changed', async () => {
    const SWAGGER = (name: string) => `swagger: '2.0'
info: {title: Pets, version: 1.0.0}
consumes: [application/json]
paths:
  /pets:
    post:
      parameters:
        - {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
      responses:
        '200': {description: ok}
definitions:
  Pet:
    type: object
    properties:
      name: ${name}
`;
    const changes = await diff(SWAGGER('{type: string}'), SWAGGER('{type: integer}'));
    expect(summary(changes)).toEqual(['request-type-changed: POST /pets']);
  });

  it('compares an operation whose request body is unchanged for what else changed, its body left unsaid', async () => {
    const API = (limit: number) =>
      openApi(`paths:
  /pets:
    post:
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: ${limit}}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        '200': {description: ok}
`);
    expect(summary(await diff(API(100), API(10)))).toEqual(['request-constraint-narrowed: POST /pets']);
  });

  it('reads a parameter written once and aliased in two operations at each place it stands', async () => {
    const ALIASED = (required: boolean) =>
      openApi(`paths:
  /pets:
    get:
      parameters:
        - &limit {name: limit, in: query, required: ${required}, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /owners:
    get:
      parameters: [*limit]
      responses: {'200': {description: ok}}
`);
    const changes = await diff(ALIASED(false), ALIASED(true));
    // One change per place: a view read at the first place would report both operations there.
    expect(changes.map((c) => [c.id, c.operations.join(), c.head?.pointer])).toEqual([
      ['request-parameter-became-required', 'GET /owners', '/paths/~1owners/get/parameters/0'],
      ['request-parameter-became-required', 'GET /pets', '/paths/~1pets/get/parameters/0'],
    ]);
  });
});
