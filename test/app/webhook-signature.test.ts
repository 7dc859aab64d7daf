/**
 * Webhooks reach the app only with a valid signature: a forged delivery is answered 400 and causes
 * no GitHub request; a signed one is accepted. Served over real HTTP on localhost, as in production.
 */
import { describe, expect, it } from 'vitest';
import { payload } from './support/fake-github.js';
import { SECRET, sign, useWebhookServer } from './support/webhook-server.js';

const server = useWebhookServer();
const deliver = (body: string, signature: string) => server.deliver('pull_request', body, signature);

describe('webhook signatures', () => {
  // A title edit: accepted, and needs no GitHub request, so the only difference is the signature.
  const body = JSON.stringify({
    ...payload('pull_request.opened'),
    action: 'edited',
    changes: { title: { from: 'x' } },
  });

  it('rejects a forged delivery without touching GitHub', async () => {
    const forged = await deliver(body, sign(body, 'not-the-secret'));
    expect(forged.status).toBe(400);
    const unsigned = await deliver(body, '');
    expect(unsigned.status).toBe(400);
    expect(server.github).toEqual([]);
  });

  it('accepts a delivery signed with the secret', async () => {
    const signed = await deliver(body, sign(body, SECRET));
    expect(signed.status).toBe(200);
    expect(server.github).toEqual([]);
  });
});
