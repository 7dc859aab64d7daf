/**
 * One review of one pull request at one head SHA, start to finish: the check run goes
 * `in_progress`, the config is read from the base branch, the blueprint is reviewed at the merge
 * base and the head, line comments are posted in one review, stale threads resolved, and the check
 * completes. Fail closed: whatever goes wrong ends the check as `failure` with a plain reason and a
 * re-run hint — never a silent success. All GitHub access goes through `src/adapters/github`.
 */
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { RepositoryConfig } from '../load/repository-config.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import { createContractDiffer, diffExtensionsOf } from '../review/contract-differ.js';
import type { Placement } from '../review/placement.js';
import { placeFindings } from '../review/placement.js';
import { renderCheckRun } from '../review/render/check-run.js';
import { reviewPullRequest } from '../review/review-pull-request.js';
import type { RuleDocs } from '../review/rule-docs.js';
import type { ChangedFile, Review } from '../review/types.js';
import type { ClientOptions } from '../adapters/github/client.js';
import { GitHubClient, GitHubError } from '../adapters/github/client.js';
import type { ExistingCheckRun } from '../adapters/github/check-run.js';
import { CheckRun } from '../adapters/github/check-run.js';
import { checkNameFor } from './check-name.js';
import { basisIn } from '../review/markers.js';
import { reviewBasis, withBasis } from './review-basis.js';
import {
  configInvalidOutput,
  failureOutput,
  replacedOutput,
  retargetedOutput,
  supersededOutput,
} from './review-outputs.js';
import type { BlobStore } from '../adapters/github/file-source.js';
import { pullRequestSnapshots } from './pull-request-snapshots.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import { SuccessNotWithdrawn } from './merge-group-withdraw.js';
import { reviewCheckRun } from './review-check-run.js';
import {
  CheckNotWritten,
  explain,
  FailureNotReported,
  queuedWhenRateLimited,
  tokenRefused,
  worthRetryingLater,
} from './job-errors.js';
import { publishComments } from './review-comments.js';
import type { PullRequestAt } from './jobs.js';

export interface ReviewSettings {
  /** The check's name without the base (`Blueprint review`); each run is named for its base. */
  checkName: string;
  ruleSet: RuleSet;
  validator: SchemaValidator;
  docs: RuleDocs;
  client?: ClientOptions;
  log?: { warn(details: object, message: string): void };
  /** This app's id: only its own check runs are adopted. Absent only in the Action (see `CheckRun`). */
  appId?: () => Promise<number>;
  /**
   * This app's login (`<slug>[bot]`): only its own reviews and threads are taken for the bot's. Absent
   * only in the Action, whose token does not say who it is (then any bot's are).
   */
  botLogin?: () => Promise<string>;
  /** Blob texts kept across reviews (a new push then fetches only what it changed). */
  blobs?: BlobStore;
  /** Config file path in the repository (default `.github/blueprint-review.yml`); still read from the base. */
  configPath?: string;
  /** Blueprint folder globs that replace the config's `blueprints` (the Action's `blueprints` input). */
  blueprints?: string[];
  /**
   * The Action's read-only mode: when GitHub refuses a write (403, e.g. a fork's read-only token),
   * say which permission was missing here and go on — the review completes, and the caller shows
   * the findings where it still can (log, step summary, outputs, SARIF). Unset: a refusal fails.
   */
  onWriteRefused?: (permission: WritePermission, reason: string) => void;
  /**
   * The app's queue retries a job that throws, with backoff: when GitHub does not answer (a 5xx, the
   * network) or rate-limits the app for longer than a job waits (`worthRetryingLater`: reading, or
   * posting the review's comments), the review throws instead of failing its check, which stays in
   * progress; the queue runs it again — no sooner than the limit asked — and, once it gives up, marks
   * the check failed with the reason. A re-run is the queue's job, not a person's: nothing is posted
   * twice (the review is found by its head's marker). Unset (the Action, which has no queue): the
   * check fails at once, saying to re-run.
   */
  retriedByQueue?: boolean;
}

/** The token permissions the review writes with. */
export type WritePermission = 'checks: write' | 'pull-requests: write';

export interface ReviewTarget extends PullRequestAt {
  headSha: string;
  /** The base branch the review is for: the check run is named for it (`Blueprint review: main`). */
  base: string;
  /** A re-run request: a new check run even when one exists for the SHA. */
  force: boolean;
  /** The job's reads, shared with the sign-off evaluation that follows (absent: this review's own). */
  reads?: PullRequestReads;
}

export type ReviewRunResult =
  | { kind: 'already-reviewed'; requests: number }
  | { kind: 'superseded'; requests: number; by: string }
  | {
      kind: 'completed';
      requests: number;
      conclusion: 'success' | 'failure';
      review: Review;
      /** The configuration the review applied (from the base branch). */
      config: BlueprintReviewConfig;
    }
  | {
      kind: 'failed';
      requests: number;
      reason: string;
      /** For an invalid config: each problem with its file and line. */
      problems?: string[];
    };

const STARTED = 'Reading the blueprint at the base and the head of this pull request…';

/** Thrown at a checkpoint when a newer head arrived while this review ran. */
class Superseded extends Error {
  override readonly name = 'Superseded';
}

export async function runReview(
  target: ReviewTarget,
  settings: ReviewSettings,
  signal: AbortSignal,
): Promise<ReviewRunResult> {
  const client = new GitHubClient(target.octokit, target.owner, target.repo, settings.client);
  const name = checkNameFor(settings.checkName, target.base);
  let check = new CheckRun(client, name, target.headSha, undefined);
  let existing: ExistingCheckRun | undefined;
  try {
    check = await reviewCheckRun(client, name, target, settings);
    // Its start and its verdict refused by a rate limit: the queue runs the review again once it lifts.
    if (settings.retriedByQueue) check = queuedWhenRateLimited(check);
    existing = await check.findExisting();
  } catch (error) {
    // GitHub did not answer the lookup (a 5xx, the network, a rate limit): nothing is written yet, and
    // the queue runs the review again — a failure written now would end a review one 502 could have cost.
    if (settings.retriedByQueue && worthRetryingLater(error)) throw error;
    // The look was refused the installation's token: so would the failure's write be. The job's
    // boundary looks once more, and writes the failure only if it is granted one by then.
    if (tokenRefused(error)) throw error;
    // Else still leave a failing check rather than nothing. (If creating the check itself fails
    // below, the error goes to the caller: there is nowhere on GitHub to say it.)
    const reason = explain(error);
    await reportFailure(check, reason);
    return { kind: 'failed', requests: client.requests, reason };
  }
  const run: Run = {
    client,
    check,
    target: { ...target, reads: target.reads ?? new PullRequestReads() },
    settings,
  };
  if (await finishedRunStands(run, existing)) return { kind: 'already-reviewed', requests: client.requests };
  try {
    return await review(run, signal);
  } catch (error) {
    return completeAfterError(run, error);
  }
}

/** One review run: what each of its steps reads and writes through. */
interface Run {
  client: GitHubClient;
  check: CheckRun;
  target: ReviewTarget & { reads: PullRequestReads };
  settings: ReviewSettings;
}

/**
 * Whether the head's finished run answers this event (`stillStands`): then nothing is written. Else
 * the check is readied for the review: a run still owed one is adopted, or a new run starts.
 */
async function finishedRunStands(
  { client, check, target, settings }: Run,
  existing: ExistingCheckRun | undefined,
): Promise<boolean> {
  if (!existing || (target.force && existing.status === 'completed')) {
    await check.start(STARTED);
    return false;
  }
  // A cancelled run lost to a head that turned out not to be the latest (events out of order): the
  // review of this head is still owed, in the same run. A run still in progress is adopted by a
  // re-run too (a retry of this job: its success could not be withdrawn from merge groups yet) —
  // unless an earlier attempt wrote annotations to it (a batch of a long review went out before a
  // later write failed): GitHub appends annotations, so the review's would show twice. A new run
  // then holds them once; the newest run of a name is the one the check shows.
  if (existing.status !== 'completed' || existing.conclusion === 'cancelled') {
    if (existing.output.annotationsCount === 0) check.adopt(existing.id);
    else await startReplacing(client, check, existing, settings.appId !== undefined);
    return false;
  }
  if (await stillStands(client, target.reads, existing, target, settings)) return true;
  // Computed under another config (a force-push back to a commit reviewed before): a new run.
  await check.start(STARTED);
  return false;
}

/**
 * A new run for the review, the run it replaces completed first (`replacedOutput`): a write refused
 * there leaves that run in progress for the retry to find again, never pending for ever beside its
 * replacement (created after it, so the one the check shows). Only a run the app knows is its own
 * (`own`: read by its app id) is completed: the Action's token reads any workflow's run of the name,
 * and another workflow run still writing its batches is not this one's to end.
 */
async function startReplacing(
  client: GitHubClient,
  check: CheckRun,
  replaced: ExistingCheckRun,
  own: boolean,
): Promise<void> {
  if (own && replaced.status !== 'completed')
    await new CheckRun(client, check.name, check.headSha, undefined, replaced.id).complete(replacedOutput());
  await check.start(STARTED);
}

/** The review stopped on an error: the check says why, unless the queue is to run it again. */
async function completeAfterError(
  { client, check, settings }: Run,
  error: unknown,
): Promise<ReviewRunResult> {
  // The pull request's check must not show a verdict while a success stands on its merge groups.
  if (error instanceof SuccessNotWithdrawn) throw error;
  // The check cannot be written until a rate limit lifts: the queue runs the review again then.
  if (error instanceof CheckNotWritten) throw error;
  if (error instanceof Superseded) {
    await check.complete(supersededOutput('a newer commit was pushed'));
    return { kind: 'superseded', requests: client.requests, by: 'newer push' };
  }
  // GitHub did not answer, or asked the app to wait (its comments not posted, say): the queue runs the
  // review again once it may, rather than a failure asking a person to.
  if (settings.retriedByQueue && worthRetryingLater(error)) throw error;
  const reason = explain(error);
  await reportFailure(check, reason);
  return { kind: 'failed', requests: client.requests, reason };
}

/**
 * Whether the completed review of this head answers this event too (a redelivery, a reopen, a
 * force-push back to a commit reviewed before): only when it was computed under the config the base
 * reads now — a verdict under looser rules must not stand (its basis, the first line of its summary).
 * A pull request that has moved on since (another head, another base) is reviewed by its own event:
 * the verdict on this commit is left as it is. A read that fails means: review again.
 */
async function stillStands(
  client: GitHubClient,
  reads: PullRequestReads,
  existing: ExistingCheckRun,
  target: ReviewTarget,
  settings: ReviewSettings,
): Promise<boolean> {
  try {
    const pr = await reads.pullRequest(client, target.pullNumber);
    if (pr.headSha !== target.headSha || pr.baseRef !== target.base) return true;
    const loaded = await reads.repositoryConfig(client, pr.baseRef, settings.validator, settings.configPath);
    return basisIn(existing.output.summary) === reviewBasis(loaded, pr.baseRef, settings);
  } catch {
    return false;
  }
}

/**
 * The review proper, step by step: a step that reaches a verdict completes the check. A newer head
 * seen at a checkpoint throws `Superseded` (completeAfterError says so on the check).
 */
async function review(run: Run, signal: AbortSignal): Promise<ReviewRunResult> {
  const { client, target, settings } = run;
  const checkpoint = () => {
    if (signal.aborted) throw new Superseded();
  };
  const { reads } = target;
  const pr = await reads.pullRequest(client, target.pullNumber);
  const movedOn = await completeIfMovedOn(run, pr);
  if (movedOn) return movedOn;
  const loaded = await reads.repositoryConfig(client, pr.baseRef, settings.validator, settings.configPath);
  const basis = reviewBasis(loaded, pr.baseRef, settings);
  if (loaded.kind === 'invalid') return completeConfigInvalid(run, loaded.problems, basis);
  const config = appliedConfig(loaded, settings);
  checkpoint();

  const files = await changedFilesAtHead(run, pr);
  const result = await reviewBlueprint(run, pr, files, config);
  checkpoint();

  const placement = placeFindings(result.newFindings, files, { ...config.review });
  await completeWithVerdict(run, result, placement, basis);
  return {
    kind: 'completed',
    requests: client.requests,
    conclusion: result.conclusion,
    review: result,
    config,
  };
}

/**
 * The pull request is no longer what the event named (another head, another base): the check says so,
 * and its own event reviews it as it is. Undefined when it still is.
 */
async function completeIfMovedOn(
  { client, check, target }: Run,
  pr: PullRequestRef,
): Promise<ReviewRunResult | undefined> {
  if (pr.headSha !== target.headSha) {
    await check.complete(supersededOutput(`the pull request's head is now ${pr.headSha.slice(0, 7)}`));
    return { kind: 'superseded', requests: client.requests, by: pr.headSha };
  }
  if (pr.baseRef !== target.base) {
    // Retargeted meanwhile: the edit's own event reviews it for the new base, under that base's name.
    await check.complete(retargetedOutput(target.base, pr.baseRef));
    return { kind: 'superseded', requests: client.requests, by: `base ${pr.baseRef}` };
  }
  return undefined;
}

/** The base's config does not load: the check fails with each problem, and nothing is reviewed. */
async function completeConfigInvalid(
  { client, check, settings }: Run,
  problems: string[],
  basis: string,
): Promise<ReviewRunResult> {
  const output = configInvalidOutput(problems, settings.docs);
  await check.complete(withBasis(output, basis));
  return { kind: 'failed', requests: client.requests, reason: output.title, problems };
}

/** The base branch's config (none: the defaults), with the Action's `blueprints` input in place of its own. */
function appliedConfig(
  loaded: Exclude<RepositoryConfig, { kind: 'invalid' }>,
  settings: ReviewSettings,
): BlueprintReviewConfig {
  const fromFile = loaded.kind === 'ok' ? loaded.config : {};
  return settings.blueprints ? { ...fromFile, blueprints: settings.blueprints } : fromFile;
}

/**
 * The files the pull request changes at the head under review, checked against the merge base the
 * blueprint is read at, as the sign-off checks them: a contract GitHub's list leaves out would be
 * reviewed as unchanged, and the check pass with "no blueprint changes".
 */
function changedFilesAtHead({ client, target }: Run, pr: PullRequestRef): Promise<ChangedFile[]> {
  return target.reads.changedFilesAtMergeBase(client, pr).catch((error: unknown) => {
    // Pushed to while the files were listed: the newer head is reviewed by its own event.
    throw error instanceof GitHubError && error.failure.kind === 'head-moved' ? new Superseded() : error;
  });
}

/** The blueprint's review: at the base and at the head, the changed files, under the applied config. */
function reviewBlueprint(
  { client, target, settings }: Run,
  pr: PullRequestRef,
  files: ChangedFile[],
  config: BlueprintReviewConfig,
): Promise<Review> {
  const { base, head } = pullRequestSnapshots(client, target.reads, pr, {
    blobs: settings.blobs,
    limits: config.limits,
  });
  return reviewPullRequest({
    base,
    head,
    changedFiles: files,
    config,
    ruleSet: settings.ruleSet,
    validator: settings.validator,
    contractDiffer: createContractDiffer({ limits: config.limits, extensions: diffExtensionsOf(config) }),
  });
}

/** Posts the line comments (none for a config the review found invalid) and completes the check. */
async function completeWithVerdict(
  { client, check, target, settings }: Run,
  result: Review,
  placement: Placement,
  basis: string,
): Promise<void> {
  const achieved =
    result.outcome.kind === 'config-invalid'
      ? placement
      : await publishComments(client, target, settings, result, placement);
  const checkName = checkNameFor(settings.checkName, target.base);
  await check.complete(
    withBasis(renderCheckRun(result, achieved, { docs: settings.docs, checkName }), basis),
  );
}

async function reportFailure(check: CheckRun, reason: string): Promise<void> {
  try {
    await check.complete(failureOutput(reason));
  } catch (error) {
    throw new FailureNotReported(reason, error);
  }
}
