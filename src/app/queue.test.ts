import { describe, expect, it } from 'vitest';
import type { Job } from './queue.js';
import { ReviewQueue } from './queue.js';

/** A job that runs until released, recording what happened to it. */
function controllable(key: string, sha: string, log: string[], force = false) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const job: Job = {
    key,
    sha,
    force,
    async run(signal) {
      log.push(`start ${key}@${sha}`);
      signal.addEventListener('abort', () => log.push(`abort ${key}@${sha}`));
      await done;
      log.push(`end ${key}@${sha}`);
    },
  };
  return { job, release };
}

const silent = { error: () => {} };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReviewQueue', () => {
  it('runs jobs of different pull requests concurrently up to the limit', async () => {
    const log: string[] = [];
    const queue = new ReviewQueue(2, silent);
    const a = controllable('pr1', 'a', log);
    const b = controllable('pr2', 'b', log);
    const c = controllable('pr3', 'c', log);
    [a, b, c].forEach((j) => queue.enqueue(j.job));
    await tick();
    expect(log).toEqual(['start pr1@a', 'start pr2@b']);
    a.release();
    await tick();
    expect(log).toContain('start pr3@c');
    b.release();
    c.release();
    await queue.idle();
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it('runs one job per pull request at a time; a newer head aborts the running one and replaces the queued one', async () => {
    const log: string[] = [];
    const queue = new ReviewQueue(4, silent);
    const first = controllable('pr', 'sha1', log);
    const second = controllable('pr', 'sha2', log);
    const third = controllable('pr', 'sha3', log);
    expect(queue.enqueue(first.job)).toBe('queued');
    await tick();
    expect(queue.enqueue(second.job)).toBe('queued');
    expect(queue.enqueue(third.job)).toBe('replaced-queued');
    expect(log).toEqual(['start pr@sha1', 'abort pr@sha1']);
    first.release();
    await tick();
    expect(log).toEqual(['start pr@sha1', 'abort pr@sha1', 'end pr@sha1', 'start pr@sha3']);
    third.release();
    second.release();
    await queue.idle();
    expect(log).not.toContain('start pr@sha2');
  });

  it('drops a redelivered event for a SHA already queued or running, unless it is a re-run request', async () => {
    const log: string[] = [];
    const queue = new ReviewQueue(4, silent);
    const first = controllable('pr', 'sha1', log);
    queue.enqueue(first.job);
    await tick();
    expect(queue.enqueue(controllable('pr', 'sha1', log).job)).toBe('duplicate');
    const rerun = controllable('pr', 'sha1', log, true);
    expect(queue.enqueue(rerun.job)).toBe('queued');
    expect(log).toEqual(['start pr@sha1']);
    first.release();
    await tick();
    expect(log).toEqual(['start pr@sha1', 'end pr@sha1', 'start pr@sha1']);
    rerun.release();
    await queue.idle();
  });

  it('keeps going when a job throws, and reports it', async () => {
    const errors: object[] = [];
    const queue = new ReviewQueue(1, { error: (details) => errors.push(details) });
    queue.enqueue({ key: 'pr', sha: 'x', force: false, run: () => Promise.reject(new Error('boom')) });
    const log: string[] = [];
    const next = controllable('other', 'y', log);
    queue.enqueue(next.job);
    await tick();
    expect(errors).toHaveLength(1);
    expect(log).toEqual(['start other@y']);
    next.release();
    await queue.idle();
  });
});
