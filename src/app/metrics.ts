/**
 * The app's Prometheus metrics (prom-client), one registry per app instance: queue depth and age
 * (read from the queue when scraped: with Redis every replica reports the same shared queue), jobs by
 * outcome, review duration, GitHub API calls and the rate limit left, by installation.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobDescriptor } from './jobs.js';
import type { JobQueue, JobResult } from './queue.js';
import { JobStopped } from './job-budget.js';

export interface Headers {
  [name: string]: string | number | undefined;
}

export class AppMetrics {
  readonly registry = new Registry();
  private readonly reviews: Counter<'outcome'>;
  private readonly signoffs: Counter<'outcome'>;
  private readonly jobs: Counter<'kind' | 'result'>;
  private readonly enqueued: Counter<'kind' | 'state'>;
  private readonly reviewSeconds: Histogram;
  private readonly apiCalls: Counter<'installation' | 'status'>;
  private readonly rateLimit: Gauge<'installation'>;

  constructor(queue: () => JobQueue | undefined) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'blueprint_review_process_' });
    registerQueueGauges(registers, queue);
    this.reviews = new Counter({
      name: 'blueprint_review_reviews_total',
      help: 'Reviews by outcome: success, failure (findings), failed (could not finish), superseded, already-reviewed, skipped.',
      labelNames: ['outcome'],
      registers,
    });
    this.signoffs = new Counter({
      name: 'blueprint_review_signoffs_total',
      help: 'Sign-off evaluations by outcome: the check conclusion, failed, not-open or superseded.',
      labelNames: ['outcome'],
      registers,
    });
    this.jobs = new Counter({
      name: 'blueprint_review_jobs_total',
      help: 'Jobs ended in this replica: done, skipped (a newer head), failed (gave up after retries), stopped (past its time or memory budget).',
      labelNames: ['kind', 'result'],
      registers,
    });
    this.enqueued = new Counter({
      name: 'blueprint_review_jobs_enqueued_total',
      help: 'Job requests from webhooks: queued, duplicate (redelivery or already queued), or refused (queue unreachable).',
      labelNames: ['kind', 'state'],
      registers,
    });
    this.reviewSeconds = new Histogram({
      name: 'blueprint_review_review_duration_seconds',
      help: 'Time a review job runs, start to completed check.',
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
      registers,
    });
    this.apiCalls = new Counter({
      name: 'blueprint_review_github_api_calls_total',
      help: 'GitHub API requests by installation and status class.',
      labelNames: ['installation', 'status'],
      registers,
    });
    this.rateLimit = new Gauge({
      name: 'blueprint_review_github_rate_limit_remaining',
      help: 'Requests left in the primary rate limit window, by installation (last response seen).',
      labelNames: ['installation'],
      registers,
    });
  }

  enqueuedJob(job: JobDescriptor, state: 'queued' | 'duplicate' | 'refused'): void {
    this.enqueued.inc({ kind: job.kind, state });
  }

  jobEnded(job: JobDescriptor, result: JobResult): void {
    // A job stopped by its budget is its own result: operators alert on it (a hostile or pathological pull request).
    const stopped = result.kind === 'failed' && result.error instanceof JobStopped;
    this.jobs.inc({ kind: job.kind, result: stopped ? 'stopped' : result.kind });
    if (result.kind === 'skipped') this.reviews.inc({ outcome: 'skipped' });
    if (result.kind !== 'done') return;
    const { review, signoff } = result.outcome;
    if (review) {
      this.reviews.inc({
        outcome: review.kind === 'completed' ? (review.conclusion ?? 'completed') : review.kind,
      });
      this.reviewSeconds.observe(review.seconds);
    }
    if (signoff)
      this.signoffs.inc({
        outcome: signoff.kind === 'evaluated' ? (signoff.state ?? 'evaluated') : signoff.kind,
      });
  }

  githubResponse(installationId: number, status: number, headers: Headers | undefined): void {
    const installation = String(installationId);
    this.apiCalls.inc({ installation, status: `${Math.floor(status / 100)}xx` });
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    if (headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining))
      this.rateLimit.set({ installation }, remaining);
  }
}

/**
 * The queue's state, read when scraped (with Redis: the shared queue, the same on every replica). A
 * queue that does not answer gives no figure rather than a wrong one.
 */
function registerQueueGauges(registers: Registry[], queue: () => JobQueue | undefined): void {
  const stats = () =>
    queue()
      ?.stats()
      .catch(() => undefined);
  new Gauge({
    name: 'blueprint_review_queue_jobs',
    help: 'Jobs in the queue by state (with Redis: the shared queue, the same on every replica).',
    labelNames: ['state'],
    registers,
    async collect() {
      const now = await stats();
      if (!now) return;
      for (const state of ['waiting', 'running', 'delayed'] as const) this.set({ state }, now[state]);
    },
  });
  new Gauge({
    name: 'blueprint_review_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job not yet started.',
    registers,
    async collect() {
      const now = await stats();
      if (now) this.set(now.oldestWaitingSeconds);
    },
  });
}
