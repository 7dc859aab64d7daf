/**
 * The messages between the main thread and a job's worker thread (threads.ts, worker-thread.ts): the
 * main thread sends jobs and aborts and answers calls; a worker asks (a call, answered by number)
 * for what only the main thread holds — installation tokens, request permits, the app's identity,
 * cached blobs — and reports its log lines and its job's outcome.
 */
import type { JobDescriptor, JobOutcome } from './jobs.js';
import type { Headers } from './metrics.js';
import { LeaseLost } from './queue.js';

/** What a worker needs to build its settings (everything else is the defaults of the app). */
export interface WorkerInit {
  checkName: string;
  docsUrl?: string;
  signoff: boolean;
}

/** What a worker's requests for an installation authenticate with, and where GitHub's API is. */
export interface InstallationToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** `https://api.github.com`, or a GitHub Enterprise Server's `…/api/v3`. */
  baseUrl: string;
}

export type ToWorker =
  | { type: 'run'; id: number; job: JobDescriptor }
  | { type: 'abort'; id: number }
  /** The answer to a worker's call: a value, or the error (its name keeps its type across threads). */
  | { type: 'answer'; call: number; value?: unknown; error?: AnswerError };

/** An error thrown by the main thread for a worker's call, as it crosses to the worker. */
export interface AnswerError {
  name: string;
  message: string;
}

/** An error the main thread threw for a worker's call, as it is sent: its name and message. */
export function answerErrorOf(error: unknown): AnswerError {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/** The error a worker's call rejects with: a lost lease stays a `LeaseLost`, so it is not retried. */
export function rejectionOf(error: AnswerError): Error {
  return error.name === 'LeaseLost' ? new LeaseLost() : new Error(error.message);
}

/** What a worker asks (each answered by an `answer` with its number) and reports. */
export type FromWorker =
  /** The thread has loaded its rules and parsers: it may take a job (its budget starts with the job). */
  | { type: 'ready' }
  | { type: 'identity'; call: number }
  /** A token for the job's installation; `refresh` after GitHub refused the last one. */
  | { type: 'token'; call: number; id: number; refresh: boolean }
  /** May the job's request start? The answer comes when it may. */
  | { type: 'permit'; call: number; id: number; method: string; url: string }
  /** The request of permit `call` was answered (status 0: no answer): the slot is free again. */
  | { type: 'answered'; call: number; status: number; headers: Headers }
  /** A blob's text from the process's cache (answered with undefined when it is not there). */
  | { type: 'blob'; call: number; sha: string }
  | { type: 'blob-fetched'; sha: string; text: string }
  | { type: 'log'; id: number; level: 'info' | 'warn' | 'error'; details: object; message: string }
  | { type: 'done'; id: number; outcome: JobOutcome }
  /** `waitAskedForMs`: the wait a rate limit asked for (retry-wait.ts), which the queue honours. */
  | {
      type: 'failed';
      id: number;
      error: { name: string; message: string; stack?: string; waitAskedForMs?: number };
    };
