/**
 * The judgement of changes as a whole (issue 12): one finding per cause, choices judged by what
 * they admit, JSON Schema 2020-12 keywords, lifecycle extensions, and the false alarms of a Swagger
 * 2.0 → 3.0 conversion. Each case is a small contract pair; fixture pairs per check are in
 * test/fixtures/breaking.
 */
import { describe, expect, it } from 'vitest';
import type { DiffOptions } from './types.js';
import { openApi } from '../../test/support/openapi-doc.js';
import { diffTexts } from '../../test/support/diff-pair.js';

function diff(base: string, head: string, options: DiffOptions = {}) {
  return diffTexts(base, head, { today: '2030-01-01', ...options });
}

/** A 3.1 document with `schema` as the body of POST /items and of GET /items' 200 response. */
function both(schema: string, components = ''): string {
  return openApi(
    `paths:
  /items:
    post:
      requestBody:
        required: true
        content: { application/json: { schema: ${schema} } }
      responses: { '204': { description: stored } }
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: ${schema} } } }
${components ? `components:\n  schemas:\n${components}` : ''}`,
    '3.1.0',
  );
}

const errors = async (base: string, head: string, options?: DiffOptions) =>
  (await diff(base, head, options)).changes.filter((c) => c.severity === 'error').map((c) => c.id);

describe('one finding per cause', () => {
  const api = (type: string) =>
    openApi(`paths:
${['/a', '/b', '/c']
  .map(
    (p) => `  ${p}:
    get:
      operationId: get${p.slice(1)}
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }`,
  )
  .join('\n')}
components:
  schemas:
    Order: { type: object, properties: { note: { type: ${type} } } }
`);

  it('reports a shared schema change once, where it was written, with every operation and its consumers', async () => {
    const result = await diff(api('string'), api("[string, 'null']"), {
      consumers: ['everyone'],
      operationConsumers: new Map([
        ['GET /a', ['billing']],
        ['GET /b', ['erp', 'billing']],
      ]),
    });
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      id: 'response-nullable-added',
      operations: ['GET /a', 'GET /b', 'GET /c'],
      consumers: ['billing', 'erp'],
      head: { file: 'api.yaml', pointer: '/components/schemas/Order/properties/note/type' },
      message:
        'Response field `note` of schema `Order` may now be null — consumers billing and erp read it. Fix: keep it non-null in this version (leave the field out, or send a default, instead of null). Affects 3 operations: `GET /a`, `GET /b`, `GET /c`.',
    });
  });

  it('locates the change at the place that now refers to another schema', async () => {
    const doc = (ref: string) =>
      both(
        `{ $ref: '#/components/schemas/Comment' }`,
        `    Comment: { type: object, properties: { user: { $ref: '#/components/schemas/${ref}' } } }
    User: { type: object, properties: { login: { type: string } } }
    NullableUser: { type: [object, 'null'], properties: { login: { type: string } } }
`,
      );
    const result = await diff(doc('User'), doc('NullableUser'));
    const nullable = result.changes.find((c) => c.id === 'response-nullable-added')!;
    expect(nullable.head).toEqual({
      file: 'api.yaml',
      pointer: '/components/schemas/Comment/properties/user',
    });
    expect(nullable.message).toContain('Response field `user` of');
  });
});

describe('messages say who breaks', () => {
  it('blames consumers that do not send a field that became required', async () => {
    const result = await diff(
      both('{ type: object, properties: { tag: { type: string } } }'),
      both('{ type: object, required: [tag], properties: { tag: { type: string } } }'),
    );
    const required = result.changes.find((c) => c.id === 'request-property-became-required')!;
    expect(required.message).toBe(
      'Request field `tag` of `POST /items` became required — consumers that do not send it break. Fix: make it optional again (the provider applies a default when it is missing), or require it only in a new version.',
    );
  });

  it('names the consumers that must now send it', async () => {
    const result = await diff(
      both('{ type: object, properties: { tag: { type: string } } }'),
      both('{ type: object, required: [tag], properties: { tag: { type: string } } }'),
      { consumers: ['shop'] },
    );
    expect(result.changes.find((c) => c.id === 'request-property-became-required')!.message).toContain(
      '— consumer shop must now send it.',
    );
  });
});

describe('choices judged as a whole', () => {
  const events = `
    Opened: { type: object, required: [kind], properties: { kind: { const: opened }, at: { type: string } } }
    Closed: { type: object, required: [kind], properties: { kind: { const: closed }, by: { type: string } } }
`;

  it('an open object that becomes a oneOf of event types narrows a response and breaks a request', async () => {
    const result = await diff(
      both('{ type: object }', events),
      both(
        `{ oneOf: [{ $ref: '#/components/schemas/Opened' }, { $ref: '#/components/schemas/Closed' }] }`,
        events,
      ),
    );
    const bySide = (side: string) =>
      result.changes.filter((c) => c.id.startsWith(side)).map((c) => c.severity);
    expect(bySide('response-')).toEqual(['info']);
    // Saying why: `kind` is now required by every alternative.
    expect(result.changes.find((c) => c.id.startsWith('request-'))).toMatchObject({
      id: 'request-required-property-added',
      severity: 'error',
    });
  });

  it('reports new alternatives of a response once, naming them', async () => {
    const result = await diff(
      both(`{ oneOf: [{ $ref: '#/components/schemas/Opened' }] }`, events),
      both(
        `{ oneOf: [{ $ref: '#/components/schemas/Opened' }, { $ref: '#/components/schemas/Closed' }] }`,
        events,
      ),
    );
    const added = result.changes.filter((c) => c.id === 'response-branch-added');
    expect(added).toHaveLength(1);
    expect(added[0]!.message).toContain('now also admits `Closed`');
  });

  it('does not report two request branches merged into one wider branch', async () => {
    const base = both(
      `{ oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }] }`,
      `
    A: { type: object, required: [a], properties: { a: { type: string } } }
    B: { type: object, required: [b], properties: { b: { type: integer } } }
    AB: { type: object, properties: { a: { type: string }, b: { type: integer } } }
`,
    );
    const head = base.replace(
      `{ oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }] }`,
      `{ oneOf: [{ $ref: '#/components/schemas/AB' }] }`,
    );
    expect((await errors(base, head)).filter((id) => id.startsWith('request-'))).toEqual([]);
  });

  it('breaks a request body wrapped in a oneOf whose alternatives overlap', async () => {
    const base = both('{ type: object, properties: { a: { type: string }, b: { type: string } } }');
    const head = both(
      '{ oneOf: [{ type: object, properties: { a: { type: string }, b: { type: string } } }, { type: object, properties: { b: { type: string } } }] }',
    );
    expect(await errors(base, head)).toContain('request-constraint-narrowed');
  });

  it('splits an enum into alternatives without loss', async () => {
    const base = both('{ type: string, enum: [a, b] }');
    const head = both('{ oneOf: [{ const: a }, { const: b }, { const: c }] }');
    expect((await errors(base, head)).filter((id) => id.startsWith('request-'))).toEqual([]);
  });

  it('matches alternatives by discriminator value: a renamed schema with its mapping updated is no change', async () => {
    const doc = (name: string) =>
      both(
        `{ oneOf: [{ $ref: '#/components/schemas/${name}' }], discriminator: { propertyName: kind, mapping: { cat: '#/components/schemas/${name}' } } }`,
        `    ${name}: { type: object, required: [kind], properties: { kind: { type: string }, lives: { type: integer } } }\n`,
      );
    const result = await diff(doc('Cat'), doc('Feline'));
    expect(result.changes).toEqual([]);
  });
});

describe('JSON Schema 2020-12 keywords, by direction', () => {
  const cases: [string, string, string][] = [
    ['contains', '{ type: array }', "{ type: array, contains: { const: 'x' } }"],
    [
      'minContains',
      "{ type: array, contains: { const: 'x' } }",
      "{ type: array, contains: { const: 'x' }, minContains: 2 }",
    ],
    ['dependentRequired', '{ type: object }', '{ type: object, dependentRequired: { card: [cvc] } }'],
    [
      'dependentSchemas',
      '{ type: object }',
      '{ type: object, dependentSchemas: { card: { required: [cvc] } } }',
    ],
    ['if/then', '{ type: object }', '{ type: object, if: { required: [a] }, then: { required: [b] } }'],
    ['not', '{ type: string }', '{ type: string, not: { const: root } }'],
    ['propertyNames', '{ type: object }', "{ type: object, propertyNames: { pattern: '^[a-z]+$' } }"],
    [
      'patternProperties',
      '{ type: object }',
      "{ type: object, patternProperties: { '^x-': { type: string } } }",
    ],
    [
      'contentSchema',
      '{ type: string, contentMediaType: application/json }',
      '{ type: string, contentMediaType: application/json, contentSchema: { type: object } }',
    ],
    ['unevaluatedProperties', '{ type: object }', '{ type: object, unevaluatedProperties: false }'],
    ['const', '{ type: string }', '{ const: fixed }'],
    ['type array without null', "{ type: [string, 'null'] }", '{ type: [string] }'],
    [
      'prefixItems',
      '{ type: array, items: { type: string } }',
      '{ type: array, prefixItems: [{ const: v1 }], items: { type: string } }',
    ],
  ];
  it.each(cases)('%s: added narrows (breaks a request, not a response)', async (_name, before, after) => {
    const found = await errors(both(before), both(after));
    expect(found.some((id) => id.startsWith('request-'))).toBe(true);
    expect(found.filter((id) => id.startsWith('response-'))).toEqual([]);
  });
  it.each(cases)('%s: removed widens (breaks a response, not a request)', async (_name, before, after) => {
    const found = await errors(both(after), both(before));
    expect(found.some((id) => id.startsWith('response-'))).toBe(true);
    expect(found.filter((id) => id.startsWith('request-'))).toEqual([]);
  });
  it('judges a changed not the other way round', async () => {
    const found = await errors(
      both('{ type: string, not: { enum: [a, b] } }'),
      both('{ type: string, not: { enum: [a] } }'),
    );
    expect(found).toEqual(['response-constraint-widened']);
  });
  it('breaks both ways on another content encoding', async () => {
    const found = await errors(
      both('{ type: string, contentEncoding: base64 }'),
      both('{ type: string, contentEncoding: base32 }'),
    );
    expect(found.sort()).toEqual(['request-constraint-changed', 'response-constraint-changed']);
  });
});

describe('allOf members', () => {
  const components = `
    Base: { type: object, properties: { id: { type: string } } }
    Audit: { type: object, properties: { auditor: { type: string } } }
    Note: { description: just words }
`;
  it('an added member constrains a request', async () => {
    const found = await errors(
      both(`{ allOf: [{ $ref: '#/components/schemas/Base' }] }`, components),
      both(
        `{ allOf: [{ $ref: '#/components/schemas/Base' }, { $ref: '#/components/schemas/Audit' }] }`,
        components,
      ),
    );
    expect(found).toEqual(['request-constraint-narrowed']);
  });
  it('an annotation-only member changes nothing', async () => {
    const found = await errors(
      both(`{ allOf: [{ $ref: '#/components/schemas/Base' }] }`, components),
      both(
        `{ allOf: [{ $ref: '#/components/schemas/Base' }, { $ref: '#/components/schemas/Note' }] }`,
        components,
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('OpenAPI 3.0 and parameters', () => {
  const param = (schema: string, extra = '') =>
    openApi(`paths:
  /items/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: ${schema} }
        - { name: tags, in: query, ${extra} schema: { type: array, items: { type: string } } }
      responses: { '200': { description: ok } }
`);
  it('does not count format int64 added to an integer path parameter', async () => {
    expect(await errors(param('{ type: integer }'), param('{ type: integer, format: int64 }'))).toEqual([]);
    expect(await errors(param('{ type: integer }'), param('{ type: integer, format: int32 }'))).toEqual([
      'request-format-added',
    ]);
  });
  it('breaks on a boolean exclusiveMaximum set in a request', async () => {
    expect(
      await errors(
        param('{ type: integer, maximum: 10 }'),
        param('{ type: integer, maximum: 10, exclusiveMaximum: true }'),
      ),
    ).toEqual(['request-constraint-narrowed']);
  });
  it('judges style only where it changes the bytes: arrays and objects', async () => {
    expect(await errors(param('{ type: integer }'), param('{ type: integer }', 'explode: false,'))).toEqual([
      'request-parameter-style-changed',
    ]);
  });
});

describe('a Swagger 2.0 description converted to OpenAPI 3.0 is the same API', () => {
  const swagger = `swagger: '2.0'
info: { title: Pets, version: 1.0.0 }
host: pets.example.com
basePath: /v1
schemes: [https]
paths:
  /pets/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, type: integer, format: int64 }
        - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: csv }
        - { name: limit, in: query, type: integer }
      responses:
        '200': { description: ok, schema: { $ref: '#/definitions/Pet' } }
securityDefinitions:
  oauth: { type: oauth2, flow: accessCode, authorizationUrl: 'https://a.example.com/auth', tokenUrl: 'https://a.example.com/token', scopes: { read: r } }
definitions:
  Pet: { type: object, properties: { tag: { type: string, x-nullable: true } } }
`;
  const openapi = openApi(`servers: [{ url: 'https://pets.example.com/v1' }]
paths:
  /pets/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer, format: int64 } }
        - { name: tags, in: query, style: form, explode: false, schema: { type: array, items: { type: string } } }
        - { name: limit, in: query, style: simple, schema: { type: integer } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
components:
  securitySchemes:
    oauth: { type: oauth2, flows: { authorizationCode: { authorizationUrl: 'https://a.example.com/auth', tokenUrl: 'https://a.example.com/token', scopes: { read: r } } } }
  schemas:
    Pet: { type: object, properties: { tag: { type: string, nullable: true } } }
`);
  it('reports nothing but the version', async () => {
    expect((await diff(swagger, openapi)).changes.map((c) => c.id)).toEqual(['spec-version-changed']);
  });
  it('treats a server that moved to another environment as information', async () => {
    const result = await diff(openapi, openapi.replace('pets.example.com', 'pets.staging.example.com'));
    expect(result.changes.map((c) => [c.id, c.severity])).toEqual([['server-url-changed', 'info']]);
  });
});

describe('lifecycle extensions', () => {
  const op = (extra: string, path = '/old') =>
    openApi(`paths:
  ${path}:
    get:
${extra}
      parameters:
        - { name: q, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`);
  const gone = op('', '/new');
  it('judges a removal by deprecation and sunset date', async () => {
    expect(await errors(op('      deprecated: true\n      x-sunset: 2029-12-31'), gone)).toEqual([]);
    expect(await errors(op('      deprecated: true\n      x-sunset: 2030-06-30'), gone)).toEqual([
      'operation-removed-before-sunset',
    ]);
    expect(await errors(op('      deprecated: true\n      x-sunset: next spring'), gone)).toEqual([
      'operation-removed-before-sunset',
    ]);
    expect(await errors(op(''), gone)).toEqual(['operation-removed']);
  });
  it('reports breaking changes to draft and alpha operations as info, and honours the configured levels', async () => {
    expect(await errors(op('      x-stability-level: alpha'), gone)).toEqual([]);
    expect(await errors(op('      x-stability-level: beta'), gone)).toEqual(['operation-removed']);
    expect(
      await errors(op('      x-stability-level: beta'), gone, {
        extensions: { unstableLevels: ['draft', 'alpha', 'beta'] },
      }),
    ).toEqual([]);
    expect(
      await errors(op('      x-stability-level: alpha'), gone, { extensions: { stability: false } }),
    ).toEqual(['operation-removed']);
    expect(
      await errors(op('      x-maturity: alpha'), gone, { extensions: { stability: 'x-maturity' } }),
    ).toEqual([]);
  });
  it('breaks when stability decreases, and not when it is first given', async () => {
    expect(
      await errors(op('      x-stability-level: stable', '/a'), op('      x-stability-level: beta', '/a')),
    ).toEqual(['stability-decreased']);
    expect(await errors(op('', '/a'), op('      x-stability-level: beta', '/a'))).toEqual([]);
  });
  it('adds values to an extensible enum safely, and breaks requests when one goes', async () => {
    const doc = (values: string) => both(`{ type: string, x-extensible-enum: [${values}] }`);
    expect(await errors(doc('a, b'), doc('a, b, c'))).toEqual([]);
    expect(await errors(doc('a, b'), doc('a'))).toEqual(['request-extensible-enum-value-removed']);
  });
});

describe('AsyncAPI 3 replies', () => {
  const doc = (status: string) => `asyncapi: 3.0.0
info: { title: t, version: 1.0.0 }
channels:
  requests: { address: orders.requests, messages: { Create: { payload: { type: object } } } }
  replies:
    address: orders.replies
    messages:
      Accepted: { payload: { type: object } }
      Rejected: { payload: { type: object, properties: { status: { type: string, enum: [${status}] } } } }
operations:
  create:
    action: receive
    channel: { $ref: '#/channels/requests' }
    reply:
      channel: { $ref: '#/channels/replies' }
      messages: [{ $ref: '#/channels/replies/messages/Accepted' }, { $ref: '#/channels/replies/messages/Rejected' }]
`;
  it('compares every reply message, read by the consumers that sent the request', async () => {
    const result = await diff(doc('invalid'), doc('invalid, duplicate'));
    expect(result.changes.map((c) => [c.id, c.severity])).toEqual([['response-enum-value-added', 'error']]);
  });

  it('names the reply channel, not the request channel, as where the reply changed', async () => {
    const [change] = (await diff(doc('invalid'), doc('invalid, duplicate'))).changes;
    expect(change!.channels).toEqual(['orders.replies']);
    expect(change!.message).toContain('message `Rejected` on `orders.replies`');
  });
});

describe('security schemes', () => {
  const api = (flow: string, bearer = '') =>
    openApi(`paths:
  /a: { get: { security: [{ o: [] }], responses: { '200': { description: ok } } } }
  /b: { get: { security: [{ o: [] }, { t: [] }], responses: { '200': { description: ok } } } }
  /c: { get: { responses: { '200': { description: ok } } } }
components:
  securitySchemes:
    t: { type: http, scheme: bearer${bearer} }
    o:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: 'https://id.example.com/token',${flow} scopes: {} } }
`);
  it('lists the operations that use a changed scheme', async () => {
    const result = await diff(api(''), api('').replace('id.example.com', 'login.example.com'));
    expect(result.changes.map((c) => [c.id, c.operations])).toEqual([
      ['security-scheme-changed', ['GET /a', 'GET /b']],
    ]);
  });

  it('lets a refresh URL or a bearer format appear where there was none, not change', async () => {
    const refresh = " refreshUrl: 'https://id.example.com/refresh',";
    expect(await errors(api(''), api(refresh))).toEqual([]);
    expect(await errors(api(refresh), api(refresh.replace('/refresh', '/renew')))).toEqual([
      'security-scheme-changed',
    ]);
    expect(await errors(api(''), api('', ', bearerFormat: JWT'))).toEqual([]);
    expect(await errors(api('', ', bearerFormat: JWT'), api('', ', bearerFormat: opaque'))).toEqual([
      'security-scheme-changed',
    ]);
  });
});
