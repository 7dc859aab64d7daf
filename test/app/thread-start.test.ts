/**
 * A worker thread that cannot start (a broken install, a memory limit too small to load in) must not
 * be restarted in a tight loop, nor leave jobs waiting for ever: restarts pause longer each time,
 * and after a few failures in a row the jobs waiting fail (the queue retries them later).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDescriptor } from '../../src/app/jobs.js';
import type { ThreadRunnerDeps } from '../../src/app/threads.js';
import { ThreadRunner, ThreadsUnavailable } from '../../src/app/threads.js';

const unused = (): never => {
  throw new Error('a thread that never loads asks for nothing');
};
const DEPS = {
  init: { checkName: 'Blueprint review', signoff: false },
  budget: { timeoutSeconds: 600, memoryMb: 512 },
  token: unused,
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
    // Later jobs are refused at once while no thread has loaded.
    await expect(runner.run(job, new AbortController().signal, log)).rejects.toBeInstanceOf(
      ThreadsUnavailable,
    );
  }, 60_000);
});
