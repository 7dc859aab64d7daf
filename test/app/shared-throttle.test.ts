/**
 * Two replicas share one write budget. Each is a separate process with Probot's octokit as the app
 * builds it (Probot's throttling local, the app's shared write budget on Redis): their writes for one
 * installation go out one at a time and at least a second apart, as if one process made them all —
 * although each process fires its writes all at once. Plus which requests are spaced, and a Redis that
 * does not answer.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedThrottle, spacedCategories } from '../../src/app/shared-throttle.js';
import { testPrivateKey } from './support/fake-github.js';
import type { RedisServer } from './support/redis-server.js';
import { startRedis } from './support/redis-server.js';

const REPLICA = fileURLToPath(new URL('./support/throttle-replica.ts', import.meta.url));
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const WRITES = 3;

let redis: RedisServer;
let server: Server;
let port: number;
const writes: { name: string; start: number; end: number }[] = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  redis = await startRedis();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url?.includes('/access_tokens')) {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ token: 'ghs_x', expires_at: new Date(Date.now() + 3_600_000).toISOString() }),
        );
        return;
      }
      const start = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Slow answers: overlapping writes would show as two in flight at once.
      setTimeout(() => {
        inFlight--;
        writes.push({ name: (JSON.parse(body) as { name: string }).name, start, end: performance.now() });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: writes.length }));
      }, 300);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
}, 30_000);

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await redis?.stop();
});

/** A wall clock `ms` ahead of the machine's (negative: behind), as on a host whose NTP failed. */
function skewedClock(ms: number): string[] {
  const source = `const now = Date.now; Date.now = () => now() + ${ms};`;
  return ['--import', `data:text/javascript,${encodeURIComponent(source)}`];
}

function replica(name: string, privateKey: string, nodeArgs: string[] = []): Promise<string> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', TSX, REPLICA], {
    env: {
      PATH: process.env.PATH ?? '',
      PRIVATE_KEY: privateKey,
      GHE_HOST: `127.0.0.1:${port}`,
      REDIS_URL: redis.url,
      INSTALLATION: '77',
      WRITES: String(WRITES),
      REPLICA: name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`replica ${name}: ${output}`)),
    ),
  );
}

describe('Probot throttling on Redis', () => {
  it('spaces the writes of two replicas for one installation as one budget', async () => {
    const privateKey = testPrivateKey();
    const outputs = await Promise.all([replica('a', privateKey), replica('b', privateKey)]);
    expect(outputs.map((o) => o.trim().split('\n').pop())).toEqual(['done', 'done']);
    expect(writes).toHaveLength(2 * WRITES);
    expect(new Set(writes.map((w) => w.name.split(' ')[0]))).toEqual(new Set(['a', 'b']));
    expect(maxInFlight).toBe(1);
    const starts = writes.map((w) => w.start).sort((x, y) => x - y);
    // Bottleneck's write group starts a write at most once a second, whoever makes it: six writes span
    // at least five seconds (a lower bound with slack for delays in transit; a busy machine only adds).
    expect(starts[starts.length - 1]! - starts[0]!).toBeGreaterThanOrEqual((starts.length - 1) * 800);
  }, 90_000);
});

describe('replicas whose clocks disagree', () => {
  it('keep one budget: the spacing is reserved on Redis’s clock, not the replicas’', async () => {
    writes.length = 0;
    maxInFlight = 0;
    const privateKey = testPrivateKey();
    // Ten minutes apart: a reservation dated by either replica's clock would hold the other back ten minutes.
    const outputs = await Promise.all([
      replica('ahead', privateKey, skewedClock(600_000)),
      replica('behind', privateKey, skewedClock(-600_000)),
    ]);
    expect(outputs.map((o) => o.trim().split('\n').pop())).toEqual(['done', 'done']);
    expect(writes).toHaveLength(2 * WRITES);
    expect(maxInFlight).toBe(1);
    const starts = writes.map((w) => w.start).sort((x, y) => x - y);
    expect(starts[starts.length - 1]! - starts[0]!).toBeGreaterThanOrEqual((starts.length - 1) * 800);
  }, 90_000);
});

describe('which requests are spaced', () => {
  it('spaces writes, notifying writes and searches; not reads or token requests', () => {
    expect(spacedCategories('GET', '/repos/acme/shop/pulls/7')).toEqual([]);
    expect(spacedCategories('HEAD', 'https://api.github.com/repos/acme/shop')).toEqual([]);
    expect(spacedCategories('POST', 'https://api.github.com/repos/acme/shop/check-runs')).toEqual(['write']);
    expect(spacedCategories('PATCH', '/repos/acme/shop/check-runs/12')).toEqual(['write']);
    expect(spacedCategories('POST', 'https://api.github.com/graphql')).toEqual(['write']);
    expect(
      spacedCategories('POST', 'http://ghe.example:8080/api/v3/repos/acme/shop/pulls/7/reviews'),
    ).toEqual(['write', 'notification']);
    expect(spacedCategories('post', '/repos/acme/shop/issues/7/comments?x=1')).toEqual([
      'write',
      'notification',
    ]);
    expect(spacedCategories('POST', '/repos/acme/shop/pulls/7/requested_reviewers')).toEqual([
      'write',
      'notification',
    ]);
    expect(spacedCategories('GET', '/search/issues?q=x')).toEqual(['search']);
    expect(spacedCategories('POST', 'https://api.github.com/app/installations/7/access_tokens')).toEqual([]);
  });
});

describe('a Redis that does not answer', () => {
  it('gives no reservation (the caller falls back to local spacing) and warns once', async () => {
    const warnings: string[] = [];
    const throttle = new SharedThrottle({
      url: 'redis://127.0.0.1:1',
      commandTimeoutMs: 200,
      log: { warn: (_details, message) => warnings.push(message) },
    });
    try {
      expect(await throttle.reserve(5, ['write'])).toBeUndefined();
      expect(await throttle.reserve(5, ['write', 'notification'])).toBeUndefined();
      expect(await throttle.reserve(5, [])).toBe(0); // nothing to space: no need to ask
    } finally {
      throttle.close();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis did not answer/);
  }, 30_000);
});
