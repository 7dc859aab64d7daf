/**
 * A worker thread that cannot start (a broken install, a memory limit too small to load in) must not
 * be restarted in a tight loop, nor leave jobs waiting for ever: restarts pause longer each time,
 * and after a few failures in a row the jobs waiting fail (the queue retries them later).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDescriptor } from '../../src/app/jobs.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { operationsHandler } from '../../src/app/http.js';
import type { AppMetrics } from '../../src/app/metrics.js';
import type { JobQueue } from '../../src/app/queue.js';
import type { ThreadRunnerDeps } from '../../src/app/threads.js';
import { ThreadRunner, ThreadsUnavailable } from '../../src/app/threads.js';

const unused = (): never => {
  throw new Error('a thread that never loads asks for nothing');
};
const DEPS = {
  init: { checkName: 'Blueprint review', signoff: false },
  budget: { timeoutSeconds: 600, memoryMb: 512 },
  token: unused,
  baseUrl: async () => 'http://127.0.0.1:9',
  permit: unused,
  answered: unused,
  identity: unused,
  blobs: { get: unused, put: unused },
} as unknown as ThreadRunnerDeps;
const log = { info() {}, warn() {}, error() {} };

let runner: ThreadRunner | undefined;
afterEach(async () => {
  await runner?.close();
});

describe('worker threads that cannot start', () => {
  it('fail the jobs waiting for them after a few failures in a row, naming the cause', async () => {
    runner = new ThreadRunner(
      1,
      DEPS,
      { source: 'throw new Error("broken install")', eval: true },
      { firstDelayMs: 1, maxDelayMs: 20, refuseAfter: 3 },
    );
    const job = { deliveryId: 'd1' } as JobDescriptor;
    const waiting = runner.run(job, new AbortController().signal, log);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadsUnavailable);
    expect((error as ThreadsUnavailable).failures).toBe(3);
    expect((error as ThreadsUnavailable).message).toContain('broken install');
    // The runner says so (/readyz reports it), and later jobs are refused at once while no thread has loaded.
    expect(runner.unavailable()?.message).toContain('broken install');
    await expect(runner.run(job, new AbortController().signal, log)).rejects.toBeInstanceOf(
      ThreadsUnavailable,
    );
  }, 60_000);

  it('makes /readyz say the replica is not ready, and why', async () => {
    const queue = { ready: async () => ({ ready: true }) } as unknown as JobQueue;
    const readyz = async (why: string | undefined) => {
      const answer: { status?: number; body?: string } = {};
      const res = {
        writeHead(status: number) {
          answer.status = status;
          return this;
        },
        end(body: string) {
          answer.body = body;
        },
      } as unknown as ServerResponse;
      await operationsHandler(
        queue,
        {} as AppMetrics,
        () => why,
      )({ method: 'GET', url: '/readyz' } as IncomingMessage, res);
      return { status: answer.status, body: JSON.parse(answer.body!) as unknown };
    };
    expect(await readyz(undefined)).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await readyz('worker threads fail to start (5 in a row; the last: broken install)')).toEqual({
      status: 503,
      body: { status: 'not ready: worker threads fail to start (5 in a row; the last: broken install)' },
    });
  });
});
