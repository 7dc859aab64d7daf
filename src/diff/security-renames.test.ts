/**
 * A security scheme renamed with its definition kept asks consumers for the same credentials: the
 * requirements naming it are unchanged, in OpenAPI and AsyncAPI alike. Through the real door: two
 * documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../test/support/diff-pair.js';

async function changes(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.id} ${c.severity}: ${c.message.split(' — ')[0]}`).sort();
}

/** An OpenAPI document whose one operation requires scheme `name`, defined as `scheme`. */
function openapi(name: string, scheme: string, others = ''): string {
  return `openapi: 3.0.3
info: { title: T, version: 1.0.0 }
paths:
  /things:
    get:
      security: [{ ${name}: [] }]
      responses: { '204': { description: ok } }
components:
  securitySchemes:
    ${name}: ${scheme}
${others}`;
}

const BASIC = '{ type: http, scheme: basic }';
const HEADER_KEY = '{ type: apiKey, in: header, name: Authorization }';

describe('a security scheme renamed, its definition kept', () => {
  it('http basic under another name: the requirement is unchanged, the old name is unused', async () => {
    expect(
      await changes(
        openapi('basic', BASIC),
        openapi('api_token_basic', '{ type: http, scheme: Basic, description: d }'),
      ),
    ).toEqual([
      'security-scheme-removed info: Security scheme `basic` was removed (not breaking: no operation that asked for it still does).',
    ]);
  });

  it('an API key in the same header under another name: the requirement is unchanged', async () => {
    const found = await changes(
      openapi('jwt', HEADER_KEY),
      openapi('Authorization', '{ type: apiKey, in: header, name: authorization }'),
    );
    expect(found.filter((c) => c.startsWith('security-requirement'))).toEqual([]);
  });

  it('another name that asks for other credentials is a requirement replaced', async () => {
    const found = await changes(
      openapi('jwt', HEADER_KEY),
      openapi('key', '{ type: apiKey, in: header, name: X-Key }'),
    );
    expect(found).toContain(
      'security-requirement-added error: `GET /things` now requires key where jwt sufficed',
    );
  });

  it('a new name beside the old one still defined is a requirement replaced (the old one is still a scheme)', async () => {
    const found = await changes(
      openapi('basic', BASIC),
      openapi('login', BASIC, '    basic: { type: apiKey, in: query, name: key }\n'),
    );
    expect(found).toContain(
      'security-requirement-added error: `GET /things` now requires login where basic sufficed',
    );
  });

  it('AsyncAPI: a server requirement whose component was renamed is unchanged', async () => {
    const doc = (name: string) => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  broker:
    host: kafka.example.com
    protocol: kafka
    security: [{ $ref: '#/components/securitySchemes/${name}' }]
channels:
  placed: { address: orders.placed, messages: { OrderPlaced: { payload: { type: object } } } }
operations:
  onPlaced:
    action: send
    channel: { $ref: '#/channels/placed' }
    security: [{ $ref: '#/components/securitySchemes/${name}' }]
components:
  securitySchemes:
    ${name}: { type: scramSha256 }
`;
    const found = await changes(doc('scram'), doc('sasl'));
    expect(found.filter((c) => c.startsWith('security-requirement'))).toEqual([]);
  });
});
