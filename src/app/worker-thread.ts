/**
 * A worker thread's entry (threads.ts starts it): runs one job at a time with the app's default
 * settings, and makes the job's GitHub requests itself — with a token and a permit for each from the
 * main thread, which also keeps the process's blob cache (so a later push to a pull request fetches
 * only what changed, whichever thread reviews it).
 */
// First of all, before the rules and parsers load (seconds of CPU): this thread yields to the main one.
import { logText } from './log-text.js';
import './worker-priority.js';
import { parentPort, workerData } from 'node:worker_threads';
import { ProbotOctokit } from 'probot';
import { createSchemaValidator } from '../load/schema-validation.js';
import { ruleDocs } from '../review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import type { AppIdentity } from '../adapters/github/app-identity.js';
import type { Octokit } from '../adapters/github/client.js';
import type { BlobStore } from '../adapters/github/file-source.js';
import { SIGNOFF_CHECK_NAME } from './check-name.js';
import type { JobDescriptor, JobSettings, Logger } from './jobs.js';
import { runJob } from './run-job.js';
import { ownTaskId } from './thread-cpu.js';
import { waitAskedFor } from './retry-wait.js';
import type { FromWorker, InstallationToken, ToWorker, WorkerInit } from './thread-protocol.js';
import { answerErrorOf, rejectionOf } from './thread-protocol.js';

const port = parentPort!;

const init = workerData as WorkerInit;
const validator = createSchemaValidator();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
const aborts = new Map<number, AbortController>();
let nextCall = 0;

function send(message: FromWorker): void {
  port.postMessage(message);
}

/** Asks the main thread; resolves with its answer. */
function call<T>(message: (call: number) => FromWorker): Promise<T> {
  const id = ++nextCall;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    send(message(id));
  });
}

/** Errors and other objects that do not survive structured cloning, flattened for the main thread's log. */
function cloneable(details: object): object {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [
      k,
      v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : v,
    ]),
  );
}

function jobLog(id: number): Logger {
  const log =
    (level: 'info' | 'warn' | 'error') =>
    (details: object, message: string): void => {
      try {
        send({ type: 'log', id, level, details: cloneable(details), message });
      } catch {
        send({ type: 'log', id, level, details: {}, message });
      }
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** Tokens this thread holds, by installation: asked for again shortly before they expire. */
const tokens = new Map<number, { grant: Promise<InstallationToken>; refused: boolean }>();
const RENEW_BEFORE_MS = 5 * 60_000;

async function tokenFor(id: number, installationId: number): Promise<InstallationToken> {
  const held = tokens.get(installationId);
  // A grant still on its way is shared, its refusal too: the job's first requests start together, and
  // each asking again after a refusal cost GitHub a token request apiece (a failed grant is dropped
  // below, so a later request asks anew).
  const current = held && !held.refused ? await held.grant : undefined;
  if (current && current.expiresAt - Date.now() > RENEW_BEFORE_MS) return current;
  // The main thread renews a token close to its expiry; a refused one it must replace, not serve again.
  const refresh = held?.refused === true;
  const grant = call<InstallationToken>((c) => ({ type: 'token', call: c, id, refresh }));
  tokens.set(installationId, { grant, refused: false });
  grant.catch(() => {
    if (tokens.get(installationId)?.grant === grant) tokens.delete(installationId);
  });
  return grant;
}

/**
 * The job's octokit: Probot's (its retries of server errors, pagination, REST methods), with the
 * installation's token, each request started only with the main thread's permit (its throttling is
 * the main thread's) and reported when answered (metrics, and the permit's slot is freed). The token
 * is asked for by the first request, as an installation's octokit does in process: a refusal is then
 * the job's failure, typed (`rejectionOf`), which its boundary writes on its check, and does not
 * retry when GitHub refused for good (an uninstalled app: job-errors.ts) — asked for before the job,
 * it escaped the boundary as a plain error, and the queue asked again on each attempt.
 */
function octokitFor(id: number, job: JobDescriptor, baseUrl: string, log: Logger): Octokit {
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let permit = 0;
    await call((c) => {
      permit = c;
      return { type: 'permit', call: c, id, method: init?.method ?? 'GET', url };
    });
    let status = 0;
    let remaining: string | undefined;
    try {
      const response = await globalThis.fetch(input, init);
      status = response.status;
      remaining = response.headers.get('x-ratelimit-remaining') ?? undefined;
      return response;
    } finally {
      send({ type: 'answered', call: permit, status, headers: { 'x-ratelimit-remaining': remaining } });
    }
  };
  const octokit = new ProbotOctokit({
    baseUrl,
    request: { fetch },
    throttle: { enabled: false },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log.warn({}, logText(message)),
      error: (message: string) => log.error({}, logText(message)),
    },
  }) as unknown as Octokit;
  octokit.hook.before('request', async (options) => {
    options.headers.authorization = `token ${(await tokenFor(id, job.installationId)).token}`;
  });
  octokit.hook.error('request', (error) => {
    // GitHub refused the token (expired, revoked, or the installation's permissions changed): a new
    // one is asked for at once, so that the main thread hands it, not the refused one, to whichever
    // thread runs the job again (worthRetryingSoon) — not only to this one.
    const held = tokens.get(job.installationId);
    if ((error as { status?: number }).status === 401 && held && !held.refused) {
      held.refused = true;
      void tokenFor(id, job.installationId).catch(() => {});
    }
    throw error;
  });
  return octokit;
}

/**
 * The process's blob cache, kept by the main thread: a blob another thread (or an earlier job) read
 * comes from there; one fetched here goes there. Blobs on their way in this thread are shared by its
 * readers (a review's base and head).
 */
class SharedBlobs implements BlobStore {
  private readonly inFlight = new Map<string, Promise<string>>();

  get(sha: string, fetch: () => Promise<string>): Promise<string> {
    let text = this.inFlight.get(sha);
    if (!text) {
      text = this.lookUp(sha, fetch);
      this.inFlight.set(sha, text);
      const done = () => this.inFlight.delete(sha);
      text.then(done, done);
    }
    return text;
  }

  private async lookUp(sha: string, fetch: () => Promise<string>): Promise<string> {
    const cached = await call<string | undefined>((c) => ({ type: 'blob', call: c, sha }));
    if (cached !== undefined) return cached;
    const text = await fetch();
    send({ type: 'blob-fetched', sha, text });
    return text;
  }
}

const ruleSet = RULE_SET;
const identity = () => call<AppIdentity>((c) => ({ type: 'identity', call: c }));
const blobs = new SharedBlobs();
const settings: JobSettings = {
  review: {
    checkName: init.checkName,
    ruleSet,
    validator,
    docs: ruleDocs(ruleSet, init.docsUrl ? { docsUrl: init.docsUrl } : {}),
    blobs,
    appId: async () => (await identity()).appId,
    botLogin: async () => (await identity()).login,
    retriedByQueue: true,
  },
  signoff: init.signoff
    ? {
        checkName: SIGNOFF_CHECK_NAME,
        reviewCheckName: init.checkName,
        validator,
        botLogin: async () => (await identity()).login,
        appId: async () => (await identity()).appId,
        blobs,
      }
    : undefined,
};

async function run(id: number, job: JobDescriptor, baseUrl: string, signal: AbortSignal): Promise<void> {
  const log = jobLog(id);
  try {
    const outcome = await runJob(job, octokitFor(id, job, baseUrl, log), settings, signal, log);
    send({ type: 'done', id, outcome });
  } catch (error) {
    const waitAskedForMs = waitAskedFor(error);
    send({
      type: 'failed',
      id,
      error: {
        ...answerErrorOf(error),
        ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
        ...(waitAskedForMs ? { waitAskedForMs } : {}),
      },
    });
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'run': {
      const controller = new AbortController();
      aborts.set(message.id, controller);
      void run(message.id, message.job, message.baseUrl, controller.signal).finally(() =>
        aborts.delete(message.id),
      );
      return;
    }
    case 'abort':
      aborts.get(message.id)?.abort();
      return;
    case 'answer': {
      const waiter = pending.get(message.call);
      pending.delete(message.call);
      if (message.error === undefined) waiter?.resolve(message.value);
      else waiter?.reject(rejectionOf(message.error));
      return;
    }
  }
});

// The contract parsers load when first needed (the CLI may need neither): here, before the first job,
// whose budget would otherwise pay seconds of CPU for them. Should they fail to load, the thread dies
// before it said it had loaded: a failure to start (threads.ts), not a job's.
await validator.contracts.prepare();
// Loaded (rules, parsers, schemas): the main thread may hand this thread a job, and start its budget.
// Its task id lets the main thread read its CPU time (thread-cpu.ts): a job's budget counts that.
send({ type: 'ready', taskId: ownTaskId() });
