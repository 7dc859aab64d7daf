/**
 * A review event reaches the sign-off gate only with a valid signature: a forged one is answered
 * 400 and causes no GitHub request. Served over real HTTP on localhost, as in production.
 */
import { describe, expect, it } from 'vitest';
import { payload } from '../app/support/fake-github.js';
import { BOT, SECRET, sign, useWebhookServer } from '../app/support/webhook-server.js';

const server = useWebhookServer();
const deliver = (body: string, signature: string) => server.deliver('pull_request_review', body, signature);

function reviewBody(reviewer: { login: string; type: string }): string {
  return JSON.stringify(
    payload('pull_request.opened', (p) => {
      p.action = 'submitted';
      delete p.number;
      p.review = {
        id: 1,
        user: reviewer,
        state: 'approved',
        commit_id: 'a'.repeat(40),
        submitted_at: '2025-01-01T10:00:00Z',
      };
      p.sender = reviewer;
    }),
  );
}

describe('sign-off webhooks', () => {
  it('rejects a forged approval without evaluating anything', async () => {
    const body = reviewBody({ login: 'mallory', type: 'User' });
    expect((await deliver(body, sign(body, 'guessed-secret'))).status).toBe(400);
    expect((await deliver(body, '')).status).toBe(400);
    await server.app.runtime()!.queue.idle();
    expect(server.github).toEqual([]);
  });

  it('accepts a signed review event from the app itself and ignores it', async () => {
    const body = reviewBody({ login: BOT, type: 'Bot' });
    expect((await deliver(body, sign(body, SECRET))).status).toBe(200);
    await server.app.runtime()!.queue.idle();
    expect(await server.app.runtime()!.queue.stats()).toMatchObject({ running: 0, waiting: 0 });
    expect(server.github).toEqual([]);
  });
});
