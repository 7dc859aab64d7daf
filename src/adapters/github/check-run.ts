/**
 * A check run on a head SHA, created `in_progress` when work starts and completed exactly once with
 * a conclusion. Annotations go in batches of 50 (GitHub's per-request limit): all but the last while
 * the run is still in progress, the last with the completion. Reusable for any check the app owns
 * (the review, and the sign-off gate) by name.
 */
import type { Annotation, CheckRunOutput } from '../../review/render/check-run.js';
import { annotationBatches, CHECK_SUMMARY_LIMIT, truncate } from '../../review/render/check-run.js';
import type { GitHubClient } from './client.js';

export interface ExistingCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
}

export type Conclusion = 'success' | 'failure' | 'cancelled' | 'action_required' | 'neutral';

export interface CheckOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations?: Annotation[];
}

export class CheckRun {
  constructor(
    private readonly client: GitHubClient,
    readonly name: string,
    readonly headSha: string,
    private id: number | undefined = undefined,
  ) {}

  get checkRunId(): number | undefined {
    return this.id;
  }

  /** The latest run of this check on the head SHA, if the app created one before. */
  async findExisting(): Promise<ExistingCheckRun | undefined> {
    const { owner, repo } = this.client;
    const { data } = await this.client.call(
      `GET /repos/${owner}/${repo}/commits/${this.headSha.slice(0, 7)}/check-runs`,
      () =>
        this.client.octokit.rest.checks.listForRef({
          owner,
          repo,
          ref: this.headSha,
          check_name: this.name,
          filter: 'latest',
          per_page: 1,
        }),
    );
    const run = data.check_runs[0];
    return run ? { id: run.id, status: run.status, conclusion: run.conclusion } : undefined;
  }

  /** Adopts an existing run (a redelivery while it was in progress) instead of creating a second. */
  adopt(id: number): void {
    this.id = id;
  }

  async start(summary: string): Promise<void> {
    const { owner, repo } = this.client;
    const { data } = await this.client.call(`POST /repos/${owner}/${repo}/check-runs`, () =>
      this.client.octokit.rest.checks.create({
        owner,
        repo,
        name: this.name,
        head_sha: this.headSha,
        status: 'in_progress',
        output: { title: 'Reviewing…', summary },
      }),
    );
    this.id = data.id;
  }

  /** Completes the run (creating it first if `start` never ran, e.g. when start itself failed). */
  async complete(output: CheckOutput): Promise<void> {
    const summary = truncate(output.summary, CHECK_SUMMARY_LIMIT);
    const batches = annotationBatches(output.annotations ?? []);
    const last = batches.pop() ?? [];
    if (this.id === undefined && batches.length > 0) await this.start(summary);
    for (const batch of batches)
      await this.update({ output: { title: output.title, summary, annotations: batch } });
    const completion = {
      status: 'completed' as const,
      conclusion: output.conclusion,
      completed_at: new Date().toISOString(),
      output: { title: output.title, summary, ...(last.length > 0 ? { annotations: last } : {}) },
    };
    if (this.id === undefined) await this.create(completion);
    else await this.update(completion);
  }

  private async create(fields: Record<string, unknown>): Promise<void> {
    const { owner, repo } = this.client;
    const { data } = await this.client.call(`POST /repos/${owner}/${repo}/check-runs`, () =>
      this.client.octokit.rest.checks.create({
        owner,
        repo,
        name: this.name,
        head_sha: this.headSha,
        ...fields,
      }),
    );
    this.id = data.id;
  }

  private async update(fields: Record<string, unknown>): Promise<void> {
    const { owner, repo } = this.client;
    const id = this.id!;
    await this.client.call(`PATCH /repos/${owner}/${repo}/check-runs/${id}`, () =>
      this.client.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...fields }),
    );
  }
}

export type { CheckRunOutput };
