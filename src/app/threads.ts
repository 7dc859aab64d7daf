/**
 * Jobs off the main thread. Reviews are CPU-heavy (parsing, validating and diffing contracts); run on
 * the main thread they stall the webhook server (`/ping` p95 0.8 s under a burst). Here each job runs
 * in a worker thread (worker-thread.ts) while every GitHub request it makes is carried out by the
 * main thread's octokit for the job's installation: one token cache, one throttle per installation
 * (clustered through Redis when configured), the same retries and metrics as jobs run in process.
 * A worker sends requests and log lines up and gets responses back; the main thread sends jobs,
 * aborts and responses down (protocol below).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppIdentity } from '../adapters/github/app-identity.js';
import type { Octokit } from '../adapters/github/client.js';
import type { JobDescriptor, JobOutcome, Logger } from './jobs.js';

/** What a worker needs to build its settings (everything else is the defaults of the app). */
export interface WorkerInit {
  checkName: string;
  docsUrl?: string;
  signoff: boolean;
}

export interface ForwardedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ForwardedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ToWorker =
  | { type: 'run'; id: number; job: JobDescriptor }
  | { type: 'abort'; id: number }
  | { type: 'response'; call: number; response?: ForwardedResponse; error?: string }
  | { type: 'identity'; call: number; identity?: AppIdentity; error?: string };

export type FromWorker =
  | { type: 'request'; id: number; call: number; request: ForwardedRequest }
  | { type: 'identity'; call: number }
  | { type: 'log'; id: number; level: 'info' | 'warn' | 'error'; details: object; message: string }
  | { type: 'done'; id: number; outcome: JobOutcome }
  | { type: 'failed'; id: number; error: { name: string; message: string; stack?: string } };

export interface ThreadRunnerDeps {
  init: WorkerInit;
  /** The octokit a job's requests go through (already instrumented for metrics). */
  octokit(installationId: number): Promise<Octokit>;
  /** The app's login and id, looked up once by the main thread. */
  identity(): Promise<AppIdentity>;
}

interface Running {
  job: JobDescriptor;
  log: Logger;
  octokit: Promise<Octokit>;
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
  current: { id: number; running: Running } | undefined;

  constructor(
    entry: { source: string | URL; eval: boolean },
    init: WorkerInit,
    private readonly deps: ThreadRunnerDeps,
    onExit: (thread: Thread, error: Error) => void,
  ) {
    this.worker = new Worker(entry.source, { workerData: init, eval: entry.eval });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => onExit(this, error));
    this.worker.on('exit', (code) => onExit(this, new Error(`the worker thread exited (code ${code})`)));
  }

  private receive(message: FromWorker): void {
    if (message.type === 'identity') {
      void this.deps.identity().then(
        (identity) => this.send({ type: 'identity', call: message.call, identity }),
        (error: unknown) => this.send({ type: 'identity', call: message.call, error: String(error) }),
      );
      return;
    }
    const running = this.current?.id === message.id ? this.current.running : undefined;
    if (!running) return;
    switch (message.type) {
      case 'request':
        void running.octokit
          .then((octokit) => forward(octokit, message.request))
          .then(
            (response) => this.send({ type: 'response', call: message.call, response }),
            (error: unknown) => this.send({ type: 'response', call: message.call, error: String(error) }),
          );
        return;
      case 'log':
        running.log[message.level](message.details, message.message);
        return;
      case 'done':
        this.current = undefined;
        running.resolve(message.outcome);
        return;
      case 'failed':
        this.current = undefined;
        running.reject(Object.assign(new Error(message.error.message), message.error));
        return;
    }
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}

export class ThreadRunner {
  private readonly threads: Thread[] = [];
  private readonly idle: Thread[] = [];
  private readonly waiting: ((thread: Thread) => void)[] = [];
  private readonly entry = workerEntry();
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly deps: ThreadRunnerDeps,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  async run(job: JobDescriptor, signal: AbortSignal, log: Logger): Promise<JobOutcome> {
    const thread = await this.take();
    const id = ++this.nextId;
    try {
      return await new Promise<JobOutcome>((resolve, reject) => {
        const octokit = this.deps.octokit(job.installationId);
        octokit.catch(() => {}); // its failure reaches the job through its first request
        thread.current = { id, running: { job, log, octokit, resolve, reject } };
        const abort = () => thread.send({ type: 'abort', id });
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
        thread.send({ type: 'run', id, job });
      });
    } finally {
      if (this.threads.includes(thread)) this.give(thread);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.threads.map((t) => t.worker.terminate()));
  }

  private spawn(): void {
    const thread = new Thread(this.entry, this.deps.init, this.deps, (dead, error) => this.lost(dead, error));
    this.threads.push(thread);
    this.give(thread);
  }

  /** A thread died (a crash, or out of memory): its job fails (and is retried), a new thread takes its place. */
  private lost(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    const idleAt = this.idle.indexOf(thread);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    thread.current?.running.reject(error);
    thread.current = undefined;
    if (!this.closed) this.spawn();
  }

  private take(): Promise<Thread> {
    const thread = this.idle.pop();
    if (thread) return Promise.resolve(thread);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(thread: Thread): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  get threadCount(): number {
    return this.size;
  }
}

/** The base URL of a worker's octokit; the main thread maps it to the real one (GitHub or GHE). */
export const WORKER_BASE_URL = 'https://api.github.com';

const DROPPED_HEADERS = new Set(['authorization', 'user-agent', 'content-length', 'host']);

/** Carries out a worker's request with the job's octokit, and hands back the raw response. */
export async function forward(octokit: Octokit, request: ForwardedRequest): Promise<ForwardedResponse> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase())),
  );
  try {
    const response = await octokit.request({
      method: request.method,
      url: mainUrl(octokit, request.url),
      headers,
      ...(request.body !== undefined ? { data: request.body } : {}),
      // The bytes go to the worker as they came: parsing is the worker's job.
      request: { parseSuccessResponseBody: false },
    });
    const body =
      response.data == null ? '' : await new Response(response.data as unknown as ReadableStream).text();
    return { status: response.status, headers: stringHeaders(response.headers), body };
  } catch (error) {
    const failure = error as { status?: number; response?: { headers?: object; data?: unknown } };
    if (typeof failure.status !== 'number' || !failure.response) throw error;
    const data = failure.response.data;
    return {
      status: failure.status,
      headers: stringHeaders(failure.response.headers ?? {}),
      body: typeof data === 'string' ? data : JSON.stringify(data ?? {}),
    };
  }
}

/** A worker's URL for the main octokit: paths under its base, GraphQL where GitHub (or GHE) has it. */
function mainUrl(octokit: Octokit, url: string): string {
  if (!url.startsWith(WORKER_BASE_URL)) return url; // absolute links (pagination) already point at the real host
  const path = url.slice(WORKER_BASE_URL.length);
  if (path !== '/graphql') return path;
  const base = octokit.request.endpoint.DEFAULTS.baseUrl;
  return `${base.replace(/\/api\/v3\/?$/, '/api')}/graphql`;
}

function stringHeaders(headers: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
}
