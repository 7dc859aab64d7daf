import { describe, expect, it } from 'vitest';
import { FAST_JSON_MIN_CHARS } from '../core/located-json.js';
import type { DiffOptions } from './types.js';
import { changesToFindings } from './findings.js';
import { describeProblem } from './problems.js';
import { renderDiffMarkdown, renderDiffText } from './render.js';
import { getReturning, openApi } from '../../test/support/openapi-doc.js';
import { diffFiles as diff } from '../../test/support/diff-pair.js';

const ORDERS = (total: string, version = '1.0.0') => `openapi: 3.0.3
info: {title: Orders, version: ${version}}
paths:
  /orders/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: the order
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Envelope'}
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
      responses:
        '201': {description: created}
components:
  schemas:
    Envelope:
      type: object
      properties:
        order: {$ref: '#/components/schemas/Order'}
    Order:
      type: object
      required: [total]
      properties:
        total: ${total}
        parent: {$ref: '#/components/schemas/Order'}
`;

describe('direction', () => {
  it('gives the same schema change opposite verdicts in requests and responses', async () => {
    const result = await diff(
      { 'api.yaml': ORDERS('{type: integer}') },
      { 'api.yaml': ORDERS('{type: number}') },
      { consumers: ['billing', 'warehouse'] },
    );
    const request = result.changes.find((c) => c.operation === 'POST /orders');
    const response = result.changes.find((c) => c.operation === 'GET /orders/{id}');
    expect(request).toMatchObject({ id: 'request-type-widened', severity: 'info', direction: 'request' });
    expect(response).toMatchObject({ id: 'response-type-widened', severity: 'error', direction: 'response' });
    expect(response!.message).toBe(
      'Response field `order.total` of `GET /orders/{id}` (200) widened its type from integer to number — consumers billing and warehouse read it. Fix: keep sending only the former types in this version.',
    );
  });

  it('tells apart two operations a YAML alias gives one schema object, when only one changes', async () => {
    // yaml makes `*id` the very object `&id` holds: a comparison remembered for the first operation
    // (compared first: its response's description changed) must not answer for the second.
    const api = (second: string) => `openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: '${second.length}', content: {application/json: {schema: &id {type: object, properties: {id: {type: string}}}}}}
  /b:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: ${second}}}}
`;
    const result = await diff(
      { 'api.yaml': api('*id') },
      { 'api.yaml': api('{type: object, properties: {id: {type: integer}}}') },
    );
    const changed = result.changes.filter((c) => c.severity !== 'info');
    expect(changed.map((c) => [c.operation, c.id])).toEqual([['GET /b', 'response-type-changed']]);
  });

  it('reports a type change as breaking both ways', async () => {
    const result = await diff(
      { 'api.yaml': ORDERS('{type: number}') },
      { 'api.yaml': ORDERS('{type: string}') },
    );
    expect(result.changes.map((c) => [c.id, c.severity])).toEqual([
      ['request-type-changed', 'error'],
      ['response-type-changed', 'error'],
    ]);
    expect(result.changes[0]!.head).toEqual({
      file: 'api.yaml',
      pointer: '/components/schemas/Order/properties/total/type',
    });
  });

  it('stops at recursive schemas and finds nothing when nothing changed', async () => {
    const result = await diff(
      { 'api.yaml': ORDERS('{type: number}') },
      { 'api.yaml': ORDERS('{type: number}') },
    );
    expect(result.changes).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('reads 3.0 nullable and 3.1 type arrays as the same thing', async () => {
    const v30 = ORDERS('{type: number, nullable: true}');
    const v31 = ORDERS("{type: [number, 'null']}").replace('openapi: 3.0.3', 'openapi: 3.1.0');
    const result = await diff({ 'api.yaml': v30 }, { 'api.yaml': v31 });
    expect(result.changes.map((c) => c.id)).toEqual(['spec-version-changed']);
  });

  it('treats AsyncAPI 2.x publish as what consumers send and subscribe as what they read', async () => {
    const doc = (verb: string, values: string) => `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  orders:
    ${verb}:
      message:
        name: Order
        payload: {type: object, properties: {status: {type: string, enum: [${values}]}}}
`;
    const pub = await diff({ 'api.yaml': doc('publish', 'a, b') }, { 'api.yaml': doc('publish', 'a, b, c') });
    const sub = await diff(
      { 'api.yaml': doc('subscribe', 'a, b') },
      { 'api.yaml': doc('subscribe', 'a, b, c') },
    );
    expect(pub.changes.map((c) => [c.id, c.severity])).toEqual([['request-enum-value-added', 'info']]);
    expect(sub.changes.map((c) => [c.id, c.severity])).toEqual([['response-enum-value-added', 'error']]);
    expect(sub.changes[0]!.message).toContain('Payload field `status` of message `Order` on `orders`');
  });

  it('treats AsyncAPI 3.0 receive as what consumers send and send as what they read', async () => {
    const doc = (action: string, required: string) => `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  orders:
    address: orders.v1
    messages:
      Order: {payload: {type: object, required: [${required}], properties: {id: {type: string}, note: {type: string}}}}
operations:
  op:
    action: ${action}
    channel: {$ref: '#/channels/orders'}
`;
    const receive = await diff(
      { 'api.yaml': doc('receive', 'id') },
      { 'api.yaml': doc('receive', 'id, note') },
    );
    const send = await diff({ 'api.yaml': doc('send', 'id') }, { 'api.yaml': doc('send', 'id, note') });
    expect(receive.changes.map((c) => [c.id, c.severity])).toEqual([
      ['request-property-became-required', 'error'],
    ]);
    expect(send.changes.map((c) => [c.id, c.severity])).toEqual([
      ['response-property-became-required', 'info'],
    ]);
  });

  it('does not report a 2.6 → 3.0 migration that keeps addresses and directions as removals', async () => {
    const v2 = `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  orders.placed:
    subscribe:
      message: {name: OrderPlaced, payload: {type: object, properties: {id: {type: string}}}}
`;
    const v3 = `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  placed:
    address: orders.placed
    messages:
      OrderPlaced: {payload: {type: object, properties: {id: {type: integer}}}}
operations:
  publishPlaced:
    action: send
    channel: {$ref: '#/channels/placed'}
`;
    const result = await diff({ 'api.yaml': v2 }, { 'api.yaml': v3 });
    expect(result.changes.map((c) => c.id)).toEqual(['response-type-changed', 'spec-version-changed']);
  });
});

describe('coverage beyond the fixture pairs', () => {
  it('names a field written in two allOf members by its name, and places its keywords where written', async () => {
    const order = "{$ref: '#/components/schemas/Order'}";
    const doc = (second: string) =>
      openApi(`paths:
${getReturning('/orders', order)}${getReturning('/order', order)}components:
  schemas:
    Base:
      type: object
      properties:
        note: {type: string}
    Order:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            ${second}
`);
    const narrowed = await diff(
      { 'api.yaml': doc('note: {type: string}') },
      {
        'api.yaml': doc('note: {type: string, enum: [a, b]}'),
      },
    );
    expect(narrowed.changes.map((c) => [c.id, c.head?.pointer])).toEqual([
      ['response-enum-added', '/components/schemas/Order/allOf/1/properties/note/enum'],
    ]);
    const removed = await diff(
      { 'api.yaml': doc('note: {type: string}') },
      {
        'api.yaml': doc('other: {type: string}').replace(
          '        note: {type: string}',
          '        else: {type: string}',
        ),
      },
    );
    const gone = removed.changes.find((c) => c.id === 'response-property-removed');
    // Shared by two operations: named from its place, which must read as the field, not a made-up key.
    expect(gone?.message).toContain('Response field `note` of schema `Order` was removed');
  });

  it('does not count a renamed path parameter as a removal', async () => {
    const result = await diff(
      { 'api.yaml': ORDERS('{type: number}') },
      {
        'api.yaml': ORDERS('{type: number}')
          .replace('/orders/{id}:', '/orders/{orderId}:')
          .replace('name: id,', 'name: orderId,'),
      },
    );
    expect(result.changes).toEqual([]);
  });

  it('compares Swagger 2.0 body parameters, responses and produces', async () => {
    const swagger = (type: string, produces: string) => `swagger: '2.0'
info: {title: t, version: 1.0.0}
produces: [${produces}]
paths:
  /orders:
    post:
      parameters:
        - {name: body, in: body, required: true, schema: {$ref: '#/definitions/Order'}}
        - {name: limit, in: query, type: integer, maximum: 100}
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Order'}}
definitions:
  Order: {type: object, properties: {total: {type: ${type}}}}
`;
    const result = await diff(
      { 'api.yaml': swagger('number', 'application/json, application/xml') },
      { 'api.yaml': swagger('string', 'application/json').replace('maximum: 100', 'maximum: 50') },
    );
    expect(result.changes.map((c) => c.id).sort()).toEqual([
      'request-constraint-narrowed',
      'request-type-changed',
      'response-media-type-removed',
      'response-type-changed',
    ]);
  });

  it('compares AsyncAPI message headers and 3.0 operation security', async () => {
    const doc = (header: string, scheme: string) => `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      Order:
        headers: {type: object, properties: {traceId: {type: ${header}}}}
        payload: {type: object}
operations:
  take:
    action: receive
    channel: {$ref: '#/channels/orders'}
    security: [{$ref: '#/components/securitySchemes/${scheme}'}]
components:
  securitySchemes:
    key: {type: apiKey, in: user}
    cert: {type: X509}
`;
    const result = await diff({ 'api.yaml': doc('string', 'key') }, { 'api.yaml': doc('integer', 'cert') });
    expect(result.changes.map((c) => [c.id, c.severity])).toEqual([
      ['request-type-changed', 'error'],
      ['security-requirement-added', 'error'],
    ]);
    expect(result.changes[0]!.message).toContain('Header field `traceId` of message `Order` on `orders`');
  });
});

describe('versioning consent', () => {
  it('is an error without a major bump and an intended break with one', async () => {
    const without = await diff(
      { 'api.yaml': ORDERS('{type: number}') },
      { 'api.yaml': ORDERS('{type: string}', '1.1.0') },
      { versioning: { strategy: 'semver' } },
    );
    expect(without.changes.every((c) => c.severity === 'error' && !c.intended)).toBe(true);
    const withBump = await diff(
      { 'api.yaml': ORDERS('{type: number}') },
      { 'api.yaml': ORDERS('{type: string}', '2.0.0') },
      { versioning: { strategy: 'semver' } },
    );
    expect(withBump.changes.map((c) => c.severity)).toEqual(['warning', 'warning']);
    expect(withBump.changes[0]!.breaking).toBe(true);
    expect(withBump.changes[0]!.intended?.reason).toContain('major version bump');
    expect(withBump.changes[0]!.message).toContain("still needs the consumers' approval");
  });

  it('url-path: removing /v1 consents only when the head offers /v2', async () => {
    const doc = (paths: string[]) =>
      openApi(
        `paths:\n${paths.map((p) => `  ${p}:\n    get:\n      responses: {'200': {description: ok}}\n`).join('')}`,
      );
    const options: DiffOptions = { versioning: { strategy: 'url-path' } };
    const moved = await diff(
      { 'api.yaml': doc(['/v1/orders']) },
      { 'api.yaml': doc(['/v2/orders']) },
      options,
    );
    expect(moved.changes.find((c) => c.id === 'operation-removed')).toMatchObject({
      severity: 'warning',
      intended: { reason: expect.stringContaining('/v2/orders') },
    });
    const dropped = await diff(
      { 'api.yaml': doc(['/v1/orders', '/v1/items']) },
      { 'api.yaml': doc(['/v1/items']) },
      options,
    );
    expect(dropped.changes.find((c) => c.id === 'operation-removed')).toMatchObject({ severity: 'error' });
  });

  it.each([
    ['a minor version', '/v2/orders', '/v2.1/orders'],
    ['a path parameter renamed with the version', '/v1/{location}/orders', '/v2/{parent}/orders'],
    ['a pre-release released', '/v1beta1/orders', '/v1/orders'],
  ])('url-path: removing an operation consents when the head offers it under %s', async (_, from, to) => {
    // Each path parameter declared, so the documents are valid.
    const parameters = (path: string) =>
      [...path.matchAll(/\{(\w+)\}/g)].map(
        (m) => `{name: ${m[1]}, in: path, required: true, schema: {type: string}}`,
      );
    const doc = (path: string) =>
      openApi(
        `paths:\n  ${path}:\n    get:\n      parameters: [${parameters(path).join(', ')}]\n      responses: {'200': {description: ok}}\n`,
      );
    const options: DiffOptions = { versioning: { strategy: 'url-path' } };
    const result = await diff({ 'api.yaml': doc(from) }, { 'api.yaml': doc(to) }, options);
    expect(result.changes.find((c) => c.id === 'operation-removed')).toMatchObject({
      severity: 'warning',
      intended: { reason: expect.stringContaining(to) },
    });
  });

  it('url-path: an operation that keeps its operationId under /v2 is a new version, not a move', async () => {
    const doc = (path: string) =>
      openApi(
        `paths:\n  ${path}:\n    get:\n      operationId: listOrders\n      responses: {'200': {description: ok}}\n`,
      );
    const options: DiffOptions = { versioning: { strategy: 'url-path' } };
    const versioned = await diff(
      { 'api.yaml': doc('/v1/orders') },
      { 'api.yaml': doc('/v2/orders') },
      options,
    );
    expect(versioned.changes.find((c) => c.id === 'operation-removed')).toMatchObject({
      severity: 'warning',
      intended: { reason: expect.stringContaining('/v2/orders') },
    });
    expect(versioned.changes.map((c) => c.id)).not.toContain('operation-moved');
    // Moved elsewhere in the same version: the move still breaks callers, and nothing consents.
    const moved = await diff(
      { 'api.yaml': doc('/v1/orders') },
      { 'api.yaml': doc('/v1/purchases') },
      options,
    );
    expect(moved.changes.map((c) => [c.id, c.severity, c.intended])).toEqual([
      ['operation-moved', 'error', undefined],
    ]);
  });
});

describe('sunset and stability', () => {
  const doc = (op: string) =>
    openApi(`paths:\n  /a:\n    get:\n${op}      responses: {'200': {description: ok}}\n`);
  const empty = openApi('paths: {}\n');

  it('judges removal by the sunset date relative to today', async () => {
    const base = { 'api.yaml': doc("      deprecated: true\n      x-sunset: '2026-06-01'\n") };
    const before = await diff(base, { 'api.yaml': empty }, { today: '2026-05-31' });
    const after = await diff(base, { 'api.yaml': empty }, { today: '2026-06-01' });
    expect(before.changes.map((c) => [c.id, c.severity])).toEqual([
      ['operation-removed-before-sunset', 'error'],
    ]);
    expect(after.changes.map((c) => [c.id, c.severity])).toEqual([['deprecated-operation-removed', 'info']]);
  });

  it('reports breaking changes to alpha operations as info', async () => {
    const result = await diff({ 'api.yaml': doc('      x-stability-level: alpha\n') }, { 'api.yaml': empty });
    expect(result.changes).toMatchObject([{ id: 'operation-removed', severity: 'info', breaking: true }]);
  });
});

describe('files and refs', () => {
  const root = (ref: string) => openApi(`paths:\n${getReturning('/orders', `{$ref: '${ref}'}`)}`, '3.1.0');

  it('follows $refs into sibling files and locates changes there', async () => {
    const result = await diff(
      {
        'api.yaml': root('schemas/order.yaml'),
        'schemas/order.yaml': 'type: object\nproperties:\n  id: {type: string}\n',
      },
      {
        'api.yaml': root('schemas/order.yaml'),
        'schemas/order.yaml': 'type: object\nproperties:\n  id: {type: integer}\n',
      },
    );
    expect(result.changes).toMatchObject([
      { id: 'response-type-changed', head: { file: 'schemas/order.yaml', pointer: '/properties/id/type' } },
    ]);
    const [finding] = changesToFindings(result);
    expect(finding).toMatchObject({
      ruleId: 'breaking/response-type-changed',
      file: 'schemas/order.yaml',
      side: 'head',
    });
    expect(finding!.range.start.line).toBe(3);
  });

  it('follows $refs into sibling files from a large JSON description (parsed on the fast path)', async () => {
    const large = JSON.stringify(
      {
        openapi: '3.1.0',
        info: { title: 't', version: '1.0.0', description: 'x'.repeat(FAST_JSON_MIN_CHARS) },
        paths: {
          '/orders': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: { 'application/json': { schema: { $ref: 'schemas/order.yaml' } } },
                },
              },
            },
          },
        },
      },
      null,
      2,
    );
    const result = await diff(
      { 'api.json': large, 'schemas/order.yaml': 'type: object\nproperties:\n  id: {type: string}\n' },
      { 'api.json': large, 'schemas/order.yaml': 'type: object\nproperties:\n  id: {type: integer}\n' },
      {},
      'api.json',
    );
    expect(result.problems).toEqual([]);
    expect(result.changes).toMatchObject([
      { id: 'response-type-changed', head: { file: 'schemas/order.yaml', pointer: '/properties/id/type' } },
    ]);
  });

  it('says the side of a place in a referenced file in the text and Markdown outputs', async () => {
    const order = (type: string) => `type: object\nproperties:\n  id: {type: ${type}}\n`;
    const api = (status: string) =>
      openApi(
        `paths:\n  /orders:\n    get:\n      responses:\n        '${status}':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'schemas/order.yaml'}\n`,
        '3.0.3',
      );
    const result = await diff(
      { 'api.yaml': api('200'), 'schemas/order.yaml': order('string') },
      { 'api.yaml': api('201'), 'schemas/order.yaml': order('integer') },
    );
    // A change's line is folded: its continuation lines are indented.
    const lines = renderDiffText(result, { quiet: true })
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith(' '));
    // schemas/order.yaml is relative to each side's root: which one the line is in is said.
    expect(lines.map((l) => l.split('  ')[0]).sort()).toEqual(['api.yaml:7', 'schemas/order.yaml:3 (head)']);
    expect(renderDiffMarkdown(result, 'base → head')).toContain('| `schemas/order.yaml:3` (head) |');
  });

  it('locates removed elements in the base file and says so', async () => {
    const result = await diff(
      {
        'api.yaml':
          root('#/components/schemas/O') +
          'components:\n  schemas:\n    O:\n      type: object\n      required: [id]\n      properties:\n        id: {type: string}\n',
      },
      {
        'api.yaml': root('#/components/schemas/O') + 'components:\n  schemas:\n    O:\n      type: object\n',
      },
    );
    const finding = changesToFindings(result).find((f) => f.checkId === 'response-required-property-removed');
    expect(finding).toMatchObject({ side: 'head' });
    const removedOp = changesToFindings(
      await diff({ 'api.yaml': root('#/x') }, { 'api.yaml': openApi('paths: {}\n', '3.1.0') }),
    ).find((f) => f.checkId === 'operation-removed');
    expect(removedOp).toMatchObject({ side: 'base', file: 'api.yaml', pointer: '/paths/~1orders/get' });
    expect(removedOp!.message).toContain('base version');
  });
});

describe('callbacks written in another file', () => {
  it('compares a callback of a path item that lives in another file, and points there', async () => {
    const root = openApi(`paths:\n  /subscribe:\n    $ref: './paths/subscribe.yaml'\n`, '3.0.3');
    const item = (type: string) => `post:
  responses:
    '201': { description: ok }
  callbacks:
    onEvent:
      '{$request.body#/callbackUrl}':
        post:
          requestBody:
            content:
              application/json:
                schema: { type: object, properties: { id: { type: ${type} } } }
          responses:
            '200': { description: ok }
`;
    const result = await diff(
      { 'api.yaml': root, 'paths/subscribe.yaml': item('string') },
      { 'api.yaml': root, 'paths/subscribe.yaml': item('integer') },
    );
    expect(result.problems).toEqual([]);
    // It read as no change at all: the callback was looked for in the root file.
    expect(result.changes).toMatchObject([
      {
        id: 'response-type-changed',
        head: { file: 'paths/subscribe.yaml' },
        operations: ['POST /subscribe'],
      },
    ]);
  });
});

describe('parameter order', () => {
  const api = (...params: string[]) =>
    openApi(
      `paths:
  /orders:
    get:
      parameters:
${params.map((p) => `        - { name: ${p}, in: query, schema: { type: string } }\n`).join('')}      responses:
        '200': { description: ok }
`,
      '3.0.3',
    );
  const order = async (base: string[], head: string[]) =>
    (await diff({ 'api.yaml': api(...base) }, { 'api.yaml': api(...head) })).changes.map((c) => [
      c.id,
      c.severity,
    ]);

  it('says parameters listed in another order as info (generated clients take them positionally)', async () => {
    expect(await order(['a', 'b', 'c'], ['a', 'c', 'b'])).toEqual([
      ['request-parameter-order-changed', 'info'],
    ]);
  });

  it('says nothing of order when a parameter is only added or removed between the others', async () => {
    expect(await order(['a', 'c'], ['a', 'b', 'c'])).toEqual([['request-parameter-added', 'info']]);
    expect(await order(['a', 'b', 'c'], ['a', 'c'])).toEqual([['request-parameter-removed', 'warning']]);
  });
});

describe('AsyncAPI 3.0 security schemes defined outside components', () => {
  const root = `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
servers:
  prod:
    host: broker.example.com
    protocol: kafka
    security:
      - $ref: 'security.yaml#/oauth'
channels:
  orders:
    address: orders
    messages:
      Order: {payload: {type: string}}
operations:
  onOrder:
    action: receive
    channel: {$ref: '#/channels/orders'}
    security:
      - type: httpApiKey
        name: X-Key
        in: header
`;
  const oauth = (tokenUrl: string) => `oauth:
  type: oauth2
  flows:
    clientCredentials:
      tokenUrl: ${tokenUrl}
      availableScopes: {read: read orders}
`;

  it('compares a scheme written in another file, and one written inline', async () => {
    const result = await diff(
      { 'api.yaml': root, 'security.yaml': oauth('https://a.example.com/token') },
      {
        'api.yaml': root.replace('in: header', 'in: query'),
        'security.yaml': oauth('https://b.example.com/token'),
      },
    );
    expect(result.problems).toEqual([]);
    // Both read as no change: only components.securitySchemes were compared.
    expect(result.changes.map((c) => [c.id, c.severity, c.head?.file, c.message.split(' —')[0]])).toEqual([
      [
        'security-scheme-changed',
        'error',
        'api.yaml',
        'Security scheme `X-Key` changed: in "header" → "query"',
      ],
      [
        'security-scheme-changed',
        'error',
        'security.yaml',
        'Security scheme `oauth` changed: flows.clientCredentials.tokenUrl "https://a.example.com/token" → "https://b.example.com/token"',
      ],
    ]);
  });
});

describe('bad input', () => {
  const valid = ORDERS('{type: number}');
  /** The 1-based line of the first occurrence of `needle` in `text`. */
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('names the unresolvable $ref, its file and line', async () => {
    const head = valid.replace("'#/components/schemas/Envelope'", "'#/components/schemas/Nope'");
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': head });
    const line = lineOf(head, 'schemas/Nope');
    expect(result.problems).toMatchObject([{ code: 'unresolved-ref', side: 'head', file: 'api.yaml', line }]);
    expect(result.problems[0]!.message).toContain('#/components/schemas/Nope');
    expect(describeProblem(result.problems[0]!)).toBe(
      `api.yaml:${line}: $ref "#/components/schemas/Nope" at ${result.problems[0]!.pointer} cannot be resolved (head); that schema was not compared.`,
    );
  });

  it('names a missing referenced file and where it is referenced', async () => {
    const head = valid.replace("'#/components/schemas/Envelope'", "'missing.yaml'");
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': head });
    const line = lineOf(head, 'missing.yaml');
    expect(result.problems).toMatchObject([{ code: 'missing', side: 'head', file: 'api.yaml', line }]);
    expect(describeProblem(result.problems[0]!)).toBe(
      `api.yaml:${line}: $ref to missing.yaml: the file does not exist (head).`,
    );
  });

  it('refuses $refs that leave the repository or name URLs, each at its line', async () => {
    const head = valid
      .replace("'#/components/schemas/Envelope'", "'../../etc/passwd'")
      .replace("'#/components/schemas/Order'", "'https://evil.example/x.yaml'");
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': head });
    expect(result.problems.map((p) => p.code).sort()).toEqual(['unsafe-ref', 'unsafe-ref']);
    const lines = [lineOf(head, 'etc/passwd'), lineOf(head, 'evil.example')];
    expect(result.problems.map((p) => p.line).sort()).toEqual(lines.sort());
    expect(lines[0]).not.toBe(lines[1]);
    for (const p of result.problems)
      expect(describeProblem(p).startsWith(`api.yaml:${p.line}: $ref "`)).toBe(true);
    // Where the text report points: the file and line of each refused $ref.
    const text = renderDiffText(result);
    for (const line of lines) expect(text).toMatch(new RegExp(`^api\\.yaml:${line}  problem  \\$ref "`, 'm'));
  });

  it('terminates on circular refs', async () => {
    const circular = openApi(`paths:
${getReturning('/a', "{$ref: '#/components/schemas/A'}")}components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
`);
    const result = await diff(
      { 'api.yaml': circular },
      { 'api.yaml': circular.replace('paths:', 'x-changed: 1\npaths:') },
    );
    expect(result.changes).toEqual([]);
    const files = await diff(
      {
        'api.yaml': ORDERS('{$ref: "other.yaml"}'),
        'other.yaml': '$ref: "api.yaml#/components/schemas/Order"\n',
      },
      { 'api.yaml': ORDERS('{$ref: "other.yaml"}'), 'other.yaml': '$ref: "api.yaml"\n' },
    );
    expect(files.problems).toEqual([]);
  });

  it('reports a document that does not parse, naming the file and side', async () => {
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': 'openapi: 3.0.3\npaths: [\n' });
    expect(result.problems).toMatchObject([{ code: 'syntax', side: 'head', file: 'api.yaml' }]);
    expect(result.changes).toEqual([]);
  });

  it('reports a file that is not a contract', async () => {
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': 'hello: world\n' });
    expect(result.problems).toMatchObject([{ code: 'not-a-contract', side: 'head' }]);
  });

  it('names a spec version YAML reads as a number rather than calling it missing', async () => {
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': 'openapi: 3.1\npaths: {}\n' });
    expect(result.problems).toMatchObject([
      {
        code: 'not-a-contract',
        side: 'head',
        pointer: '/openapi',
        message: expect.stringContaining('`openapi` version is the number 3.1'),
      },
    ]);
  });

  it('reports OpenAPI on one side and AsyncAPI on the other', async () => {
    const result = await diff(
      { 'api.yaml': valid },
      { 'api.yaml': 'asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\n' },
    );
    expect(result.problems).toMatchObject([{ code: 'kind-mismatch', file: 'api.yaml' }]);
  });

  it('turns a missing side into contract-added / contract-removed', async () => {
    expect((await diff({}, { 'api.yaml': valid })).changes.map((c) => c.id)).toEqual(['contract-added']);
    expect((await diff({ 'api.yaml': valid }, {})).changes.map((c) => c.id)).toEqual(['contract-removed']);
    expect((await diff({}, {})).problems).toMatchObject([{ code: 'missing' }]);
  });

  it('survives hostile nesting without exhausting the stack', async () => {
    const nested = (depth: number, leaf: string) => {
      let schema = `{"type":"${leaf}"}`;
      for (let i = 0; i < depth; i++) schema = `{"type":"object","properties":{"p":${schema}}}`;
      return `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":${schema}}}}}}}},"x-deep":${'['.repeat(50000)}${']'.repeat(50000)}}`;
    };
    const result = await diff(
      { 'api.json': nested(5000, 'string') },
      { 'api.json': nested(5000, 'integer') },
      {},
      'api.json',
    );
    // Refused by the parser (src/core/located-yaml.ts MAX_NESTING) before anything recursive runs.
    expect(result.problems).toMatchObject([
      { code: 'too-deep', file: 'api.json', side: 'base' },
      { code: 'too-deep', file: 'api.json', side: 'head' },
    ]);
    const yaml = await diff(
      { 'api.yaml': valid },
      { 'api.yaml': `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n` },
    );
    expect(yaml.problems.length).toBeGreaterThan(0);
  });

  it('names the line where schemas referring to schemas nest too deep to compare', async () => {
    const chain = (leaf: string) =>
      openApi(`paths:
${getReturning('/a', "{$ref: '#/components/schemas/S0'}")}components:
  schemas:
${Array.from({ length: 80 }, (_, i) => `    S${i}: {type: object, properties: {p: {$ref: '#/components/schemas/S${i + 1}'}}}`).join('\n')}
    S80: {type: ${leaf}}
`);
    const head = chain('integer');
    const result = await diff({ 'api.yaml': chain('string') }, { 'api.yaml': head });
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({ code: 'too-deep', file: 'api.yaml' });
    const schema = /^\/components\/schemas\/(S\d+)$/.exec(problem!.pointer)?.[1];
    expect(schema).toBeDefined();
    expect(problem!.line).toBe(lineOf(head, `    ${schema}: `));
    expect(describeProblem(problem!).startsWith(`api.yaml:${problem!.line}: Schemas nest deeper`)).toBe(true);
  });

  it('survives documents of the wrong shape', async () => {
    const odd =
      'openapi: 3.0.3\npaths:\n  /a: 5\n  /b:\n    get: [1, 2]\n    post: {parameters: 7, responses: {"200": 3}}\ncomponents: 9\n';
    const result = await diff({ 'api.yaml': valid }, { 'api.yaml': odd });
    expect(result.problems).toEqual([]);
    expect(result.changes.length).toBeGreaterThan(0);
  });
});
