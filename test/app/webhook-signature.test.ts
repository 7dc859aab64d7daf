/**
 * Webhooks reach the app only with a valid signature: a forged delivery is answered 400 and causes
 * no GitHub request; a signed one is accepted. Served over real HTTP on localhost, as in production.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { payload, testPrivateKey } from './support/fake-github.js';

const SECRET = 'test-secret';
let url: string;
let close: () => Promise<void>;
const unmatched: string[] = [];
// nock reports every request it lets through; the webhook deliveries to localhost are not GitHub's.
const onNoMatch = (req: {
  method?: string;
  path?: string;
  host?: string;
  hostname?: string;
  href?: string;
}) => {
  const host = req.hostname ?? req.host ?? (req.href ? new URL(req.href).hostname : '');
  if (!host.startsWith('127.0.0.1')) unmatched.push(`${req.method} ${host} ${req.path}`);
};

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock.emitter.on('no match', onNoMatch);
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: SECRET,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false } })),
  });
  const middleware = await createNodeMiddleware(
    createBlueprintReviewApp({ botLogin: 'blueprint-review[bot]', appId: 1 }).app,
    {
      probot,
    },
  );
  const server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  nock.emitter.removeListener('no match', onNoMatch);
  nock.enableNetConnect();
});

function deliver(body: string, signature: string) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': signature,
    },
    body,
  });
}

const sign = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

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
    expect(unmatched).toEqual([]);
  });

  it('accepts a delivery signed with the secret', async () => {
    const signed = await deliver(body, sign(body, SECRET));
    expect(signed.status).toBe(200);
    expect(unmatched).toEqual([]);
  });
});
