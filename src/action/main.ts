/**
 * The GitHub Action: the app's review job (`runReview`: config from the base branch, the review at the
 * merge base and head, one review with line comments, resolved stale threads, the "Blueprint review"
 * check run) run once with the workflow's token — plus what a workflow step adds: the job summary,
 * SARIF for code scanning, step outputs, and an exit code. The step fails (exit 1) when the pull
 * request brings new findings at or above `fail-on`, or when anything goes wrong: unlike Probot's
 * Actions adapter, errors are never swallowed.
 */
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { failsOn } from '../core/fail-on.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { markdownMessage, markdownParagraphs, plainText } from '../core/inert-text.js';
import { WorkflowCommand, workflowAnnotations } from '../report/workflow-annotations.js';
import { failClosedReasons } from '../report/fail-closed.js';
import { runnerInert } from '../core/stream-inert.js';
import { truncate } from '../review/render/check-run.js';
import { renderSummary } from '../review/render/summary.js';
import { headline } from '../review/render/headline.js';
import { plural } from '../review/render/finding-text.js';
import type { RuleDocs } from '../review/rule-docs.js';
import type { Review } from '../review/types.js';
import { ruleDocs } from '../review/rule-docs.js';
import type { Octokit } from '../adapters/github/client.js';
import { runReview } from '../app/review-job.js';
import type { ReviewRunResult, ReviewSettings, WritePermission } from '../app/review-job.js';
import { REVIEW_CHECK_NAME } from '../app/check-name.js';
import { RULE_SET } from '../../rules/index.js';
import type { ActionInputs, Env, FailOn, PullRequestEvent } from './inputs.js';
import { readInputs, readPullRequestEvent } from './inputs.js';
import { workspaceSarif } from './workspace-sarif.js';
import { STEP_SUMMARY_LIMIT } from '../report/bounded-table.js';

/** The runner's side: files (event payload, job summary, outputs, SARIF) and the log. */
export interface ActionIO {
  env: Env;
  readFile(file: string): string;
  writeFile(file: string, text: string): void;
  appendFile(file: string, text: string): void;
  log(line: string): void;
}

/** Builds the API client; the entry passes Probot's octokit authenticated with the input token. */
export type CreateOctokit = (inputs: ActionInputs, env: Env) => Octokit;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;

export async function runAction(io: ActionIO, createOctokit: CreateOctokit): Promise<number> {
  const inputs = readInputs(io.env);
  const event = readEvent(io);
  // A fork's token is read-only: the findings still go to the log, summary, outputs and SARIF.
  const refused = new Map<WritePermission, string>();
  const settings = reviewSettings(inputs, (permission, reason) => refused.set(permission, reason));
  const result = await runReview(
    {
      octokit: createOctokit(inputs, io.env),
      owner: event.owner,
      repo: event.repo,
      pullNumber: event.number,
      headSha: event.headSha,
      base: event.baseRef,
      // Every workflow run is a deliberate request: review even if this SHA was reviewed before.
      force: true,
    },
    settings,
    new AbortController().signal,
  );
  if (result.kind !== 'completed') return reportUnfinished(io, result);
  return reportReview(io, inputs, result, settings.docs, refused);
}

function readEvent(io: ActionIO): PullRequestEvent {
  const eventPath = io.env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error('GITHUB_EVENT_PATH is not set: run this inside a GitHub Actions workflow.');
  return readPullRequestEvent(io.env.GITHUB_EVENT_NAME, JSON.parse(io.readFile(eventPath)) as unknown);
}

function reviewSettings(
  inputs: ActionInputs,
  onWriteRefused: ReviewSettings['onWriteRefused'],
): ReviewSettings {
  return {
    checkName: REVIEW_CHECK_NAME,
    ruleSet: RULE_SET,
    validator: createSchemaValidator(),
    docs: ruleDocs(RULE_SET, inputs.docsUrl ? { docsUrl: inputs.docsUrl } : {}),
    ...(inputs.configPath ? { configPath: inputs.configPath } : {}),
    ...(inputs.blueprints ? { blueprints: inputs.blueprints } : {}),
    onWriteRefused,
    // No queue runs the Action again (the app's clients wait briefly: rate-limit-bound.ts), and no
    // other job waits on this one: a rate limit of up to a minute is waited out before it fails.
    client: { maxRateLimitWaitSeconds: 60 },
  };
}

type CompletedRun = Extract<ReviewRunResult, { kind: 'completed' }>;

/** A run that produced no review: why, in the log (and the summary for a failure), and its exit code. */
function reportUnfinished(io: ActionIO, result: Exclude<ReviewRunResult, CompletedRun>): number {
  switch (result.kind) {
    case 'failed': {
      const problems = result.problems ?? [];
      logRunErrors(io, [`Blueprint review failed: ${result.reason}`, ...problems]);
      if (io.env.GITHUB_STEP_SUMMARY)
        io.appendFile(io.env.GITHUB_STEP_SUMMARY, failureSummary(result.reason, problems));
      return EXIT_FAILED;
    }
    case 'superseded':
      io.log(
        WorkflowCommand.of(
          'warning',
          [],
          `The pull request moved on (${result.by}) while this ran; the newer run reviews it.`,
        ).line,
      );
      return EXIT_OK;
    case 'already-reviewed':
      io.log('This commit was already reviewed.');
      return EXIT_OK;
  }
}

/**
 * The job summary of a run that failed: why, and each problem, rendered inert — the reason quotes
 * what failed (a path, a branch, an input's value, an error's words).
 */
export function failureSummary(reason: string, problems: readonly string[] = []): string {
  return truncate(
    `## ❌ Blueprint review could not finish\n\n${markdownParagraphs(reason)}\n` +
      problems.map((p) => `\n- ${markdownMessage(p)}`).join('') +
      '\n',
    STEP_SUMMARY_LIMIT,
  );
}

/**
 * Errors of the run itself (why it failed, each problem) as annotations, within GitHub's ten per
 * level: the first ones shown, and how many more there are and where they all are.
 */
function logRunErrors(io: ActionIO, errors: readonly string[]): void {
  const rest = 'The job summary lists every problem.';
  for (const command of workflowAnnotations([], { rest, runErrors: errors })) io.log(command.line);
}

/**
 * What a workflow step adds to a finished review: the job summary, SARIF, the outputs, the
 * annotations, and the exit code.
 */
async function reportReview(
  io: ActionIO,
  inputs: ActionInputs,
  result: CompletedRun,
  docs: RuleDocs,
  refused: ReadonlyMap<WritePermission, string>,
): Promise<number> {
  const review = result.review;
  if (io.env.GITHUB_STEP_SUMMARY) io.appendFile(io.env.GITHUB_STEP_SUMMARY, stepSummary(review, docs));
  const sarifError = inputs.sarifFile
    ? await writeSarif(io, inputs.sarifFile, result.config, inputs.docsUrl)
    : undefined;
  const failing = failingFindings(review.newFindings, inputs.failOn);
  if (io.env.GITHUB_OUTPUT) {
    io.appendFile(
      io.env.GITHUB_OUTPUT,
      `new-findings=${review.newFindings.length}\nfailing-findings=${failing.length}\n`,
    );
  }
  // Why the step fails (the verdict, a refused write, what could not be judged) is annotated before
  // any finding: GitHub shows ten errors a step, and a pull request can bring as many as it likes.
  const errors = [
    ...(sarifError ? [sarifError] : []),
    ...stepErrors(inputs, failing.length, failClosedReasons(review), refused),
  ];
  const rest = 'The step summary lists every finding.';
  for (const command of workflowAnnotations(review.newFindings, { rest, runErrors: errors }))
    io.log(command.line);
  if (errors.length > 0) return EXIT_FAILED;
  io.log(passingLine(review, inputs.failOn));
  return EXIT_OK;
}

/**
 * The log's last word on a step that passes: the review's own verdict (as the check's title says
 * it: "No blueprint changes", "2 warnings introduced"), and, when it has findings, why they do not
 * fail the step.
 */
export function passingLine(review: Review, failOn: FailOn): string {
  const verdict = `Blueprint review: ${headline(review)}`;
  if (review.newFindings.length === 0) return `${verdict}.`;
  const why = failOn === 'never' ? 'fail-on is never' : `none is at or above fail-on (${failOn})`;
  return `${verdict}; the step passes: ${why}.`;
}

/**
 * Writes the workspace's SARIF to `sarifFile`: undefined when written, else why not (an error of the
 * step, annotated with the others — the findings are still annotated, the outputs still set).
 */
async function writeSarif(
  io: ActionIO,
  sarifFile: string,
  config: CompletedRun['config'],
  docsUrl: string | undefined,
): Promise<string | undefined> {
  try {
    const workspace = path.resolve(io.env.GITHUB_WORKSPACE ?? '.');
    // The review's config, read from the base branch: the pull request's own config never judges it.
    const { sarif, blueprints, results } = await workspaceSarif(workspace, config, docsUrl);
    if (blueprints.length === 0)
      io.log(
        '::warning::sarif-file: no blueprint in the workspace; check the repository out first (actions/checkout).',
      );
    io.writeFile(path.resolve(workspace, sarifFile), sarif);
    // The input's value (which a workflow may take from the event) shown, never obeyed: one line
    // (plainText), and no legacy `##[command]`, which the runner finds anywhere in a line (runnerInert).
    io.log(
      `SARIF (${results} results from ${blueprints.length} blueprint(s)) written to ${runnerInert(plainText(sarifFile))}`,
    );
    return undefined;
  } catch (error) {
    return `Could not write ${sarifFile}: ${(error as Error).message}`;
  }
}

/**
 * Why the step fails, most general first: new findings at or above `fail-on`, a write the token was
 * refused, and what the review could not judge (fail closed, whatever `fail-on` says). None: it passes.
 */
function stepErrors(
  inputs: ActionInputs,
  failing: number,
  failClosed: readonly string[],
  refused: ReadonlyMap<WritePermission, string>,
): string[] {
  const errors: string[] = [];
  if (failing > 0)
    errors.push(
      `The pull request brings ${plural(failing, 'new finding')} at or above fail-on (${inputs.failOn}).`,
    );
  if (refused.size > 0)
    errors.push(
      `blueprint-review could not post its check run or review: the token lacks \`permissions:\` ${[...refused.keys()].join(', ')} (a pull request from a fork always gets a read-only token). The findings are in this log, the step summary, the outputs${inputs.sarifFile ? ' and SARIF' : ''}.`,
    );
  return [...errors, ...failClosed];
}

export { STEP_SUMMARY_LIMIT };

/**
 * The review's summary for the job summary, within GitHub's limit: a fork's pull request gets a
 * read-only token, and then this (with the log) is where the findings are shown.
 */
export function stepSummary(review: Review, docs: RuleDocs): string {
  return truncate(renderSummary(review, { docs, maxChars: STEP_SUMMARY_LIMIT }), STEP_SUMMARY_LIMIT);
}

export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => failsOn(f.severity, failOn));
}
