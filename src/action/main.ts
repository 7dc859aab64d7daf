/**
 * The GitHub Action: the same review as the app, run in a workflow with the workflow's token. It
 * publishes review comments through the app's GitHub sink, writes the job summary and (on request)
 * SARIF, and fails the step — exit code 1 — when the pull request brings new findings at or above
 * `fail-on`, or when anything goes wrong: unlike Probot's Actions adapter, errors are never swallowed.
 */
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { atLeast } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import { renderSarif, sarifRuleCatalog } from '../report/sarif.js';
import { placeFindings } from '../review/placement.js';
import type { Placement } from '../review/placement.js';
import { renderSummary } from '../review/render/summary.js';
import { reviewPullRequest } from '../review/review-pull-request.js';
import { ruleDocs } from '../review/rule-docs.js';
import type { ChangedFile, ContractDiffer, Review } from '../review/types.js';
import { RULE_SET } from '../../rules/index.js';
import type { ActionInputs, Env, FailOn, PullRequestEvent } from './inputs.js';
import { readInputs, readPullRequestEvent } from './inputs.js';

/** The base branch's config file, as the app's config loader reports it. */
export type BaseConfig =
  | { kind: 'ok'; config: BlueprintReviewConfig }
  | { kind: 'missing' }
  | { kind: 'invalid'; problems: string[] };

/** What the Action needs from GitHub; the implementation is the app's adapter (src/adapters/github). */
export interface ActionGitHub {
  baseConfig(path: string, ref: string): Promise<BaseConfig>;
  snapshot(sha: string): FileSource;
  changedFiles(pullNumber: number): Promise<ChangedFile[]>;
  /** Posts the review comments (idempotently: a re-run on the same head posts nothing new). */
  publish(review: Review, placement: Placement, event: PullRequestEvent): Promise<void>;
  contractDiffer?: ContractDiffer;
}

/** The runner's side: files (event payload, job summary, outputs, SARIF) and the log. */
export interface ActionIO {
  env: Env;
  readFile(file: string): string;
  writeFile(file: string, text: string): void;
  appendFile(file: string, text: string): void;
  log(line: string): void;
}

export type ConnectGitHub = (inputs: ActionInputs, event: PullRequestEvent, env: Env) => ActionGitHub;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;

export async function runAction(io: ActionIO, connect: ConnectGitHub): Promise<number> {
  const inputs = readInputs(io.env);
  const eventPath = io.env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error('GITHUB_EVENT_PATH is not set: run this inside a GitHub Actions workflow.');
  const event = readPullRequestEvent(io.env.GITHUB_EVENT_NAME, JSON.parse(io.readFile(eventPath)) as unknown);
  const github = connect(inputs, event, io.env);

  const base = await github.baseConfig(inputs.configPath, event.baseSha);
  if (base.kind === 'invalid') {
    io.log(`::error::${inputs.configPath} on the base branch is invalid: ${base.problems.join('; ')}`);
    return EXIT_FAILED;
  }
  const config = base.kind === 'ok' ? base.config : {};
  const changedFiles = await github.changedFiles(event.number);
  const review = await reviewPullRequest({
    base: github.snapshot(event.baseSha),
    head: github.snapshot(event.headSha),
    changedFiles,
    config: inputs.blueprints.length > 0 ? { ...config, blueprints: inputs.blueprints } : config,
    ruleSet: RULE_SET,
    ...(github.contractDiffer ? { contractDiffer: github.contractDiffer } : {}),
  });
  const placement = placeFindings(review.newFindings, changedFiles);
  await github.publish(review, placement, event);

  const summary = renderSummary(review, { docs: ruleDocs(RULE_SET), placement });
  if (io.env.GITHUB_STEP_SUMMARY) io.appendFile(io.env.GITHUB_STEP_SUMMARY, summary);
  if (inputs.sarifFile) {
    const file = path.resolve(io.env.GITHUB_WORKSPACE ?? '.', inputs.sarifFile);
    const headFindings: Finding[] = [...review.newFindings, ...review.preExisting];
    io.writeFile(file, renderSarif(headFindings, { rules: sarifRuleCatalog(RULE_SET.rules) }));
    io.log(`SARIF written to ${inputs.sarifFile}`);
  }
  const failing = failingFindings(review.newFindings, inputs.failOn);
  if (io.env.GITHUB_OUTPUT) {
    io.appendFile(
      io.env.GITHUB_OUTPUT,
      `new-findings=${review.newFindings.length}\nfailing-findings=${failing.length}\n`,
    );
  }
  if (review.outcome.kind === 'config-invalid') {
    io.log(`::error::The configuration is invalid: ${review.outcome.problems.join('; ')}`);
    return EXIT_FAILED;
  }
  for (const f of failing) {
    const level = f.severity === 'error' ? 'error' : 'warning';
    io.log(
      `::${level} file=${escapeProperty(f.file)},line=${f.range.start.line}::${escapeCommand(f.message)} (${f.ruleId})`,
    );
  }
  if (failing.length > 0) {
    io.log(
      `::error::The pull request brings ${failing.length} new finding(s) at or above "${inputs.failOn}".`,
    );
    return EXIT_FAILED;
  }
  io.log(
    `Blueprint review: ${review.newFindings.length} new finding(s), none at or above "${inputs.failOn}".`,
  );
  return EXIT_OK;
}

export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return failOn === 'never' ? [] : findings.filter((f) => atLeast(f.severity, failOn));
}

/** Workflow commands end at a newline; `%` escapes must be escaped first (GitHub's own rule). */
export function escapeCommand(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeCommand(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
