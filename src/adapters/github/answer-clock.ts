/**
 * GitHub's clock, as its answers state it: the `Date` header of every answer an octokit gets, errors
 * (a rate limit, a server error) included. The marks of a job given up record the latest one of their
 * first try, and a later try compares it with GitHub's `completed_at` of a verdict (`completedAfter`):
 * GitHub's time against GitHub's, never this host's clock against GitHub's — a replica's clock may be
 * off by minutes, and would make a newer verdict look older (or the reverse).
 */
import type { Octokit } from './client.js';

interface Answered {
  headers?: Record<string, unknown>;
}

export class AnswerClock {
  private latest: number | undefined;

  /** Reads the `Date` of every answer `octokit` gets from now on. */
  constructor(octokit: Octokit) {
    const hook = (octokit as Partial<Octokit>).hook;
    if (typeof hook?.after !== 'function') return;
    hook.after('request', (response) => this.saw((response as Answered).headers));
    hook.error('request', (error) => {
      this.saw((error as { response?: Answered }).response?.headers);
      throw error;
    });
  }

  /** The latest time an answer stated (ISO 8601, to the second as `Date` gives it); undefined before any. */
  get latestAnswer(): string | undefined {
    return this.latest === undefined ? undefined : new Date(this.latest).toISOString();
  }

  private saw(headers: Record<string, unknown> | undefined): void {
    const date = headers?.['date'];
    const time = typeof date === 'string' ? Date.parse(date) : NaN;
    if (Number.isFinite(time) && (this.latest === undefined || time > this.latest)) this.latest = time;
  }
}
