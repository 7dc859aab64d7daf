/**
 * The app behind real HTTP on localhost, as in production, for tests of what reaches it: deliveries
 * are POSTed with GitHub's headers and signature, and any request the app makes to GitHub is recorded
 * (nock, the network off) instead of sent. `useWebhookServer()` at the top of a test file starts the
 * server before its tests and stops it after them.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { afterAll, beforeAll } from 'vitest';
import type { BlueprintReviewApp } from '../../../src/app/index.js';
import { createBlueprintReviewApp } from '../../../src/app/index.js';
import { testPrivateKey } from './fake-github.js';

export const SECRET = 'test-secret';
export const BOT = 'blueprint-review[bot]';

/** What GitHub sends in `X-Hub-Signature-256`: the body's HMAC-SHA256 under the webhook secret. */
export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WebhookServer {
  /** The app being served, once the server has started. */
  readonly app: BlueprintReviewApp;
  /** Requests the app made to anything but the server: to GitHub, recorded and not sent. */
  github: string[];
  /** A delivery of `event` as GitHub POSTs it, with `signature` as its signature header. */
  deliver(event: string, body: string, signature: string): Promise<Response>;
}

export function useWebhookServer(): WebhookServer {
  let app: BlueprintReviewApp | undefined;
  let url = '';
  let close: () => Promise<void> = async () => {};
  const github: string[] = [];
  // nock reports every request it lets through; the deliveries to localhost are not GitHub's.
  const onNoMatch = (req: {
    hostname?: string;
    host?: string;
    href?: string;
    method?: string;
    path?: string;
  }) => {
    const host = req.hostname ?? req.host ?? (req.href ? new URL(req.href).hostname : '');
    if (!host.startsWith('127.0.0.1')) github.push(`${req.method} ${host} ${req.path}`);
  };
  const server: WebhookServer = {
    get app() {
      if (!app) throw new Error('the webhook server starts in beforeAll: use the app in a test');
      return app;
    },
    github,
    deliver: (event, body, signature) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
          'x-hub-signature-256': signature,
        },
        body,
      }),
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
    app = createBlueprintReviewApp({ botLogin: BOT, appId: 1 });
    const middleware = await createNodeMiddleware(app.app, { probot });
    const http = createServer((req, res) => middleware(req, res, () => void res.writeHead(404).end()));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/github/webhooks`;
    close = () => new Promise((resolve) => http.close(() => resolve()));
  });
  afterAll(async () => {
    await close();
    nock.emitter.removeListener('no match', onNoMatch);
    nock.enableNetConnect();
  });
  return server;
}
