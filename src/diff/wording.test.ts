/**
 * What the messages say (the last session's wording defects): a format widened is said as widened,
 * AsyncAPI fixes speak of messages, an unnamed message is named by its place, an Avro enum is
 * pointed to its `default` symbol, and a callback is named by its name, operation and the URL the
 * runtime expression gives.
 */
import { describe, expect, it } from 'vitest';
import { openApi } from '../../test/support/openapi-doc.js';
import { diffTexts } from '../../test/support/diff-pair.js';

async function messages(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.severity} ${c.id}: ${c.message}`);
}

const openapi = (format: string) =>
  openApi(`paths:
  /ids:
    post:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { n: { type: integer, format: ${format} } } } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { n: { type: integer, format: ${format} } } } } } }
`);

describe('a format widened', () => {
  it('int32 → int64 is said as widened (an error for readers, information for senders)', async () => {
    const said = await messages(openapi('int32'), openapi('int64'));
    expect([...said].sort()).toEqual([
      expect.stringMatching(
        /^error response-format-widened: Response field `n` of `POST \/ids` \(200\) widened its format from int32 to int64 — /,
      ),
      expect.stringMatching(
        /^info request-format-widened: Request field `n` of `POST \/ids` widened its format from int32 to int64\.$/,
      ),
    ]);
    expect(said.join('\n')).not.toContain('no longer has format');
  });

  it('its fix names the real formats, not a 32-bit reader (int16 → int32, float → double)', async () => {
    const fix = async (from: string, to: string, type = 'integer') => {
      const said = await messages(
        openapi(from).replaceAll('integer', type),
        openapi(to).replaceAll('integer', type),
      );
      return said.find((m) => m.startsWith('error response-format-widened'))?.split(' Fix: ')[1];
    };
    expect(await fix('int16', 'int32')).toBe(
      'keep values within int16 in this version (a reader built for int16 cannot hold what int32 adds).',
    );
    expect(await fix('float', 'double', 'number')).toBe(
      'keep values within float in this version (a reader built for float cannot hold what double adds).',
    );
  });

  it('a format dropped is still said as dropped', async () => {
    const said = await messages(openapi('int32'), openapi('"null"').replaceAll(', format: "null"', ''));
    expect(said.join('\n')).toContain('Response field `n` of `POST /ids` (200) no longer has format int32');
  });
});

const asyncapi = (messages: string, required = '[id, note]') => `asyncapi: 2.6.0
info: { title: Events, version: 1.0.0 }
channels:
  orders:
    subscribe:
      operationId: orderEvents
      message:
        oneOf:
${messages}
  notes:
    subscribe:
      message:
        payload: { type: object, required: ${required}, properties: { id: { type: string }, note: { type: string } } }
`;
const inline = (kind: string, extra = '') =>
  `          - { ${extra}payload: { type: object, required: [kind], properties: { kind: { const: ${kind} }, ${kind}: { type: string } } } }`;

describe('AsyncAPI messages', () => {
  it('names an unnamed message by its place (position on the channel) or its title, never `#1`', async () => {
    const base = asyncapi([inline('a'), inline('b', 'title: Order shipped, ')].join('\n'));
    const head = asyncapi(
      [
        inline('c'),
        inline('a'),
        inline('b', 'title: Order shipped, ').replace('b: { type: string }', 'b: { type: integer }'),
      ].join('\n'),
    );
    const said = (await messages(base, head)).join('\n');
    expect(said).not.toMatch(/`#\d+`/);
    expect(said).toContain('The 1st message received from `orders` is now also sent');
    expect(said).toContain('Payload field `b` of message "Order shipped" on `orders` changed type');
  });

  it('a field that became optional is to be kept in every message, not response', async () => {
    const said = (await messages(asyncapi(inline('a')), asyncapi(inline('a'), '[id]'))).join('\n');
    expect(said).toContain('Payload field `note` of the message on `notes` became optional');
    expect(said).not.toContain('every response');
  });
});

const avro = (symbols: string) => `asyncapi: 2.6.0
info: { title: Events, version: 1.0.0 }
channels:
  orders:
    subscribe:
      message:
        name: OrderPlaced
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload:
          type: record
          name: OrderPlaced
          fields:
            - { name: status, type: { type: enum, name: Status, symbols: [${symbols}] } }
`;

describe('Avro enums', () => {
  it('a symbol added for readers points to the enum default, which Avro readers fall back to', async () => {
    const said = (await messages(avro('NEW, PAID'), avro('NEW, PAID, SHIPPED'))).join('\n');
    expect(said).toContain('allows new values "SHIPPED"');
    expect(said).toContain('give the enum a `default` symbol (Avro readers fall back to it');
    expect(said).not.toContain('x-extensible-enum');
  });
});
const callbacks = (expression: string, kinds: string) =>
  openApi(
    `paths:
  /subscriptions:
    post:
      responses: { '201': { description: ok } }
      callbacks:
        onEvent:
          '${expression}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: { type: object, properties: { kind: { type: string, enum: [${kinds}] } } }
              responses: { '200': { description: ok } }
`,
    '3.1.0',
  );

describe('callbacks', () => {
  it('are named by name and operation, with the URL their runtime expression gives in words', async () => {
    const said = (
      await messages(callbacks('{$request.body#/url}', 'a'), callbacks('{$request.body#/url}', 'a, b'))
    ).join('\n');
    expect(said).toContain(
      'Field `kind` of the request body of callback `onEvent` of `POST /subscriptions` (POST to the URL in `url` of the request body) allows new values "b"',
    );
    // The operation that registers the callback is the one affected (and a blueprint names it).
    expect(said).not.toContain('Operation affected');
    const result = await diffTexts(
      callbacks('{$request.body#/url}', 'a'),
      callbacks('{$request.body#/url}', 'a, b'),
    );
    expect(result.changes.map((c) => c.operations)).toEqual([['POST /subscriptions']]);
  });

  it('keep an expression they cannot put in words as written', async () => {
    const said = (
      await messages(
        callbacks('{$request.query.hook}/events', 'a'),
        callbacks('{$request.query.hook}/events', 'a, b'),
      )
    ).join('\n');
    expect(said).toContain(
      'callback `onEvent` of `POST /subscriptions` (POST to `{$request.query.hook}/events`)',
    );
  });
});

describe('a removal in AsyncAPI', () => {
  const events = (withOperation: boolean) => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  placed: { address: orders.placed, messages: { placed: { payload: { type: object } } } }
  shipped: { address: orders.shipped, messages: { shipped: { payload: { type: object } } } }
operations:
  onPlaced: { action: receive, channel: { $ref: '#/channels/placed' } }
${withOperation ? "  onShipped: { action: receive, channel: { $ref: '#/channels/shipped' } }\n" : ''}`;

  it('is not told to deprecate with an x-sunset date, which AsyncAPI operations lack', async () => {
    expect(await messages(events(true), events(false))).toEqual([
      expect.stringMatching(
        /^error operation-removed: .*Fix: restore it and announce its removal to the consumers of its channel; remove it in a new major version of the document\.$/,
      ),
    ]);
  });

  it('an OpenAPI operation removed still is (the diff honours x-sunset there)', async () => {
    const api = (withDelete: boolean) =>
      openApi(`paths:
  /o:
    get: { responses: { '200': { description: ok } } }
${withDelete ? "    delete: { responses: { '204': { description: gone } } }\n" : ''}`);
    expect(await messages(api(true), api(false))).toEqual([
      expect.stringContaining('mark it deprecated with an x-sunset date'),
    ]);
  });
});

describe('a serialisation changed', () => {
  const params = (ids: string, coords: string) =>
    openApi(`paths:
  /search:
    get:
      parameters:
        - { name: ids, in: query, ${ids} schema: { type: array, items: { type: string } } }
        - { name: at, in: query, content: { ${coords}: { schema: { type: object } } } }
      responses: { '204': { description: none } }
`);

  it('says explode as the keyword it is, and a content media type alone', async () => {
    const said = await messages(params('', 'application/json'), params('explode: false,', 'application/xml'));
    expect(said).toEqual([
      expect.stringContaining(
        'Query parameter `ids` of `GET /search` changed serialisation from form (explode: true) to form (explode: false) — ',
      ),
      expect.stringContaining(
        'Query parameter `at` of `GET /search` changed serialisation from application/json to application/xml — ',
      ),
    ]);
  });

  it("says a form part's style as it says a parameter's: one wording for one keyword", async () => {
    const form = (encoding: string) =>
      openApi(`paths:
  /search:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, properties: { ids: { type: array, items: { type: string } } } }
            encoding: { ids: ${encoding} }
      responses: { '204': { description: none } }
`);
    expect(await messages(form('{ style: form }'), form('{ style: form, explode: false }'))).toEqual([
      expect.stringContaining(
        '(application/x-www-form-urlencoded: style form (explode: true) → form (explode: false))',
      ),
    ]);
  });

  it('says a 2.0 serialisation as its collectionFormat', async () => {
    const swagger = (format: string) => `swagger: '2.0'
info: { title: Search, version: 1.0.0 }
paths:
  /search:
    get:
      parameters:
        - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: ${format} }
      responses: { '204': { description: none } }
`;
    expect(await messages(swagger('csv'), swagger('multi'))).toEqual([
      expect.stringContaining('changed serialisation from collectionFormat csv to collectionFormat multi — '),
    ]);
  });
});

describe('a security scheme nobody relies on', () => {
  const doc = (header: string, dSecurity: string, aSecurity: string) => `openapi: 3.0.3
info: { title: Keys, version: 1.0.0 }
paths:
  /a:
    get:
      security: ${aSecurity}
      responses: { '204': { description: none } }
  /d:
    get:
      security: ${dSecurity}
      responses: { '204': { description: none } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: ${header} }
    basic: { type: http, scheme: basic }
`;

  it('says no operation that asked for it still does (GET /a left it), though GET /d now may', async () => {
    const said = await messages(
      doc('X-API-Key', '[{ basic: [] }]', '[{ key: [] }]'),
      doc('X-Token', '[{ basic: [] }, { key: [] }]', '[{ basic: [] }]'),
    );
    expect(said).toContainEqual(
      expect.stringContaining(
        'info security-scheme-changed: Security scheme `key` changed: name "X-API-Key" → "X-Token" (not breaking: no operation that asked for it still does)',
      ),
    );
  });
});

describe('an OAuth flow withdrawn', () => {
  const doc = (flows: string) => `openapi: 3.0.3
info: { title: Flows, version: 1.0.0 }
security: [{ oauth: [read] }]
paths:
  /a:
    get:
      responses: { '204': { description: none } }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
${flows}
`;
  const code =
    "        authorizationCode: { authorizationUrl: 'https://a.example.com/auth', tokenUrl: 'https://a.example.com/token', scopes: { read: r } }";
  const client =
    "        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { read: r } }";

  it('is said as removed, not as its object dumped', async () => {
    const said = await messages(doc(`${code}\n${client}`), doc(client));
    expect(said).toEqual([
      expect.stringContaining('Security scheme `oauth` changed: flows.authorizationCode was removed — '),
    ]);
  });
});

describe('the items of a top-level array', () => {
  const list = (itemType: string) =>
    openApi(`paths:
  /ids:
    post:
      requestBody:
        content: { application/json: { schema: { type: array, items: { type: ${itemType} } } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: ${itemType} } } } } }
`);

  it('are "each item", not a field called `[]`', async () => {
    const said = await messages(list('integer'), list('number'));
    expect([...said].sort()).toEqual([
      expect.stringMatching(
        /^error response-type-widened: Each response item of `POST \/ids` \(200\) widened /,
      ),
      expect.stringMatching(/^info request-type-widened: Each request item of `POST \/ids` widened /),
    ]);
    expect(said.join('\n')).not.toContain('`[]`');
  });
});

describe('keywords and positions named as written', () => {
  const body = (schema: string) =>
    openApi(
      `paths:
  /points:
    post:
      requestBody:
        content: { application/json: { schema: ${schema} } }
      responses:
        '204': { description: ok }
`,
      '3.1.0',
    );

  it('an object closed by unevaluatedProperties is said so, not as additionalProperties', async () => {
    const said = await messages(
      body('{ type: object, properties: { x: { type: number } } }'),
      body('{ type: object, properties: { x: { type: number } }, unevaluatedProperties: false }'),
    );
    expect(said).toEqual([
      expect.stringMatching(/request-additional-properties-closed: .*\(unevaluatedProperties closed\)/),
    ]);
  });

  it('a tuple position follows its field: `point[1]`, not `point.[1]`', async () => {
    const tuple = (second: string) =>
      body(
        `{ type: object, properties: { point: { type: array, prefixItems: [ { type: number }, { type: ${second} } ] } } }`,
      );
    const said = await messages(tuple('number'), tuple('string'));
    expect(said).toEqual([expect.stringContaining('Request field `point[1]` of `POST /points`')]);
  });
});

describe('a change written once for several messages', () => {
  const events = (location: string, contentType: string) => `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
defaultContentType: ${contentType}
channels:
  orders:
    subscribe:
      message: { $ref: '#/components/messages/OrderPlaced' }
    publish:
      message: { $ref: '#/components/messages/PlaceOrder' }
components:
  messages:
    OrderPlaced:
      traits: [{ $ref: '#/components/messageTraits/Common' }]
      payload: { type: object, properties: { id: { type: string } } }
    PlaceOrder:
      traits: [{ $ref: '#/components/messageTraits/Common' }]
      payload: { type: object, properties: { sku: { type: string } } }
  messageTraits:
    Common:
      correlationId: { location: '${location}' }
`;

  it('is named by the trait or the document default that holds it, not by the first message met', async () => {
    const said = await messages(
      events('$message.header#/correlationId', 'application/json'),
      events('$message.header#/requestId', 'application/xml'),
    );
    expect(said.map((s) => s.split(' — ')[0]).sort()).toEqual([
      'error correlation-id-changed: Message trait `Common` changed its correlation id from `$message.header#/correlationId` to `$message.header#/requestId`',
      "error message-content-type-changed: The document's `defaultContentType` changed content type from application/json to application/xml",
    ]);
  });
});

describe('a scope requirement replaced', () => {
  const secured = (scope: string) =>
    openApi(`components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { read: r, write: w } } }
paths:
  /pets:
    get:
      security: [{ oauth: [${scope}] }]
      responses: { '200': { description: ok } }
`);

  it('says the new scope is required, not that it is required "also"', async () => {
    const said = await messages(secured('read'), secured('write'));
    expect(said).toEqual([
      expect.stringMatching(
        /^error security-scope-added: `GET \/pets` now requires scopes write, which it did not require before — /,
      ),
    ]);
  });

  const paired = (alternatives: string) =>
    openApi(`components:
  securitySchemes:
    Oauth2: { type: oauth2, flows: { implicit: { authorizationUrl: 'https://a.example.com/auth', scopes: { admin: a, cluster: c, table: t } } } }
    Oauth2c: { type: oauth2, flows: { authorizationCode: { authorizationUrl: 'https://a.example.com/auth', tokenUrl: 'https://a.example.com/token', scopes: { admin: a, cluster: c, table: t } } } }
paths:
  /pets:
    get:
      security: ${alternatives}
      responses: { '200': { description: ok } }
`);

  it('names a scope two schemes of one alternative share once (Google pairs Oauth2 and Oauth2c)', async () => {
    const said = await messages(
      paired('[{ Oauth2: [admin], Oauth2c: [admin] }, { Oauth2: [cluster], Oauth2c: [cluster] }]'),
      paired('[{ Oauth2: [admin], Oauth2c: [admin] }, { Oauth2: [table], Oauth2c: [table] }]'),
    );
    expect(said).toEqual([
      expect.stringMatching(
        /^error security-scope-added: `GET \/pets` now requires scopes admin, which it did not require before — /,
      ),
    ]);
  });

  it('names what the nearest alternative adds, not the first one listed', async () => {
    const said = await messages(
      secured('read'),
      secured('read').replace(
        'security: [{ oauth: [read] }]',
        'security: [{ oauth: [read, write, admin] }, { oauth: [read, write] }]',
      ),
    );
    expect(said).toEqual([
      expect.stringMatching(/^error security-scope-added: `GET \/pets` now requires scopes write, which /),
    ]);
  });
});

describe('response links', () => {
  const links = (linked: string) =>
    openApi(`paths:
  /orders/{id}:
    get:
      operationId: getOrder
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          links:
${linked}
  /orders/{id}/items:
    get:
      operationId: getItems
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
`);
  const items = `            items: { operationId: getItems, parameters: { id: $response.body#/id } }`;

  it('says clients follow a link, not read it', async () => {
    const said = await messages(
      links(`${items}\n            self: { operationId: getOrder, parameters: { id: $response.body#/id } }`),
      links(`            self: { operationId: getItems, parameters: { id: $response.body#/id } }`),
    );
    const linkMessages = said.filter((m) => / response-link-/.test(m));
    expect(linkMessages.map((m) => m.split(':')[0]).sort()).toEqual([
      'error response-link-changed',
      'error response-link-removed',
    ]);
    for (const m of linkMessages) expect(m).toMatch(/ — consumers that follow it break\./);
    expect(said.join('\n')).not.toMatch(/that read it/);
  });
});

/**
 * A webhook's or callback's request body is a payload the API sends; what consumers answer it with
 * is their response. A field of a component schema they share is named so, not as a field of an
 * operation's response or request.
 */
const hooks = (enumValues: string, ackLength: string, withResponse = false) =>
  openApi(
    `paths:
  /subscriptions:
    post:
      responses: { '201': { description: ok } }
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/${withResponse ? 'Order' : 'Event'}' } } } }
              responses: { '200': { description: ok } }
${withResponse ? "  /orders:\n    get:\n      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } } }\n" : ''}webhooks:
  orderShipped:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Ack' } } } } }
  orderPaid:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Ack' } } } } }
components:
  schemas:
    Order: { type: object, properties: { status: { type: string, enum: [${enumValues}] } } }
    Ack: { type: object, properties: { ack: { type: string${ackLength} } } }
    Event: { type: object, properties: { order: { type: string, enum: [${enumValues}] } } }
`,
    '3.1.0',
  );

describe('a field of a schema webhooks share', () => {
  it('is a field of the webhook payload, judged as consumers read it', async () => {
    const said = await messages(hooks('a', ''), hooks('a, b', ''));
    expect(said).toContainEqual(
      expect.stringMatching(
        /^error response-enum-value-added: Webhook payload field `status` of schema `Order` allows new values "b" — consumers that read it break\./,
      ),
    );
    // The callback's payload is its own schema: its change is named by the callback.
    expect(said).toContainEqual(
      expect.stringMatching(
        /^error response-enum-value-added: Field `order` of the request body of callback/,
      ),
    );
    expect(said.join('\n')).not.toContain('Response field');
  });

  it('is a field of the responses and the webhook and callback payloads that share it', async () => {
    const said = await messages(hooks('a', '', true), hooks('a, b', '', true));
    expect(said).toContainEqual(
      expect.stringMatching(
        /^error response-enum-value-added: Response, webhook payload and callback payload field `status` of schema `Order` allows new values "b" — .*Affects 4 operations: `GET \/orders`/,
      ),
    );
  });

  it('is a field of the webhook response when consumers answer with it, judged as the provider reads it', async () => {
    const said = await messages(hooks('a', ''), hooks('a', ', maxLength: 2'));
    expect(said).toEqual([
      expect.stringMatching(
        /^error request-constraint-narrowed: Webhook response field `ack` of schema `Ack` .* — consumers that send it break\./,
      ),
    ]);
  });
});

/** A response or request body written once under components and used by many operations. */
const sharedBodies = (errorField: string, noteLength: string) =>
  openApi(`paths:
  /a:
    post:
      requestBody: { $ref: '#/components/requestBodies/Note' }
      responses: { '404': { $ref: '#/components/responses/NotFound' } }
  /b:
    post:
      requestBody: { $ref: '#/components/requestBodies/Note' }
      responses: { '404': { $ref: '#/components/responses/NotFound' } }
components:
  requestBodies:
    Note: { content: { application/json: { schema: { type: object, properties: { text: { type: string${noteLength} } } } } } }
  responses:
    NotFound:
      description: missing
      content: { application/json: { schema: { type: object, properties: { ${errorField}: { type: string } } } } }
`);

describe('a field of a shared response or request body', () => {
  it('is named by the component, not by the first operation met', async () => {
    const said = await messages(sharedBodies('error', ''), sharedBodies('errors', ', maxLength: 5'));
    expect(said).toContainEqual(
      expect.stringMatching(
        /^warning response-property-removed: Response field `error` of response `NotFound` was removed — .*Affects 2 operations/,
      ),
    );
    expect(said).toContainEqual(
      expect.stringMatching(
        /^error request-constraint-narrowed: Request field `text` of request body `Note` narrowed maxLength .*Affects 2 operations/,
      ),
    );
  });
});

describe('an object closed to unknown properties', () => {
  const closable = (closed: string) =>
    openApi(`paths:
  /notes:
    post:
      requestBody: { content: { application/json: { schema: { type: object${closed}, properties: { a: { type: string } } } } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object${closed}, properties: { a: { type: string } } } } } }
`);

  it('no longer accepts them in a request, and no longer carries them in a response', async () => {
    const said = await messages(closable(''), closable(', additionalProperties: false'));
    expect([...said].sort()).toEqual([
      expect.stringMatching(
        /^error request-additional-properties-closed: Request body of `POST \/notes` no longer accepts unknown properties/,
      ),
      expect.stringMatching(
        /^info response-additional-properties-closed: Response 200 of `POST \/notes` no longer carries unknown properties \(additionalProperties closed\)\.$/,
      ),
    ]);
  });
});

describe('a type and a format changed together', () => {
  const body = (schema: string) =>
    openApi(`paths:
  /settings:
    patch:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { t: ${schema} } } } }
      responses: { '204': { description: stored } }
`);

  it('are one finding that names the format with the type', async () => {
    const said = await messages(body('{ type: number }'), body('{ type: integer, format: int32 }'));
    expect(said).toEqual([
      expect.stringMatching(
        /^error request-type-narrowed: Request field `t` of `PATCH \/settings` narrowed its type from number to integer \(format int32\) — /,
      ),
    ]);
  });
});

describe('a success status that now carries no body', () => {
  const answer = (responses: string) =>
    openApi(`paths:
  /carts/{id}:
    delete:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: ${responses}
`);

  it('says the body went with the status, once', async () => {
    const said = await messages(
      answer("{ '200': { description: gone, content: { application/json: { schema: { type: object } } } } }"),
      answer("{ '204': { description: gone } }"),
    );
    expect(said).toEqual([
      expect.stringMatching(
        /^error response-success-status-changed: Response 200 of `DELETE \/carts\/\{id\}` is now 204, without a body — /,
      ),
    ]);
  });
});

describe('a $ref that now leads to another schema', () => {
  const pets = (target: string) =>
    openApi(`paths:
  /pets:
    get:
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } } }
  /pets/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } } }
components:
  schemas:
    Pet: { type: object, properties: { owner: { $ref: '#/components/schemas/${target}' } } }
    Person: { type: object, required: [name, age], properties: { name: { type: string }, age: { type: integer } } }
    Human: { type: object, required: [id], properties: { id: { type: string } } }
`);

  it('says each property the new target lacks, under the field that refers to it', async () => {
    // Both removals sit at the `$ref` that changed; they were one change that said `owner` was removed.
    const said = await messages(pets('Person'), pets('Human'));
    const removed = said.filter((m) => m.startsWith('error response-required-property-removed'));
    expect(removed).toEqual([
      expect.stringMatching(
        /^error [\w-]+: Response field `owner\.age` of schema `Pet` was removed \(it was required\)/,
      ),
      expect.stringMatching(
        /^error [\w-]+: Response field `owner\.name` of schema `Pet` was removed \(it was required\)/,
      ),
    ]);
    expect(said.join('\n')).not.toMatch(/field `owner` of schema `Pet` was removed/);
  });
});
