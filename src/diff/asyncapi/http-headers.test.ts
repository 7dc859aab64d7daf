/**
 * AsyncAPI message headers pair by name as their transport reads them: ignoring case when the
 * message travels over HTTP only (RFC 9110 field names), exactly otherwise (Kafka, AMQP, MQTT
 * headers). Through the real door: two documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function changes(base: string, head: string) {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => [c.id, c.severity, c.message.split(' — ')[0]!.replace(/\.$/, '')]);
}

interface Shape {
  /** The `servers` section's entries (YAML), none when empty. */
  servers?: string[];
  /** The channel's `servers` list (refs by name). */
  channelServers?: string[];
  /** The operation's `bindings` (YAML flow). */
  bindings?: string;
  /** The headers' `required` and `properties` (YAML flow). */
  required: string;
  properties: string;
  action?: 'send' | 'receive';
}

function doc(s: Shape): string {
  const servers = s.servers?.length ? `servers:\n${s.servers.map((x) => `  ${x}\n`).join('')}` : '';
  const channelServers = s.channelServers
    ? `    servers: [${s.channelServers.map((n) => `$ref: '#/servers/${n}'`).join(', ')}]\n`
    : '';
  return `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
${servers}channels:
  placed:
    address: /orders
${channelServers}    messages:
      OrderPlaced:
        headers: { type: object, required: [${s.required}], properties: { ${s.properties} } }
        payload: { type: object }
operations:
  onPlaced:
    action: ${s.action ?? 'send'}
    channel: { $ref: '#/channels/placed' }
${s.bindings ? `    bindings: ${s.bindings}\n` : ''}`;
}

const HTTP = ['api: { host: api.example.com, protocol: https }'];
const KAFKA = ['broker: { host: kafka.example.com:9092, protocol: kafka }'];
const trace = (name: string) => `${name}: { type: string }`;
const MESSAGE = 'message `OrderPlaced` on `/orders`';

describe('headers of a message that travels over HTTP only', () => {
  it('pair a header whose name changed only in case with itself: nothing changed', async () => {
    const shape = { servers: HTTP, required: 'X-Trace', properties: trace('X-Trace') };
    const head = { ...shape, required: 'x-trace', properties: trace('x-trace') };
    expect(await changes(doc(shape), doc(head))).toEqual([]);
  });

  it('compare the two spellings as one header: its schema and requiredness, named as the base wrote it', async () => {
    const base = { servers: HTTP, required: '', properties: 'X-Mode: { type: string, enum: [a, b] }' };
    const head = {
      servers: HTTP,
      required: 'x-mode',
      properties: 'x-mode: { type: string, enum: [a, b, c] }',
    };
    expect(await changes(doc(base), doc(head))).toEqual([
      ['response-enum-value-added', 'error', `Header field \`X-Mode\` of ${MESSAGE} allows new values "c"`],
      ['response-property-became-required', 'info', `Header field \`X-Mode\` of ${MESSAGE} became required`],
    ]);
  });

  it('decide by the bindings when the document names no server', async () => {
    const shape = {
      bindings: '{ http: { method: POST } }',
      required: 'X-Trace',
      properties: trace('X-Trace'),
    };
    expect(
      await changes(doc(shape), doc({ ...shape, required: 'x-trace', properties: trace('x-trace') })),
    ).toEqual([]);
  });

  it('keep the case of the keys inside a header whose value is an object', async () => {
    const meta = (key: string) =>
      `X-Meta: { type: object, required: [${key}], properties: { ${key}: { type: string } } }`;
    const shape = { servers: HTTP, required: '', properties: meta('Region') };
    const found = await changes(doc(shape), doc({ ...shape, properties: meta('region') }));
    expect(found.map(([id]) => id)).toContain('response-required-property-removed');
  });
});

describe('headers of an AsyncAPI 2 message', () => {
  const v2 = (protocol: string, name: string) => `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
servers:
  api: { url: api.example.com, protocol: ${protocol} }
channels:
  orders:
    subscribe:
      message:
        headers: { type: object, required: [${name}], properties: { ${name}: { type: string } } }
        payload: { type: object }
`;
  it('pair ignoring case on an HTTP server, exactly on an AMQP one', async () => {
    expect(await changes(v2('http', 'X-Trace'), v2('http', 'x-trace'))).toEqual([]);
    const amqp = await changes(v2('amqp', 'X-Trace'), v2('amqp', 'x-trace'));
    expect(amqp.map(([id]) => id)).toContain('response-required-property-removed');
  });
});

describe('headers of a message that does not travel over HTTP only (exact names)', () => {
  const renamed = (servers: Shape) =>
    changes(doc(servers), doc({ ...servers, required: 'x-trace', properties: trace('x-trace') }));

  it('on a Kafka server: the header is removed and another added', async () => {
    const found = await renamed({ servers: KAFKA, required: 'X-Trace', properties: trace('X-Trace') });
    expect(found.map(([id, severity]) => [id, severity])).toEqual([
      ['response-required-property-removed', 'error'],
      ['response-required-property-added', 'info'],
    ]);
  });

  it('on a channel that both an HTTP and a Kafka server carry', async () => {
    const found = await renamed({
      servers: [...HTTP, ...KAFKA],
      required: 'X-Trace',
      properties: trace('X-Trace'),
    });
    expect(found.map(([id]) => id)).toContain('response-required-property-removed');
  });

  it('on an HTTP server the channel is not on (it names only the Kafka one)', async () => {
    const found = await renamed({
      servers: [...HTTP, ...KAFKA],
      channelServers: ['broker'],
      required: 'X-Trace',
      properties: trace('X-Trace'),
    });
    expect(found.map(([id]) => id)).toContain('response-required-property-removed');
  });

  it('with bindings of HTTP and of another protocol, and no server', async () => {
    const found = await renamed({
      bindings: '{ http: { method: POST }, kafka: { groupId: { type: string } } }',
      required: 'X-Trace',
      properties: trace('X-Trace'),
    });
    expect(found.map(([id]) => id)).toContain('response-required-property-removed');
  });
});

describe("an HTTP message binding's headers", () => {
  const bound = (headers: string, action: 'send' | 'receive' = 'send') => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  placed:
    address: /orders
    messages:
      OrderPlaced:
        payload: { type: object }
        bindings: { http: { headers: { type: object, properties: { ${headers} } }, bindingVersion: 0.3.0 } }
operations:
  onPlaced:
    action: ${action}
    channel: { $ref: '#/channels/placed' }
`;
  const mode = (values: string, name = 'X-Mode') => `${name}: { type: string, enum: [${values}] }`;

  it('are compared as a schema in the message direction: a value now sent breaks readers', async () => {
    expect(await changes(bound(mode('a, b')), bound(mode('a, b, c')))).toEqual([
      [
        'response-enum-value-added',
        'error',
        `HTTP header field \`X-Mode\` of ${MESSAGE} allows new values "c"`,
      ],
    ]);
  });

  it('turn around where the application receives the message: a value no longer accepted breaks senders', async () => {
    const found = await changes(bound(mode('a, b'), 'receive'), bound(mode('a'), 'receive'));
    expect(found.map(([id, severity]) => [id, severity])).toEqual([['request-enum-value-removed', 'error']]);
  });

  it('pair a header spelt anew in another case with itself, and say nothing of the binding (the near case)', async () => {
    expect(await changes(bound(mode('a, b')), bound(mode('a, b', 'x-mode')))).toEqual([]);
  });
});
