/**
 * A review event reaches the sign-off gate only with a valid signature: a forged one is answered
 * 400 and causes no GitHub request. Served over real HTTP on localhost, as in production.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { payload, testPrivateKey } from '../app/support/fake-github.js';

const SECRET = 'test-secret';
const BOT = 'blueprint-review[bot]';
let url: string;
let app: ReturnType<typeof createBlueprintReviewApp>;
let close: () => Promise<void>;
const github: string[] = [];
const onRequest = (req: { hostname?: string; host?: string; href?: string; path?: string }) => {
  const host = req.hostname ?? req.host ?? (req.href ? new URL(req.href).hostname : '');
  if (!host.startsWith('127.0.0.1')) github.push(`${host} ${req.path}`);
};

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock.emitter.on('no match', onRequest);
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: SECRET,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false } })),
  });
  app = createBlueprintReviewApp({ botLogin: BOT, appId: 1 });
  const middleware = await createNodeMiddleware(app.app, { probot });
  const server = createServer((req, res) => middleware(req, res, () => void res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  nock.emitter.removeListener('no match', onRequest);
  nock.enableNetConnect();
});

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

function deliver(body: string, signature: string) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request_review',
      'x-github-delivery': 'c0ffee00-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': signature,
    },
    body,
  });
}

const sign = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('sign-off webhooks', () => {
  it('rejects a forged approval without evaluating anything', async () => {
    const body = reviewBody({ login: 'mallory', type: 'User' });
    expect((await deliver(body, sign(body, 'guessed-secret'))).status).toBe(400);
    expect((await deliver(body, '')).status).toBe(400);
    await app.runtime()!.queue.idle();
    expect(github).toEqual([]);
  });

  it('accepts a signed review event from the app itself and ignores it', async () => {
    const body = reviewBody({ login: BOT, type: 'Bot' });
    expect((await deliver(body, sign(body, SECRET))).status).toBe(200);
    await app.runtime()!.queue.idle();
    expect(await app.runtime()!.queue.stats()).toMatchObject({ running: 0, waiting: 0 });
    expect(github).toEqual([]);
  });
});
