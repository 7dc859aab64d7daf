/**
 * One evaluation of the sign-off gate for one pull request: read the PR as it is now (its current
 * head wins), the config from the base branch, the blueprint at the merge base and the head, the
 * reviews and team memberships; write the "Blueprint sign-off" check run on the head SHA (updating
 * the one already there, never a second); request the reviews still needed, once. Fail closed: any
 * error ends the check as `failure` with the reason. How the verdict is written: signoff-verdict.ts.
 */
import { markdownCode, quoted } from '../core/inert-text.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import type { ReviewRunResult } from './review-job.js';
import { explain, worthRetryingLater } from './job-errors.js';
import { reviewBasis } from './review-basis.js';
import { basisIn } from '../review/markers.js';
import { checkNameFor } from './check-name.js';
import type { ClientOptions } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { CheckRun, lastVerdict } from '../adapters/github/check-run.js';
import type { BlobStore } from '../adapters/github/file-source.js';
import { pullRequestSnapshots } from './pull-request-snapshots.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import { GitHubPullRequestFacts } from '../adapters/github/pull-request-facts.js';
import { pushEntriesAt } from '../adapters/github/pushes.js';
import type { Push } from '../signoff/pushes.js';
import type { PullRequestAt, PushRecord } from './jobs.js';
import { headRecord, recordTrail, withHeld } from './push-trail.js';
import { signoffCheckRun } from './verdict-writing.js';
import type { Decided, FoundCheck } from './signoff-verdict.js';
import { writeVerdicts } from './signoff-verdict.js';
import { requestReviewers } from '../adapters/github/signoff-requests.js';
import { DEFAULT_CONFIG_PATH } from '../signoff/changes.js';
import type { GateDecision } from '../signoff/evaluate.js';
import { contractDiffsFromReview } from '../signoff/from-review.js';
import { signoffConfigSource } from '../signoff/gate.js';
import type { SnapshotGateInput } from '../signoff/pipeline.js';
import { signoffFromSnapshots } from '../signoff/pipeline.js';
import type { Reviewers } from '../signoff/requests.js';
import { reviewRequestsToMake } from '../signoff/requests.js';

export interface SignoffSettings {
  /** The check's name without the base (`Blueprint sign-off`); each run is named for its base. */
  checkName: string;
  /** The review's check (named for the same base): its conclusion on the head SHA is part of the gate. */
  reviewCheckName: string;
  validator: SchemaValidator;
  /** The app's own login (`<slug>[bot]`): review requests it made earlier are found by it. */
  botLogin(): Promise<string>;
  /** The app's id: only check runs it created are read or adopted. */
  appId(): Promise<number>;
  client?: ClientOptions;
  /** Blob texts already read (the review's cache): the sign-off reads the same files. */
  blobs?: BlobStore;
}

export interface SignoffTarget extends PullRequestAt {
  /** The base branch the event named (the evaluation reads the pull request's current one). */
  base?: string;
  /** The review that just finished, when this evaluation follows one. */
  review?: { headSha: string; result: ReviewRunResult };
  /**
   * The job's reads: after a review in the same job, the pull request, config, changed files, merge
   * base and trees it read (absent: this evaluation's own, read now).
   */
  reads?: PullRequestReads;
  /**
   * Pushes to record (jobs.ts: the job's own and the trail the queue handed it), before anything is
   * evaluated — those of the head evaluated in its verdict's write.
   */
  pushes?: readonly PushRecord[];
  /** Evaluate only when the check shows success now (the base's blueprint moved: jobs.ts `recheck`). */
  recheck?: boolean;
}

export type SignoffRunResult =
  | { kind: 'not-open'; requests: number }
  /** A recheck of a check that does not show success: nothing to re-check. */
  | { kind: 'not-passing'; requests: number }
  | { kind: 'superseded'; requests: number }
  | {
      kind: 'evaluated';
      requests: number;
      headSha: string;
      /** The evaluated head's base. */
      base: string;
      decision: GateDecision;
      requested: Reviewers;
      /** The review check on the head was written under another config: the head is to be reviewed again. */
      reviewOutdated: boolean;
    }
  | { kind: 'failed'; requests: number; headSha?: string; reason: string };

export async function runSignoff(
  target: SignoffTarget,
  settings: SignoffSettings,
): Promise<SignoffRunResult> {
  const client = new GitHubClient(target.octokit, target.owner, target.repo, settings.client);
  const pushes = target.pushes ?? [];
  // Whatever is evaluated, or not, the pushes are recorded: the queue forgets them once the job succeeds.
  if (target.review?.result.kind === 'superseded') {
    await recordTrail(client, pushes, settings);
    return { kind: 'superseded', requests: client.requests };
  }
  const reads = target.reads ?? new PullRequestReads();
  const pr = await openPullRequest(client, reads, target, settings);
  if (!pr) return { kind: 'not-open', requests: client.requests };
  const held = await recordTrail(client, pushes, settings, { base: pr.baseRef, head: pr.headSha });
  const found = await signoffCheck(client, pr, settings, held);
  // A recheck (the base's blueprint moved) concerns a success only: any other verdict stands.
  const { existing } = found;
  if (target.recheck && !(existing?.status === 'completed' && existing.conclusion === 'success')) {
    await recordTrail(client, held.map(headRecord(pr)), settings);
    return { kind: 'not-passing', requests: client.requests };
  }
  const evaluated = await evaluateOrFailure(client, pr, reads, target, settings, held);
  const decide = (other: PullRequestRef) =>
    evaluate(client, other, reads, target, settings, held).then((e) => e.decision);
  const { reviewCheckName } = settings;
  await writeVerdicts(
    { client, pr, reviewCheckName, held, sleep: settings.client?.sleep, decide, ...found },
    evaluated,
  );
  if ('failed' in evaluated) {
    // Written failed (closed) first; GitHub's refusal may pass, so the queue evaluates again.
    if (worthRetryingLater(evaluated.error)) throw new EvaluationRefused(evaluated.failed, evaluated.error);
    return { kind: 'failed', requests: client.requests, headSha: pr.headSha, reason: evaluated.failed };
  }
  const { decision, facts, reviewOutdated } = evaluated;
  const requested = await requestMissingReviews(client, pr, decision, facts, settings);
  return {
    kind: 'evaluated',
    requests: client.requests,
    headSha: pr.headSha,
    base: pr.baseRef,
    decision,
    requested,
    reviewOutdated,
  };
}

/** The pull request as it is now; undefined when it is no longer open (its pushes recorded either way). */
async function openPullRequest(
  client: GitHubClient,
  reads: PullRequestReads,
  target: SignoffTarget,
  settings: SignoffSettings,
): Promise<PullRequestRef | undefined> {
  const pushes = target.pushes ?? [];
  let pr: PullRequestRef;
  try {
    pr = await reads.pullRequest(client, target.pullNumber);
  } catch (error) {
    await recordTrail(client, pushes, settings);
    // Which head the check belongs on is unknown here, but a success the event ended may stand:
    // the queue evaluates again, and a job it gives up marks the event's head (abandonSignoff).
    throw new NotEvaluated('the pull request could not be read', error);
  }
  if (pr.state === 'open') return pr;
  await recordTrail(client, pushes, settings);
  return undefined;
}

async function signoffCheck(
  client: GitHubClient,
  pr: PullRequestRef,
  settings: SignoffSettings,
  held: readonly Push[],
): Promise<FoundCheck> {
  try {
    const appId = await settings.appId();
    // A success it replaces leaves the merge groups that passed on it first (merge-group-withdraw.ts),
    // also when a newer run (a push record) hides it.
    const check = signoffCheckRun(
      client,
      checkNameFor(settings.checkName, pr.baseRef),
      pr,
      appId,
      settings.client?.sleep,
    );
    const runs = await check.history();
    const existing = runs[0];
    if (existing) check.adopt(existing.id);
    return { check, existing, standing: lastVerdict(runs) };
  } catch (error) {
    // The check cannot be read: its verdict cannot be written beside the record held for it, and a
    // success it shows may no longer hold (as above).
    await recordTrail(client, held.map(headRecord(pr)), settings);
    throw new NotEvaluated(
      `${quoted(checkNameFor(settings.checkName, pr.baseRef))} could not be read`,
      error,
    );
  }
}

/**
 * An evaluation that could not start (the pull request or its check unreadable): nothing was written,
 * so a success the event ended would stand. The job fails with it: the queue evaluates again with
 * backoff, and when it gives up, the check is marked "not evaluated" (invariant 12).
 */
export class NotEvaluated extends Error {
  override readonly name = 'NotEvaluated';
  constructor(what: string, cause: unknown) {
    super(`The sign-off was not evaluated: ${what} (${explain(cause)}).`);
  }
}

/**
 * An evaluation GitHub refused for a while — no answer, a rate limit, a head or a changed-files list it
 * had not caught up with (job-errors.ts `worthRetryingLater`). Its failure is already written (fail
 * closed: a success it replaces no longer stands); the job fails with it so the queue evaluates
 * again with backoff, instead of leaving a person to re-run the check for a refusal that passes.
 * Given up, the check is marked "not evaluated" with the reason (abandonSignoff).
 */
export class EvaluationRefused extends Error {
  override readonly name = 'EvaluationRefused';
  constructor(reason: string, cause: unknown) {
    super(reason, { cause });
  }
}

/** What an evaluation found: its decision, and what the verdict's write and the review requests need. */
interface Evaluated extends Decided {
  facts: GitHubPullRequestFacts;
  reviewOutdated: boolean;
}

/** The evaluation, or why it failed: the failure is a verdict too (fail closed). */
async function evaluateOrFailure(
  ...args: Parameters<typeof evaluate>
): Promise<Evaluated | { failed: string; error: unknown }> {
  try {
    return await evaluate(...args);
  } catch (error) {
    return { failed: explain(error), error };
  }
}

async function evaluate(
  client: GitHubClient,
  pr: PullRequestRef,
  reads: PullRequestReads,
  target: SignoffTarget,
  settings: SignoffSettings,
  held: readonly Push[],
): Promise<Evaluated> {
  const loaded = await reads.repositoryConfig(client, pr.baseRef, settings.validator);
  const basis = reviewBasis(loaded, pr.baseRef, {});
  const config = signoffConfigSource(DEFAULT_CONFIG_PATH, loaded);
  const limits = loaded.kind === 'ok' ? loaded.config.limits : undefined;
  // Checked against the merge base the snapshots read: a file GitHub's list leaves out is no change to sign off.
  const files = await reads.changedFilesAtMergeBase(client, pr);
  // The review of this head just read the same blobs: the process's cache answers them.
  const snapshots = pullRequestSnapshots(client, reads, pr, { blobs: settings.blobs, limits });
  // "What the base branch has now": its tip by name, since the pull request's `base.sha` can lag a push.
  const now = await reads.baseNow(client, pr);
  const tip = now.tip ?? pr.baseSha;
  const review = target.review?.headSha === pr.headSha ? target.review.result : undefined;
  const facts = await pullRequestFacts(client, reads, pr, settings, held);
  const headProblems = await reviewProblems(client, pr, review, basis, settings);
  const { decision } = await signoffFromSnapshots({
    base: snapshots.base,
    head: snapshots.head,
    // The base branch's owners now, too: the merge base is the head's choice (current-owners.ts).
    baseTip: async () => (now.mergeBase === tip ? undefined : snapshots.baseAt(tip)),
    changedFiles: files,
    facts,
    org: client.owner,
    config,
    headProblems: headProblems.problems,
    validator: settings.validator,
    ...contractDiffsOf(review),
  });
  return { decision, facts, reviewOutdated: headProblems.outdated, basis, tip };
}

/** What GitHub says of the pull request (reviews, members, pushes), with the pushes held for its head. */
async function pullRequestFacts(
  client: GitHubClient,
  reads: PullRequestReads,
  pr: PullRequestRef,
  settings: SignoffSettings,
  held: readonly Push[],
): Promise<GitHubPullRequestFacts> {
  const pushes = pushEntriesAt(client, await settings.appId(), pr.headBranch);
  return new GitHubPullRequestFacts(
    client,
    {
      number: pr.number,
      author: pr.author,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      labels: pr.labels,
      pushes: withHeld(pushes, pr.headSha, held),
    },
    reads.trees(client),
  );
}

/** The review of this head that just ran compared its contracts already: the sign-off takes its diffs. */
function contractDiffsOf(review: ReviewRunResult | undefined): Pick<SnapshotGateInput, 'contractDiffs'> {
  return review?.kind === 'completed' && review.review.outcome.kind === 'reviewed'
    ? { contractDiffs: contractDiffsFromReview(review.review.contracts) }
    : {};
}

/**
 * The review's verdict on the head is part of the gate: an error finding blocks the sign-off. A review
 * check written under another config of the base than `basis` (the one read now: a config change whose
 * push the app missed, or whose re-review has not run yet) counts as not finished, and is `outdated`:
 * the job's follow-up reviews the head again (jobs.ts `followUpFor`).
 */
async function reviewProblems(
  client: GitHubClient,
  pr: PullRequestRef,
  review: ReviewRunResult | undefined,
  basis: string,
  settings: SignoffSettings,
): Promise<{ problems: string[]; outdated: boolean }> {
  const { headSha } = pr;
  const reviewCheckName = checkNameFor(settings.reviewCheckName, pr.baseRef);
  const short = headSha.slice(0, 7);
  const only = (problem?: string) => ({ problems: problem ? [problem] : [], outdated: false });
  if (review?.kind === 'completed')
    return only(
      review.conclusion === 'success'
        ? undefined
        : `The ${quoted(reviewCheckName)} check fails on ${short}: fix what it reports first.`,
    );
  if (review?.kind === 'failed')
    return only(`The ${quoted(reviewCheckName)} check could not finish on ${short}: ${review.reason}`);
  const existing = await new CheckRun(
    client,
    reviewCheckName,
    headSha,
    await settings.appId(),
  ).findExisting();
  if (!existing || existing.status !== 'completed')
    return only(
      `The ${quoted(reviewCheckName)} check has not finished on ${short}; the sign-off is evaluated again when it does.`,
    );
  if (existing.conclusion !== 'cancelled' && basisIn(existing.output.summary) !== basis)
    return {
      problems: [
        `The ${quoted(reviewCheckName)} check on ${short} was written under another configuration of ${markdownCode(pr.baseRef)} than it has now: the head is reviewed again, and the sign-off evaluated again when that review finishes.`,
      ],
      outdated: true,
    };
  if (existing.conclusion !== 'success')
    return only(
      `The ${quoted(reviewCheckName)} check concluded \`${existing.conclusion}\` on ${short}: fix what it reports first.`,
    );
  return only();
}

/**
 * Asks the people and teams still needed, in every state but success (a problem to fix does not
 * make the approvals less needed): each once per pull request (the PR's events remember), except an
 * approver whose approval the blueprint outdated since the app last asked them, who is asked again.
 */
async function requestMissingReviews(
  client: GitHubClient,
  pr: PullRequestRef,
  decision: GateDecision,
  facts: GitHubPullRequestFacts,
  settings: SignoffSettings,
): Promise<Reviewers> {
  const none = { users: [], teams: [] };
  if (decision.state === 'success') return none;
  const remembered = await facts.requestedBy(await settings.botLogin());
  // Without the memory a request could repeat on every event: ask nothing rather than twice.
  if (remembered.kind === 'error') return none;
  const { askedAt } = remembered.value;
  const again = decision.invalidated
    .filter((i) => !(askedAt[i.login] && askedAt[i.login]! > i.submittedAt))
    .map((i) => i.login);
  const wanted = reviewRequestsToMake(
    { users: [...decision.reviewRequests.users, ...again], teams: decision.reviewRequests.teams },
    pr.requested,
    {
      users: remembered.value.users.filter((u) => !again.includes(u.toLowerCase())),
      teams: remembered.value.teams,
    },
  );
  if (wanted.users.length === 0 && wanted.teams.length === 0) return none;
  try {
    return await requestReviewers(client, pr.number, pr.author, wanted);
  } catch {
    // A person without access to the repository (422) cannot be requested; the check still says who.
    return none;
  }
}
