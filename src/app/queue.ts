/**
 * The in-process review queue. Webhooks are answered at once (GitHub waits 10 s and does not retry
 * by itself) and reviews run here: at most `concurrency` at a time, one at a time per pull request,
 * the latest head SHA winning — a queued run for an older head is replaced, a running one is told
 * to stop through its AbortSignal, and a redelivered event for the same SHA is dropped.
 */

export interface Job {
  /** The pull request, e.g. `owner/repo#12`: jobs with the same key never run concurrently. */
  key: string;
  sha: string;
  /** A re-run request: runs even when a run for the same SHA is queued or running. */
  force: boolean;
  run(signal: AbortSignal): Promise<void>;
}

export type Enqueued = 'queued' | 'duplicate' | 'replaced-queued';

export interface QueueLog {
  error(details: object, message: string): void;
}

export class ReviewQueue {
  private readonly waiting = new Map<string, Job>();
  private readonly running = new Map<string, { job: Job; controller: AbortController }>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly log: QueueLog,
  ) {}

  enqueue(job: Job): Enqueued {
    const active = this.running.get(job.key);
    const queued = this.waiting.get(job.key);
    const activeSha = active && !active.controller.signal.aborted ? active.job.sha : undefined;
    if (!job.force && (queued?.sha === job.sha || activeSha === job.sha)) return 'duplicate';
    // A newer head makes the running review pointless: it stops at its next checkpoint.
    if (active && active.job.sha !== job.sha) active.controller.abort();
    // Map order is insertion order: a replaced job keeps its place in the line.
    this.waiting.set(job.key, job);
    this.pump();
    return queued ? 'replaced-queued' : 'queued';
  }

  /** Resolves when nothing is running or waiting (tests and graceful shutdown). */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running.size, waiting: this.waiting.size };
  }

  private pump(): void {
    for (const [key, job] of this.waiting) {
      if (this.running.size >= this.concurrency) break;
      if (this.running.has(key)) continue;
      this.waiting.delete(key);
      const controller = new AbortController();
      this.running.set(key, { job, controller });
      job
        .run(controller.signal)
        .catch((error: unknown) => this.log.error({ err: error, key, sha: job.sha }, 'review job failed'))
        .finally(() => {
          this.running.delete(key);
          this.pump();
          if (this.running.size === 0 && this.waiting.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
