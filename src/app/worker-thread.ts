/**
 * A worker thread's entry (threads.ts starts it): runs one job at a time with the app's default
 * settings and an octokit whose requests the main thread carries out. Its blob cache lives as long
 * as the thread, so later pushes to a pull request fetch only what changed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProbotOctokit } from 'probot';
import { createSchemaValidator } from '../load/schema-validation.js';
import { ruleDocs } from '../review/rule-docs.js';
import { CHECK_NAME as SIGNOFF_CHECK_NAME } from '../signoff/render.js';
import { RULE_SET } from '../../rules/index.js';
import type { AppIdentity } from '../adapters/github/app-identity.js';
import type { Octokit } from '../adapters/github/client.js';
import { BlobCache } from '../adapters/github/file-source.js';
import type { JobSettings, Logger } from './jobs.js';
import { runJob } from './jobs.js';
import type { ForwardedResponse, FromWorker, ToWorker, WorkerInit } from './threads.js';
import { WORKER_BASE_URL } from './threads.js';

const port = parentPort!;
const init = workerData as WorkerInit;
const validator = createSchemaValidator();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
const aborts = new Map<number, AbortController>();
let nextCall = 0;

function send(message: FromWorker): void {
  port.postMessage(message);
}

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

function octokitFor(id: number): Octokit {
  const fetch = async (url: string | URL, options: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(options.headers).entries());
    const response = await call<ForwardedResponse>((c) => ({
      type: 'request',
      id,
      call: c,
      request: {
        method: options.method ?? 'GET',
        url: String(url),
        headers,
        ...(typeof options.body === 'string' ? { body: options.body } : {}),
      },
    }));
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
  };
  return new ProbotOctokit({
    baseUrl: WORKER_BASE_URL,
    request: { fetch },
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as unknown as Octokit;
}

const ruleSet = RULE_SET;
const identity = () => call<AppIdentity>((c) => ({ type: 'identity', call: c }));
const settings: JobSettings = {
  review: {
    checkName: init.checkName,
    ruleSet,
    validator,
    docs: ruleDocs(ruleSet, init.docsUrl ? { docsUrl: init.docsUrl } : {}),
    blobs: new BlobCache(),
    appId: async () => (await identity()).appId,
  },
  signoff: init.signoff
    ? {
        checkName: SIGNOFF_CHECK_NAME,
        reviewCheckName: init.checkName,
        validator,
        botLogin: async () => (await identity()).login,
        appId: async () => (await identity()).appId,
      }
    : undefined,
};

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'run': {
      const controller = new AbortController();
      aborts.set(message.id, controller);
      const log = jobLog(message.id);
      runJob(message.job, octokitFor(message.id), settings, controller.signal, log)
        .then(
          (outcome) => send({ type: 'done', id: message.id, outcome }),
          (error: unknown) => {
            const e = error instanceof Error ? error : new Error(String(error));
            send({
              type: 'failed',
              id: message.id,
              error: { name: e.name, message: e.message, stack: e.stack },
            });
          },
        )
        .finally(() => aborts.delete(message.id));
      return;
    }
    case 'abort':
      aborts.get(message.id)?.abort();
      return;
    case 'response': {
      const waiter = pending.get(message.call);
      pending.delete(message.call);
      if (message.response) waiter?.resolve(message.response);
      else waiter?.reject(new TypeError(`fetch failed: ${message.error ?? 'unknown error'}`));
      return;
    }
    case 'identity': {
      const waiter = pending.get(message.call);
      pending.delete(message.call);
      if (message.identity !== undefined) waiter?.resolve(message.identity);
      else waiter?.reject(new Error(message.error ?? 'could not look up the app'));
      return;
    }
  }
});
