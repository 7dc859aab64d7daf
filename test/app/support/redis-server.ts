/**
 * A real Redis for the tests: Debian's `redis-server` (installed by .ci/run) on a free loopback port,
 * in a throwaway folder, nothing persisted unless asked (`appendonly`); stopped when the tests end.
 * `restart` stops it and starts it again on the same port and folder, as an admin's restart does.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops Redis (SIGTERM: it writes its append-only file, if any) and starts it again on the same port. */
  restart(options?: RedisOptions): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisOptions {
  /** Persistence as `appendonly yes` sets it (default: none, all is lost on a restart). */
  appendonly?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-review-redis-'));
  const port = await freePort();
  let running = await launch(dir, port, options);
  const url = `redis://127.0.0.1:${port}`;
  const stopped = async () => {
    running.child.kill('SIGTERM');
    await running.exited;
  };
  return {
    url,
    port,
    async restart(again = options) {
      await stopped();
      running = await launch(dir, port, again);
    },
    async stop() {
      await stopped();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launch(
  dir: string,
  port: number,
  options: RedisOptions,
): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const child: ChildProcess = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir],
      ...['--appendonly', options.appendonly ? 'yes' : 'no'],
    ],
    { stdio: 'ignore' },
  );
  // Without this listener a missing binary is an unhandled 'error' event that kills the process
  // with a stack trace; with it, the caller is told what to install.
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  await new Promise((resolve) => {
    child.once('spawn', resolve);
    child.once('error', resolve);
  });
  if (spawnError) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      spawnError.code === 'ENOENT'
        ? 'redis-server is not installed: the queue tests, the two-replica test and the burst bench run a real Redis (Debian: apt-get install redis-server; .ci/run installs it)'
        : `redis-server could not be started: ${spawnError.message}`,
      { cause: spawnError },
    );
  }
  await answering(`redis://127.0.0.1:${port}`, child);
  return { child, exited };
}

/** Resolves once Redis answers a PING (it may still be loading its append-only file before). */
async function answering(url: string, child: ChildProcess): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      client.disconnect();
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`redis-server did not start on ${url}: ${(error as Error).message}`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  client.disconnect();
}
