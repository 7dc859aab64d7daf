/**
 * The messages between the main thread and a job's worker thread (threads.ts, worker-thread.ts): the
 * main thread sends jobs and aborts and answers calls; a worker asks (a call, answered by number)
 * for what only the main thread holds — installation tokens, request permits, the app's identity,
 * cached blobs — and reports its log lines and its job's outcome.
 */
import type { GitHubFailure } from '../adapters/github/client.js';
import { GitHubError } from '../adapters/github/client.js';
import type { JobDescriptor, JobOutcome } from './jobs.js';
import type { Headers } from './metrics.js';
import { LeaseLost } from './queue.js';

/** What a worker needs to build its settings (everything else is the defaults of the app). */
export interface WorkerInit {
  checkName: string;
  docsUrl?: string;
  signoff: boolean;
}

/** What a worker's requests for an installation authenticate with. */
export interface InstallationToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type ToWorker =
  /**
   * `baseUrl`: where GitHub's API is (`https://api.github.com`, or a GitHub Enterprise Server's
   * `…/api/v3`), so that the job's octokit is built without a token: the token is asked for by the
   * job's first request, inside the job's boundary, which judges a refusal as it does in process.
   */
  | { type: 'run'; id: number; job: JobDescriptor; baseUrl: string }
  | { type: 'abort'; id: number }
  /** The answer to a worker's call: a value, or the error (its name keeps its type across threads). */
  | { type: 'answer'; call: number; value?: unknown; error?: AnswerError };

/**
 * An error as it crosses between threads (structured cloning keeps no class): its name and message,
 * and GitHub's failure when it is a `GitHubError`, so the other side judges it by its type.
 */
export interface AnswerError {
  name: string;
  message: string;
  failure?: GitHubFailure;
}

/** An error the main thread threw for a worker's call, as it is sent. */
export function answerErrorOf(error: unknown): AnswerError {
  if (error instanceof GitHubError)
    return { name: error.name, message: error.message, failure: error.failure };
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/**
 * The error an error that crossed is again: a lost lease stays a `LeaseLost` (not retried), GitHub's
 * failure a `GitHubError` — a refused installation token, for one, which the job's boundary and the
 * queue do not retry when GitHub refused it for good (job-errors.ts).
 */
export function rejectionOf(error: AnswerError): Error {
  if (error.failure) return new GitHubError(error.failure);
  if (error.name === 'LeaseLost') return new LeaseLost();
  // Any other keeps its name for the log (e.g. `CheckNotWritten`), not its class: none is judged by it.
  return Object.assign(new Error(error.message), { name: error.name });
}

/** What a worker asks (each answered by an `answer` with its number) and reports. */
export type FromWorker =
  /** The thread has loaded its rules and parsers: it may take a job (its budget starts with the job). */
  | { type: 'ready'; taskId: number | undefined }
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
  | { type: 'failed'; id: number; error: JobError };

/** A job's error as it crosses to the main thread, with its stack for the log. */
export interface JobError extends AnswerError {
  stack?: string;
  waitAskedForMs?: number;
}

/** The error a job that crossed failed with, as the queue judges it (`rejectionOf`, with its stack and wait). */
export function jobErrorOf(error: JobError): Error {
  const { stack, waitAskedForMs } = error;
  return Object.assign(rejectionOf(error), {
    ...(stack !== undefined ? { stack } : {}),
    ...(waitAskedForMs !== undefined ? { waitAskedForMs } : {}),
  });
}
