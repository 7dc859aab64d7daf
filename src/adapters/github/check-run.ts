/**
 * A check run on a head SHA, created `in_progress` when work starts and completed exactly once with
 * a conclusion. Annotations go in batches of 50 (GitHub's per-request limit): all but the last while
 * the run is still in progress, the last with the completion. Reusable for any check the app owns
 * (the review, and the sign-off gate) by name.
 */
import type { Annotation, CheckRunOutput } from '../../review/render/check-run.js';
import { annotationBatches, CHECK_SUMMARY_LIMIT, truncate } from '../../review/render/check-run.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './client.js';
import { array, ignored, integer, nullable, object, optional, string } from './shapes.js';
import type { ShapeOf } from './shapes.js';

export interface ExistingCheckRun {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  /**
   * When it completed, by GitHub's clock (the app leaves `completed_at` to GitHub: `complete`); null
   * while in progress, or when GitHub did not say.
   */
  completedAt: string | null;
  /** The app's own record on the run (the sign-off gate keeps who pushed the commit there). */
  externalId: string | null;
  /**
   * What the run shows now; `annotationsCount`, the annotations it holds (0 when GitHub did not say):
   * GitHub appends each write's annotations to those, never replaces them.
   */
  output: { title: string | null; summary: string | null; text: string | null; annotationsCount: number };
}

/** GitHub's check-run object, as far as it is read here. */
const CHECK_RUN = object({
  id: integer,
  name: string,
  status: string,
  conclusion: nullable(string),
  completed_at: optional(nullable(string)),
  external_id: optional(nullable(string)),
  app: optional(nullable(object({ id: optional(integer) }))),
  output: optional(
    nullable(
      object({
        title: optional(nullable(string)),
        summary: optional(nullable(string)),
        text: optional(nullable(string)),
        annotations_count: optional(nullable(integer)),
      }),
    ),
  ),
});
type CheckRunData = ShapeOf<typeof CHECK_RUN>;
const CHECK_RUNS = object({ total_count: integer, check_runs: array(CHECK_RUN) });
/** What a create answers, as far as it is read: the run, and the record GitHub kept. */
const CREATED = object({ id: integer, external_id: optional(nullable(string)) });

/**
 * The most check runs read on one commit. GitHub keeps at most 1,000 runs of one name in a check
 * suite and deletes the oldest beyond (changelog 2020-09-14): from that many on, what the app
 * recorded there may be gone, so a commit with that many runs is refused rather than read in part.
 */
export const MAX_CHECK_RUNS_READ = 1_000;
const PAGE = 100;

/**
 * The check runs `appId` created on `sha`, newest first (GitHub lists them newest first): the latest
 * of each name, or with `all` every run ever created — every page, up to `MAX_CHECK_RUNS_READ` (more
 * is a `too-many-check-runs` failure: a record in a run never read would be a push unknown). A check
 * run of another app or of a workflow with the same name is never read: anyone who can run a
 * workflow can create one, and adopting it would let them write the gate's verdict.
 */
export async function listOwnCheckRuns(
  client: GitHubClient,
  sha: string,
  appId: number,
  name?: string,
  filter: 'latest' | 'all' = 'latest',
): Promise<ExistingCheckRun[]> {
  const runs: ExistingCheckRun[] = [];
  let listed = 0;
  for (let page = 1; ; page++) {
    const onPage = await listPage(client, sha, appId, name, filter, page);
    if (onPage.total >= MAX_CHECK_RUNS_READ)
      throw new GitHubError({
        kind: 'too-many-check-runs',
        sha,
        count: onPage.total,
        limit: MAX_CHECK_RUNS_READ,
      });
    runs.push(...onPage.runs);
    listed += onPage.size;
    if (onPage.size < PAGE || listed >= onPage.total) return runs;
  }
}

/** One page of `appId`'s check runs on `sha` (newest first), and how many GitHub lists in all. */
async function listPage(
  client: GitHubClient,
  sha: string,
  appId: number,
  name: string | undefined,
  filter: 'latest' | 'all',
  page: number,
): Promise<{ runs: ExistingCheckRun[]; size: number; total: number }> {
  const { owner, repo } = client;
  const data = await client.rest(
    `GET /repos/${owner}/${repo}/commits/${sha.slice(0, 7)}/check-runs`,
    () =>
      client.octokit.rest.checks.listForRef({
        owner,
        repo,
        ref: sha,
        app_id: appId,
        ...(name !== undefined ? { check_name: name } : {}),
        filter,
        per_page: PAGE,
        ...(page > 1 ? { page } : {}),
      }),
    CHECK_RUNS,
  );
  const own = data.check_runs.filter((run) => run.app?.id === appId).map(existingOf);
  return { runs: own, size: data.check_runs.length, total: data.total_count };
}

function existingOf(run: CheckRunData): ExistingCheckRun {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    completedAt: run.completed_at ?? null,
    externalId: run.external_id ?? null,
    output: {
      title: run.output?.title ?? null,
      summary: run.output?.summary ?? null,
      text: run.output?.text ?? null,
      annotationsCount: run.output?.annotations_count ?? 0,
    },
  };
}

/**
 * The conclusion of the newest completed run of `runs` (newest first): the verdict others may have
 * acted on. A newer run not completed yet (a push recorded on a run of its own, a delayed check)
 * hides it from the pull request but withdraws nothing: merge groups that passed on it still stand.
 */
export function lastVerdict(runs: readonly ExistingCheckRun[]): string | null {
  return runs.find((run) => run.status === 'completed')?.conclusion ?? null;
}

/**
 * Whether `run` completed after `since` — both GitHub's time: its `completed_at`, and the `Date` of an
 * answer (answer-clock.ts) — so that a job given up whose marks are tried again leaves a verdict written
 * after its first try (queue-give-up.ts). Second by second: a verdict of the same second as `since`, or
 * one whose time GitHub did not give, is not after it (a later try replaces it: closed, never open).
 */
export function completedAfter(run: ExistingCheckRun | undefined, since: string | undefined): boolean {
  if (since === undefined || run?.status !== 'completed' || run.completedAt === null) return false;
  const completed = Date.parse(run.completedAt);
  const boundary = Date.parse(since);
  return Number.isFinite(completed) && Number.isFinite(boundary) && completed > boundary;
}

export type Conclusion = 'success' | 'failure' | 'cancelled' | 'action_required' | 'neutral';

export interface CheckOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations?: Annotation[];
  /** Who pushed, recorded with the verdict (src/adapters/github/pushes.ts): written on a new run. */
  record?: string;
}

/** Why pushes could not be recorded: the job fails, and the sign-off with it (fail closed). */
export class PushesNotRecorded extends Error {
  override readonly name = 'PushesNotRecorded';
  constructor(
    readonly commit: string,
    /** Why the write failed; absent: GitHub answered, but did not keep the record as sent. */
    readonly failure?: string,
  ) {
    super(
      failure === undefined
        ? `who pushed cannot be recorded: GitHub did not keep the record written on commit ${commit.slice(0, 7)} as sent`
        : `who pushed cannot be recorded (commit ${commit.slice(0, 7)}): ${failure}`,
    );
  }
}

export class CheckRun {
  /**
   * `appId` is this app's id: only its own runs are adopted. It is undefined only for the Action,
   * whose token's runs belong to GitHub Actions (shared by every workflow); the Action always starts
   * a new run, so it adopts none.
   */
  constructor(
    private readonly client: GitHubClient,
    readonly name: string,
    readonly headSha: string,
    private readonly appId: number | undefined,
    private id: number | undefined = undefined,
  ) {}

  get checkRunId(): number | undefined {
    return this.id;
  }

  /** The latest run of this check on the head SHA, if this app created one before. */
  async findExisting(): Promise<ExistingCheckRun | undefined> {
    if (this.appId === undefined) {
      const { owner, repo } = this.client;
      const data = await this.client.rest(
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
        CHECK_RUNS,
      );
      const run = data.check_runs[0];
      return run ? existingOf(run) : undefined;
    }
    return (await listOwnCheckRuns(this.client, this.headSha, this.appId, this.name))[0];
  }

  /**
   * The newest runs of this check on the head SHA this app created (one page, newest first): the first
   * is what the check shows; the verdict before it is among them unless 100 newer runs never completed.
   * The Action's token adopts none of its runs: only the latest is read for it.
   */
  async history(): Promise<ExistingCheckRun[]> {
    if (this.appId === undefined) {
      const latest = await this.findExisting();
      return latest ? [latest] : [];
    }
    return (await listPage(this.client, this.headSha, this.appId, this.name, 'all', 1)).runs;
  }

  /** Adopts an existing run (a redelivery while it was in progress) instead of creating a second. */
  adopt(id: number): void {
    this.id = id;
  }

  async start(summary: string, record?: string): Promise<void> {
    await this.create({ status: 'in_progress', output: { title: 'Reviewing…', summary } }, record);
  }

  /**
   * Completes the run (creating it first if `start` never ran, e.g. when start itself failed). With
   * `output.record`, on a new run created with that record: a record is never written on a run that
   * exists (src/adapters/github/pushes.ts), and the newest run is the one the check shows.
   */
  async complete(output: CheckOutput): Promise<void> {
    const { record } = output;
    if (record !== undefined) this.id = undefined;
    const summary = truncate(output.summary, CHECK_SUMMARY_LIMIT);
    const batches = annotationBatches(output.annotations ?? []);
    const last = batches.pop() ?? [];
    if (this.id === undefined && batches.length > 0) await this.start(summary, record);
    for (const batch of batches)
      await this.update({ output: { title: output.title, summary, annotations: batch } });
    // No `completed_at`: GitHub stamps the completion with its own clock, which the marks of a job
    // given up compare with GitHub's `Date` (`completedAfter`); this host's clock may be off.
    const completion = {
      status: 'completed' as const,
      conclusion: output.conclusion,
      output: { title: output.title, summary, ...(last.length > 0 ? { annotations: last } : {}) },
    };
    if (this.id === undefined) await this.create(completion, record);
    else await this.update(completion);
  }

  /** A new run; a record (`external_id`) GitHub cut or changed is an error: it would read as none. */
  private async create(fields: Record<string, unknown>, record?: string): Promise<void> {
    const { owner, repo } = this.client;
    const data = await this.client.rest(
      `POST /repos/${owner}/${repo}/check-runs`,
      () =>
        this.client.octokit.rest.checks.create({
          owner,
          repo,
          name: this.name,
          head_sha: this.headSha,
          ...fields,
          ...(record !== undefined ? { external_id: record } : {}),
        }),
      CREATED,
    );
    this.id = data.id;
    if (record !== undefined && data.external_id != null && data.external_id !== record)
      throw new PushesNotRecorded(this.headSha);
  }

  private async update(fields: Record<string, unknown>): Promise<void> {
    const { owner, repo } = this.client;
    const id = this.id!;
    await this.client.rest(
      `PATCH /repos/${owner}/${repo}/check-runs/${id}`,
      () => this.client.octokit.rest.checks.update({ owner, repo, check_run_id: id, ...fields }),
      ignored,
    );
  }
}

export type { CheckRunOutput };
