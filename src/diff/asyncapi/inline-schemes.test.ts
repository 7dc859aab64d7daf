/**
 * An AsyncAPI 3 security scheme written in place and edited there is the same scheme changed, not
 * one requirement replaced by another. Through the real door: two documents diffed.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function changes(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.id} ${c.severity}: ${c.message.split(' — ')[0]}`);
}

const OAUTH = (tokenUrl: string) =>
  `{ type: oauth2, flows: { clientCredentials: { tokenUrl: ${tokenUrl}, availableScopes: { read: r } } } }`;
const A = 'https://a.example.com/token';
const B = 'https://b.example.com/token';

/** An operation whose security list holds `entry`, and the component `oauth` (token URL A). */
function doc(entry: string, where: 'operation' | 'server' = 'operation'): string {
  const security = `    security: [${entry}]\n`;
  return `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  broker:
    host: kafka.example.com
    protocol: kafka
${where === 'server' ? security : ''}channels:
  placed: { address: orders.placed, messages: { OrderPlaced: { payload: { type: object } } } }
operations:
  onPlaced:
    action: send
    channel: { $ref: '#/channels/placed' }
${where === 'operation' ? security : ''}components:
  securitySchemes:
    oauth: ${OAUTH(A)}
    keys: { type: apiKey, in: user }
`;
}

const CHANGED = `security-scheme-changed error: Security scheme \`oauth\` changed: flows.clientCredentials.tokenUrl "${A}" → "${B}"`;

describe('a security scheme written in place and edited there', () => {
  it('is the scheme changed, when the base copied a component exactly', async () => {
    expect(await changes(doc(OAUTH(A)), doc(OAUTH(B)))).toEqual([CHANGED]);
  });

  it('is the scheme changed, when the base referred to the component', async () => {
    expect(await changes(doc("$ref: '#/components/securitySchemes/oauth'"), doc(OAUTH(B)))).toEqual([
      CHANGED,
    ]);
  });

  it('is the scheme changed on a server too', async () => {
    expect(await changes(doc(OAUTH(A), 'server'), doc(OAUTH(B), 'server'))).toEqual([CHANGED]);
  });

  it('is a requirement replaced when another kind of scheme takes its place', async () => {
    const found = await changes(doc(OAUTH(A)), doc('{ type: apiKey, in: user }'));
    expect(found.map((c) => c.split(':')[0])).toEqual(['security-requirement-added error']);
  });

  it('is a requirement replaced when the list now names another component', async () => {
    const found = await changes(
      doc("$ref: '#/components/securitySchemes/oauth'"),
      doc("$ref: '#/components/securitySchemes/keys'"),
    );
    expect(found.map((c) => c.split(':')[0])).toEqual(['security-requirement-added error']);
  });
});

describe('a security scheme written in place, edited and moved within its list', () => {
  const KEYS = "$ref: '#/components/securitySchemes/keys'";

  it('is the scheme changed, paired by its kind wherever it now stands', async () => {
    expect(await changes(doc(`${OAUTH(A)}, ${KEYS}`), doc(`${KEYS}, ${OAUTH(B)}`))).toEqual([CHANGED]);
  });

  it('is a requirement replaced when two schemes of its kind could be it (the near case)', async () => {
    const other = OAUTH('https://c.example.com/token');
    const found = await changes(doc(`${OAUTH(A)}, ${KEYS}`), doc(`${KEYS}, ${OAUTH(B)}, ${other}`));
    expect(found.map((c) => c.split(':')[0])).toContain('security-requirement-added error');
  });
});
