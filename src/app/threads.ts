/**
 * Jobs off the main thread. Reviews are CPU-heavy (parsing, validating and diffing contracts); run on
 * the main thread they stall the webhook server (`/ping` p95 0.8 s under a burst). Here each job runs
 * in a worker thread (worker-thread.ts), and so do its GitHub requests: the request, its answer's
 * bytes and their parsing never touch the main thread, which keeps only what the threads share —
 * the installation tokens (Probot's cache), the throttle (a permit per request, request-limiter.ts),
 * the blob cache (blob texts by SHA, one per process however many threads) and the metrics. A worker
 * asks (a call, answered by number) and reports; the main thread sends jobs and aborts
 * (thread-protocol.ts). Each job runs on a budget (job-budget.ts): the main thread ends a thread whose
 * job is past its CPU time (`JobStopped`) or its wall-clock limit (`JobOverdue`, retried), V8 one past
 * its heap (`JobStopped`); either way a new thread takes its place.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppIdentity } from '../adapters/github/app-identity.js';
import type { BlobCache } from '../adapters/github/file-source.js';
import type { JobDescriptor, JobOutcome, Logger } from './jobs.js';
import type { Lease } from './queue.js';
import { leased } from './lane-lease.js';
import type { JobBudget } from './job-budget.js';
import { JobClock, JobStopped } from './job-budget.js';
import { watchBudget } from './budget-watch.js';
import type { TaskTimes } from './thread-cpu.js';
import { taskTimes } from './thread-cpu.js';
import type { Headers } from './metrics.js';
import type { FromWorker, InstallationToken, ToWorker, WorkerInit } from './thread-protocol.js';
import { answerErrorOf, jobErrorOf } from './thread-protocol.js';

export interface ThreadRunnerDeps {
  init: WorkerInit;
  token(installationId: number, refresh: boolean): Promise<InstallationToken>;
  /** Where GitHub's API is (the app's octokit's base URL), handed to each job with it. */
  baseUrl(): Promise<string>;
  /** Resolves when the request may start, with the function that frees its slot (request-limiter.ts). */
  permit(installationId: number, method: string, url: string): Promise<() => void>;
  /** A request was answered (metrics). */
  answered(installationId: number, status: number, headers: Headers): void;
  /** The app's login and id, looked up once by the main thread. */
  identity(): Promise<AppIdentity>;
  /** Blob texts by SHA, shared by every thread of the process. */
  blobs: BlobCache;
  /** Each job's CPU-time and wall-clock limits and each thread's heap limit (job-budget.ts). */
  budget: JobBudget;
}

interface Running {
  job: JobDescriptor;
  log: Logger;
  /** With Redis: the job's claim on its lane; its requests get no permit once it no longer holds. */
  lease: Lease | undefined;
  resolve(outcome: JobOutcome): void;
  reject(error: Error): void;
}

/**
 * How to start a worker: the built JavaScript, or — when the app runs from TypeScript sources (tsx,
 * the tests) — the TypeScript entry through tsx's import API (`--import` hooks do not reach workers
 * on Node 20).
 */
function workerEntry(): { source: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts'))
    return { source: new URL('./worker-thread.js', import.meta.url), eval: false };
  const entry = new URL('./worker-thread.ts', import.meta.url).href;
  const tsxPackage = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = new URL('./dist/esm/api/index.mjs', tsxPackage).href;
  return {
    source: `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`,
    eval: true,
  };
}

class Thread {
  readonly worker: Worker;
  current: { id: number; running: Running; clock: JobClock } | undefined;
  /** Slots this thread's requests hold, by permit call: freed when answered, or when the thread dies. */
  private readonly permits = new Map<number, { installationId: number; release: () => void }>();
  private dead = false;
  /** It said it had loaded (a thread that dies before is a failure to start, not a job's crash). */
  loaded = false;
  /** Its task id, which its CPU time is read by (thread-cpu.ts); undefined where there is none. */
  private taskId: number | undefined;
  /**
   * Why the thread is being ended: its job's budget ran out (`JobStopped`, `JobOverdue`); the job
   * fails with this, once the thread is gone.
   */
  private stopped: Error | undefined;

  constructor(
    entry: { source: string | URL; eval: boolean },
    init: WorkerInit,
    private readonly deps: ThreadRunnerDeps,
    onReady: (thread: Thread) => void,
    onExit: (thread: Thread, error: Error) => void,
  ) {
    this.worker = new Worker(entry.source, {
      workerData: init,
      eval: entry.eval,
      // Past it V8 ends this thread alone (ERR_WORKER_OUT_OF_MEMORY), not the process and every other job.
      resourceLimits: { maxOldGenerationSizeMb: deps.budget.memoryMb },
    });
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        this.loaded = true;
        this.taskId = message.taskId;
        onReady(this);
      } else this.receive(message);
    });
    const exit = (error: Error) => {
      this.dead = true;
      this.releaseAll();
      onExit(this, this.stopped ?? error);
    };
    this.worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && this.current)
        this.stopped ??= new JobStopped({ kind: 'memory', megabytes: deps.budget.memoryMb });
      exit(error);
    });
    this.worker.on('exit', (code) => exit(new Error(`the worker thread exited (code ${code})`)));
  }

  /** The thread's CPU time (and time starved of a CPU) so far, or undefined where it cannot be read. */
  times(): TaskTimes | undefined {
    return this.taskId === undefined ? undefined : taskTimes(this.taskId);
  }

  /**
   * Ends the thread because job `id` went past its budget: its job fails with `reason` once the
   * thread has exited (so nothing the job still had in flight can land after its checks are marked).
   */
  stop(id: number, reason: Error): void {
    if (this.current?.id !== id || this.dead) return;
    this.stopped ??= reason;
    void this.worker.terminate();
  }

  private receive(message: Exclude<FromWorker, { type: 'ready' }>): void {
    switch (message.type) {
      case 'identity':
        return this.answer(message.call, this.deps.identity());
      case 'blob':
        return this.answer(message.call, this.cachedBlob(message.sha));
      case 'blob-fetched':
        this.deps.blobs.put(message.sha, message.text);
        return;
      case 'answered': {
        const permit = this.permits.get(message.call);
        this.permits.delete(message.call);
        permit?.release();
        if (permit) this.deps.answered(permit.installationId, message.status, message.headers);
        return;
      }
    }
    const current = this.current?.id === message.id ? this.current : undefined;
    if (!current) {
      // A call of a job that has ended: answer it, so nothing waits forever.
      if (message.type === 'token' || message.type === 'permit')
        this.send({
          type: 'answer',
          call: message.call,
          error: answerErrorOf(new Error('the job has ended')),
        });
      return;
    }
    const { running, clock } = current;
    const installationId = running.job.installationId;
    switch (message.type) {
      case 'token':
        return this.answer(message.call, this.deps.token(installationId, message.refresh));
      case 'permit':
        return this.answer(message.call, this.permit(message, running, clock));
      case 'log':
        running.log[message.level](message.details, message.message);
        return;
      case 'done':
        this.current = undefined;
        running.resolve(message.outcome);
        return;
      case 'failed':
        this.current = undefined;
        running.reject(jobErrorOf(message.error));
        return;
    }
  }

  /**
   * Resolves when the job's request may start (the process's throttle, and the job's lease), keeping
   * the function that frees its slot until the worker says it was answered.
   */
  private permit(
    message: Extract<FromWorker, { type: 'permit' }>,
    running: Running,
    clock: JobClock,
  ): Promise<true> {
    const installationId = running.job.installationId;
    // Waiting for the process's throttle does not count against the job's budget.
    clock.waitStarts();
    const granted = leased(running.lease, () =>
      this.deps.permit(installationId, message.method, message.url),
    );
    granted.then(
      () => clock.waitEnds(),
      () => clock.waitEnds(),
    );
    return granted.then((release) => {
      if (this.dead)
        release(); // nobody is left to make the request
      else this.permits.set(message.call, { installationId, release });
      return true;
    });
  }

  private async cachedBlob(sha: string): Promise<string | undefined> {
    return this.deps.blobs.peek(sha)?.catch(() => undefined);
  }

  private answer(call: number, value: Promise<unknown>): void {
    value.then(
      (v) => this.send({ type: 'answer', call, value: v }),
      (error: unknown) => this.send({ type: 'answer', call, error: answerErrorOf(error) }),
    );
  }

  private releaseAll(): void {
    for (const permit of this.permits.values()) permit.release();
    this.permits.clear();
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}

/** Threads cannot start (each died before it loaded, several in a row): jobs fail and are retried later. */
export class ThreadsUnavailable extends Error {
  override readonly name = 'ThreadsUnavailable';
  constructor(
    readonly failures: number,
    readonly lastError: Error,
  ) {
    super(`worker threads fail to start (${failures} in a row; the last: ${lastError.message})`);
  }
}

/** How a thread that died before it loaded is replaced: after a growing pause, and when to give up. */
export interface RestartPolicy {
  /** The pause after the first such death; it doubles with each one in a row, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Deaths in a row after which jobs are refused (with ThreadsUnavailable) until a thread loads. */
  refuseAfter: number;
}

const DEFAULT_RESTART: RestartPolicy = { firstDelayMs: 500, maxDelayMs: 60_000, refuseAfter: 5 };

export class ThreadRunner {
  private readonly threads: Thread[] = [];
  private readonly idle: Thread[] = [];
  private readonly waiting: { resolve(thread: Thread): void; reject(error: Error): void }[] = [];
  private readonly restarts = new Set<NodeJS.Timeout>();
  private nextId = 0;
  private closed = false;
  /** Threads that died before they loaded, in a row, and why the last one did. */
  private failedStarts = 0;
  private lastStartError: Error | undefined;

  /**
   * `entry` and `restart` are for tests (a worker that cannot start); the app uses the defaults.
   */
  constructor(
    private readonly size: number,
    private readonly deps: ThreadRunnerDeps,
    private readonly entry: { source: string | URL; eval: boolean } = workerEntry(),
    private readonly restart: RestartPolicy = DEFAULT_RESTART,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  async run(job: JobDescriptor, signal: AbortSignal, log: Logger, lease?: Lease): Promise<JobOutcome> {
    const baseUrl = await this.deps.baseUrl();
    const thread = await this.take();
    const id = ++this.nextId;
    // The budget runs from when a loaded thread takes the job: its thread's CPU time, and its wall
    // clock less its waits for the throttle (JobClock). An abort cannot stop a synchronous loop in
    // the thread, ending the thread can.
    const clock = new JobClock();
    const watch = watchBudget(
      this.deps.budget,
      clock,
      () => thread.times(),
      (reason) => thread.stop(id, reason),
    );
    try {
      return await new Promise<JobOutcome>((resolve, reject) => {
        thread.current = { id, running: { job, log, lease, resolve, reject }, clock };
        const abort = () => thread.send({ type: 'abort', id });
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
        thread.send({ type: 'run', id, job, baseUrl });
      });
    } finally {
      watch.end();
      if (this.threads.includes(thread)) this.give(thread);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    await Promise.allSettled(this.threads.map((t) => t.worker.terminate()));
  }

  /** A new thread; it takes jobs once it has loaded (a job's budget is not spent on the loading). */
  private spawn(): void {
    const thread = new Thread(
      this.entry,
      this.deps.init,
      this.deps,
      (ready) => {
        this.failedStarts = 0;
        if (this.threads.includes(ready)) this.give(ready);
      },
      (dead, error) => this.lost(dead, error),
    );
    this.threads.push(thread);
  }

  /**
   * A thread died — a crash, out of memory, or ended for its job's budget: its job fails (a crash is
   * retried, a `JobStopped` is not), a new thread takes its place.
   */
  private lost(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    const idleAt = this.idle.indexOf(thread);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    thread.current?.running.reject(error);
    thread.current = undefined;
    if (this.closed) return;
    if (thread.loaded) {
      this.spawn();
      return;
    }
    // It never loaded (a broken install, a memory limit too small to load in): starting the next at
    // once would spin; after a few, the jobs waiting fail instead of waiting for ever.
    this.failedStarts++;
    this.lastStartError = error;
    if (this.refusing()) for (const waiter of this.waiting.splice(0)) waiter.reject(this.refusal());
    const delay = Math.min(
      this.restart.maxDelayMs,
      this.restart.firstDelayMs * 2 ** Math.min(this.failedStarts - 1, 30),
    );
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closed) this.spawn();
    }, delay);
    this.restarts.add(timer);
  }

  private refusing(): boolean {
    return this.failedStarts >= this.restart.refuseAfter;
  }

  /** Why jobs are refused (threads fail to start, several in a row), or undefined when they are not. */
  unavailable(): ThreadsUnavailable | undefined {
    return this.refusing() ? this.refusal() : undefined;
  }

  private refusal(): ThreadsUnavailable {
    return new ThreadsUnavailable(this.failedStarts, this.lastStartError ?? new Error('unknown'));
  }

  private take(): Promise<Thread> {
    const thread = this.idle.pop();
    if (thread) return Promise.resolve(thread);
    if (this.refusing()) return Promise.reject(this.refusal());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private give(thread: Thread): void {
    const next = this.waiting.shift();
    if (next) next.resolve(thread);
    else this.idle.push(thread);
  }

  get threadCount(): number {
    return this.size;
  }
}
