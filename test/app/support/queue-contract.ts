/**
 * The job queue's contract, run against every backend (in process, and BullMQ on a real Redis): the
 * same jobs, the same expectations. Jobs here are controllable stand-ins that run until released, so
 * each test decides what overlaps; nothing depends on timing except waiting for a state to come.
 */
import { describe, expect, it } from 'vitest';
import type { JobDescriptor, JobOutcome } from '../../../src/app/jobs.js';
import type { JobHandlers, JobQueue, JobResult, Lease, RetryPolicy } from '../../../src/app/queue.js';
import { JobStopped } from '../../../src/app/job-budget.js';
import { NoRepositoryId } from '../../../src/app/jobs.js';
import type { MarkingTry } from '../../../src/app/queue-give-up.js';
import { MarksNotWritten } from '../../../src/app/queue-give-up.js';

export interface QueueBackend {
  create(handlers: JobHandlers, options: { concurrency: number; retry?: RetryPolicy }): Promise<JobQueue>;
}

/** Polls `predicate` until it holds (a backend may take its time); fails after `ms`. */
export async function waitUntil(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let deliveries = 0;

/** The id of the repository `acme/shop` the jobs here are of, whatever they call it. */
export const SHOP_ID = 118;

export function job(pr: number, head: string, extra: Partial<JobDescriptor> = {}): JobDescriptor {
  return {
    kind: 'review',
    installationId: 1,
    repositoryId: SHOP_ID,
    owner: 'acme',
    repo: 'shop',
    pullNumber: pr,
    headSha: head,
    base: 'main',
    force: false,
    deliveryId: `delivery-${++deliveries}`,
    ...extra,
  };
}

const name = (j: JobDescriptor) => `${j.kind === 'review' ? '' : 'signoff '}${j.pullNumber}@${j.headSha}`;

/** Records what each job did; a job runs until `release(name)` (or throws if told to). */
export class Recorder implements JobHandlers {
  readonly log: string[] = [];
  readonly results = new Map<string, JobResult[]>();
  readonly retries: string[] = [];
  /** Jobs given up, with the reason. */
  readonly givenUp: string[] = [];
  /** While set, giving a job up waits for it (the job still holds its lane meanwhile). */
  giveUpHeld: Promise<void> | undefined;
  /** How many more times GitHub refuses the marks of a job given up for a while (a rate limit). */
  marksRefused = 0;
  /** GitHub's time of each refused try's latest answer, in turn (undefined: it got none). */
  marksAnsweredAt: (string | undefined)[] = [];
  /** What each try of the marks of a job given up was told of the others, in turn. */
  readonly markings: (MarkingTry | undefined)[] = [];
  /** The pushes each job was handed to record, by job (`who→head` each), one list per start. */
  readonly trails = new Map<string, string[][]>();
  /** The lease each job was run with (with Redis), by job: the last start's. */
  readonly leases = new Map<string, Lease>();
  private readonly releases = new Map<string, () => void>();
  private readonly released = new Set<string>();
  failing = new Set<string>();
  /** Jobs that fail as a budget stop does (their thread ended past the time limit). */
  stopping = new Set<string>();
  /** Jobs that fail with the error given (by name). */
  readonly throwing = new Map<string, unknown>();
  /** What each job given up was given up for (the error of its last attempt). */
  readonly givenUpFor = new Map<string, unknown>();
  /** Repository ids by `owner/name` as GitHub would answer them (with Redis: jobs queued without one). */
  readonly repositoryIds = new Map<string, number>();
  /** The names whose id was asked for, in order. */
  readonly idsAskedFor: string[] = [];

  async run(j: JobDescriptor, signal: AbortSignal, lease?: Lease): Promise<JobOutcome> {
    const n = name(j);
    this.log.push(`start ${n}`);
    if (lease) this.leases.set(n, lease);
    const trail = (j.trail ?? []).map((r) => `${r.push.by}→${r.headSha}`);
    this.trails.set(n, [...(this.trails.get(n) ?? []), trail]);
    signal.addEventListener('abort', () => this.log.push(`abort ${n}`));
    if (this.failing.has(n)) throw new Error(`${n} failed`);
    if (this.stopping.has(n)) throw new JobStopped({ kind: 'time', seconds: 600 });
    if (this.throwing.has(n)) throw this.throwing.get(n);
    if (!this.released.has(n)) await new Promise<void>((resolve) => this.releases.set(n, resolve));
    this.log.push(`end ${n}`);
    return {};
  }

  finished(j: JobDescriptor, result: JobResult): void {
    const n = name(j);
    this.results.set(n, [...(this.results.get(n) ?? []), result]);
  }

  retrying(j: JobDescriptor): void {
    this.retries.push(name(j));
  }

  async abandoned(
    j: JobDescriptor,
    reason: string,
    error: unknown,
    _lease?: Lease,
    marking?: MarkingTry,
  ): Promise<void> {
    this.givenUp.push(`${name(j)}: ${reason}`);
    this.givenUpFor.set(name(j), error);
    this.markings.push(marking);
    await this.giveUpHeld;
    if (this.marksRefused > 0) {
      this.marksRefused--;
      throw new MarksNotWritten(new Error('GitHub rate-limited the app'), this.marksAnsweredAt.shift());
    }
  }

  async repositoryIdOf(j: JobDescriptor): Promise<number> {
    const named = `${j.owner}/${j.repo}`;
    this.idsAskedFor.push(named);
    const id = this.repositoryIds.get(named.toLowerCase());
    if (id === undefined) throw new Error(`Not Found: ${named}`);
    return id;
  }

  release(n: string): void {
    this.released.add(n);
    this.releases.get(n)?.();
    this.releases.delete(n);
  }

  started(n: string): boolean {
    return this.log.includes(`start ${n}`);
  }

  count(entry: string): number {
    return this.log.filter((e) => e === entry).length;
  }
}

export function queueContract(label: string, backend: () => QueueBackend): void {
  describe(`${label}: the queue contract`, () => {
    async function setup(concurrency = 4, retry?: RetryPolicy) {
      const recorder = new Recorder();
      const queue = await backend().create(recorder, { concurrency, ...(retry ? { retry } : {}) });
      return { recorder, queue };
    }

    it('runs jobs of different pull requests at once, up to the concurrency', async () => {
      const { recorder, queue } = await setup(2);
      for (const pr of [1, 2, 3]) expect(await queue.enqueue(job(pr, 'a'))).toBe('queued');
      await waitUntil(() => recorder.started('1@a') && recorder.started('2@a'), 'two jobs run');
      expect(recorder.started('3@a')).toBe(false);
      recorder.release('1@a');
      await waitUntil(() => recorder.started('3@a'), 'the third job starts');
      recorder.release('2@a');
      recorder.release('3@a');
      await queue.idle();
      expect(recorder.results.get('3@a')).toEqual([{ kind: 'done', outcome: {} }]);
      await queue.close(1_000);
    });

    it('runs one job of a pull request at a time, a sign-off after the running review', async () => {
      const { recorder, queue } = await setup(4);
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.started('1@a'), 'the review runs');
      await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true }));
      await queue.enqueue(job(2, 'b'));
      await waitUntil(() => recorder.started('2@b'), 'another pull request runs meanwhile');
      expect(recorder.started('signoff 1@a')).toBe(false);
      recorder.release('1@a');
      await waitUntil(() => recorder.started('signoff 1@a'), 'the sign-off runs after the review');
      expect(recorder.log.indexOf('end 1@a')).toBeLessThan(recorder.log.indexOf('start signoff 1@a'));
      recorder.release('signoff 1@a');
      recorder.release('2@b');
      await queue.idle();
      await queue.close(1_000);
    });

    it('lets the latest head win: a running older review is aborted, a queued one skipped', async () => {
      const { recorder, queue } = await setup(4);
      await queue.enqueue(job(1, 'h1'));
      await waitUntil(() => recorder.started('1@h1'), 'the first head runs');
      await queue.enqueue(job(1, 'h2'));
      await queue.enqueue(job(1, 'h3'));
      await waitUntil(() => recorder.log.includes('abort 1@h1'), 'the running review is told to stop');
      recorder.release('1@h1');
      await waitUntil(() => recorder.started('1@h3'), 'the latest head runs');
      recorder.release('1@h3');
      recorder.release('1@h2');
      await queue.idle();
      expect(recorder.started('1@h2')).toBe(false);
      expect(recorder.results.get('1@h2')).toEqual([{ kind: 'skipped' }]);
      expect(recorder.log).not.toContain('abort 1@h3');
      await queue.close(1_000);
    });

    it('keeps the trail of pushes: a skipped head’s push goes to the job that superseded it, recorded once', async () => {
      const { recorder, queue } = await setup(4);
      const pushed = (head: string, by: string, before: string | null) =>
        job(1, head, { push: { by, before } });
      await queue.enqueue(pushed('h1', 'ann', null));
      await waitUntil(() => recorder.started('1@h1'), 'the first head runs');
      expect(recorder.trails.get('1@h1')).toEqual([['ann→h1']]);
      await queue.enqueue(pushed('h2', 'bob', 'h1'));
      await queue.enqueue(pushed('h3', 'cat', 'h2'));
      recorder.release('1@h1');
      await waitUntil(() => recorder.started('1@h3'), 'the latest head runs');
      recorder.release('1@h3');
      await queue.idle();
      expect(recorder.results.get('1@h2')).toEqual([{ kind: 'skipped' }]);
      // h1's job recorded ann's push; h3's job records bob's (h2 was skipped) and its own.
      expect(recorder.trails.get('1@h3')).toEqual([['bob→h2', 'cat→h3']]);
      // Nothing more to record: no further job, and the next one starts with an empty trail.
      expect(recorder.log.filter((e) => e.startsWith('start'))).toHaveLength(2);
      await queue.enqueue(job(1, 'h3', { kind: 'signoff', force: true }));
      recorder.release('signoff 1@h3');
      await queue.idle();
      expect(recorder.trails.get('signoff 1@h3')).toEqual([[]]);
      await queue.close(1_000);
    });

    it('records a push coalesced into a running review with a sign-off after it, and keeps a failed job’s pushes', async () => {
      const { recorder, queue } = await setup(4, { attempts: 1, backoffMs: 1 });
      await queue.enqueue(job(1, 'a', { push: { by: 'ann', before: null } }));
      await waitUntil(() => recorder.started('1@a'), 'the review runs');
      // Closed and reopened at the same head while its review runs: the review answers for it…
      expect(await queue.enqueue(job(1, 'a', { push: { by: 'rex', before: null } }))).toBe('duplicate');
      recorder.release('1@a');
      // …and a sign-off evaluation after it records the reopening.
      await waitUntil(() => recorder.started('signoff 1@a'), 'a sign-off follows');
      expect(recorder.trails.get('signoff 1@a')).toEqual([['rex→a']]);
      recorder.release('signoff 1@a');
      await queue.idle();
      // A job that fails for good leaves its pushes to the lane's next job.
      recorder.failing.add('1@b');
      await queue.enqueue(job(1, 'b', { push: { by: 'bob', before: 'a' } }));
      await waitUntil(() => recorder.results.has('1@b'), 'the failing job gives up');
      await queue.enqueue(job(1, 'c', { push: { by: 'cat', before: 'b' } }));
      recorder.release('1@c');
      await queue.idle();
      expect(recorder.trails.get('1@c')).toEqual([['bob→b', 'cat→c']]);
      await queue.close(1_000);
    });

    it('drops a redelivered delivery and a second request for the same head and base, but runs a re-run', async () => {
      const { recorder, queue } = await setup(4);
      const first = job(1, 'a');
      expect(await queue.enqueue(first)).toBe('queued');
      await waitUntil(() => recorder.started('1@a'), 'the review runs');
      expect(await queue.enqueue(first)).toBe('duplicate');
      expect(await queue.enqueue(job(1, 'a'))).toBe('duplicate');
      expect(await queue.enqueue(job(1, 'a', { base: 'develop' }))).toBe('queued');
      expect(await queue.enqueue(job(1, 'a', { force: true }))).toBe('queued');
      recorder.release('1@a');
      await queue.idle();
      expect(recorder.count('start 1@a')).toBe(3);
      // After the review ended, the same head may be asked for again (the job finds its check done).
      expect(await queue.enqueue(job(1, 'a'))).toBe('queued');
      await queue.idle();
      await queue.close(1_000);
    });

    it('answers sign-off requests with the one waiting; a request after it started queues again', async () => {
      const { recorder, queue } = await setup(4);
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.started('1@a'), 'the review runs');
      const signoff = () => job(1, 'a', { kind: 'signoff', force: true });
      expect(await queue.enqueue(signoff())).toBe('queued');
      expect(await queue.enqueue(signoff())).toBe('duplicate');
      recorder.release('1@a');
      await waitUntil(() => recorder.started('signoff 1@a'), 'the sign-off starts');
      expect(await queue.enqueue(signoff())).toBe('queued');
      recorder.release('signoff 1@a');
      await queue.idle();
      expect(recorder.count('start signoff 1@a')).toBe(2);
      await queue.close(1_000);
    });

    it('retries a job that throws, with backoff, then reports it failed', async () => {
      const { recorder, queue } = await setup(4, { attempts: 3, backoffMs: 20 });
      recorder.failing.add('1@a');
      await queue.enqueue(job(1, 'a'));
      await queue.enqueue(job(2, 'b'));
      recorder.release('2@b');
      await waitUntil(() => recorder.results.has('1@a'), 'the failing job gives up');
      expect(recorder.count('start 1@a')).toBe(3);
      expect(recorder.retries).toEqual(['1@a', '1@a']);
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 3 }]);
      expect(recorder.givenUp).toEqual([expect.stringMatching(/^1@a: it failed 3 times.*: 1@a failed$/)]);
      expect(recorder.results.get('2@b')).toEqual([{ kind: 'done', outcome: {} }]);
      await queue.idle();
      await queue.close(1_000);
    });

    it('runs one job of a pull request at a time whatever its repository is called: renamed, or in another case', async () => {
      const { recorder, queue } = await setup(4);
      // Queued under the name the repository had…
      await queue.enqueue(job(1, 'a', { push: { by: 'ann', before: null } }));
      await waitUntil(() => recorder.started('1@a'), 'the review runs');
      // …then delivered under its new name, and spelled in another case: the same pull request.
      const renamed = { owner: 'acme-corp', repo: 'store' };
      expect(await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true, ...renamed }))).toBe('queued');
      const shouted = { owner: 'ACME-Corp', repo: 'Store', push: { by: 'bob', before: null } };
      // Answered by the evaluation waiting in the lane (its push joins the lane's trail).
      expect(await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true, ...shouted }))).toBe(
        'duplicate',
      );
      await queue.enqueue(job(2, 'b'));
      await waitUntil(() => recorder.started('2@b'), 'another pull request runs meanwhile');
      expect(recorder.started('signoff 1@a')).toBe(false);
      recorder.release('1@a');
      await waitUntil(() => recorder.started('signoff 1@a'), 'the evaluation runs after the review');
      expect(recorder.log.indexOf('end 1@a')).toBeLessThan(recorder.log.indexOf('start signoff 1@a'));
      expect(recorder.trails.get('signoff 1@a')).toEqual([['bob→a']]);
      recorder.release('signoff 1@a');
      recorder.release('2@b');
      await queue.idle();
      expect(recorder.count('start signoff 1@a')).toBe(1);
      await queue.close(1_000);
    });

    it('lets the latest head win across names of the repository', async () => {
      const { recorder, queue } = await setup(4);
      await queue.enqueue(job(1, 'h1'));
      await waitUntil(() => recorder.started('1@h1'), 'the first head runs');
      await queue.enqueue(job(1, 'h2', { repo: 'Shop' }));
      await queue.enqueue(job(1, 'h3', { owner: 'acme-corp', repo: 'store' }));
      await waitUntil(() => recorder.log.includes('abort 1@h1'), 'the running review is told to stop');
      recorder.release('1@h1');
      await waitUntil(() => recorder.started('1@h3'), 'the latest head runs');
      recorder.release('1@h3');
      recorder.release('1@h2');
      await queue.idle();
      expect(recorder.results.get('1@h2')).toEqual([{ kind: 'skipped' }]);
      await queue.close(1_000);
    });

    it('refuses a pull request’s job that names no repository id, rather than give it a lane of its own', async () => {
      const { recorder, queue } = await setup(4);
      const nameless = job(1, 'a', { repositoryId: undefined });
      await expect(queue.enqueue(nameless)).rejects.toBeInstanceOf(NoRepositoryId);
      await expect(queue.enqueue({ ...nameless, repositoryId: 0 })).rejects.toBeInstanceOf(NoRepositoryId);
      // A sweep's page is no pull request's: it runs in its installation's lane.
      const sweep = job(0, '', {
        kind: 'signoff',
        force: true,
        repositoryId: undefined,
        sweep: { mode: 'evaluate', limit: 10, delivery: 'sweep-1' },
      });
      expect(await queue.enqueue(sweep)).toBe('queued');
      recorder.release('signoff 0@');
      await queue.idle();
      expect(recorder.log).toEqual(['start signoff 0@', 'end signoff 0@']);
      await queue.close(1_000);
    });

    it('on close, takes no new job and lets the running one finish', async () => {
      const { recorder, queue } = await setup(1);
      await queue.enqueue(job(1, 'a'));
      await queue.enqueue(job(2, 'b'));
      await waitUntil(() => recorder.started('1@a'), 'the first job runs');
      const closing = queue.close(30_000);
      recorder.release('1@a');
      await closing;
      expect(recorder.log).toContain('end 1@a');
      expect(recorder.started('2@b')).toBe(false);
    });
  });
}
