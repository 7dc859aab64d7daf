/**
 * The Action's inputs and the pull request it runs on, read from the environment GitHub Actions sets
 * (`INPUT_<NAME>` for each input, `GITHUB_EVENT_PATH` for the webhook payload). Every problem is a typed
 * error: the step fails with a message that names the input, never with a stack trace.
 */
import type { FailOn } from '../core/fail-on.js';
import { globProblem } from '../core/safe-glob.js';
import { FAIL_ON_VALUES, parseFailOn } from '../core/fail-on.js';
import { parseDocsUrl } from '../report/docs-links.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type { FailOn };

export interface ActionInputs {
  token: string;
  failOn: FailOn;
  /** Where to write SARIF (relative to the workspace), when asked. */
  sarifFile?: string;
  /** Config file in the repository, read from the pull request's base branch (never the head). */
  configPath?: string;
  /** Blueprint folder globs that replace the config's `blueprints`. */
  blueprints?: string[];
  /** Where the rule docs are published, for links; without it comments explain rules inline. */
  docsUrl?: string;
}

export interface PullRequestEvent {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
  author: string;
}

export type ActionProblem =
  | { kind: 'missing-input'; input: string }
  | { kind: 'invalid-input'; input: string; value: string; expected: string }
  | { kind: 'unsupported-event'; event: string }
  | { kind: 'merge-group' }
  | { kind: 'bad-event-payload'; reason: string };

export class ActionError extends Error {
  constructor(readonly problem: ActionProblem) {
    super(describeProblem(problem));
  }
}

export function describeProblem(p: ActionProblem): string {
  switch (p.kind) {
    case 'missing-input':
      return `Input "${p.input}" is required.`;
    case 'invalid-input':
      return `Input "${p.input}" is "${p.value}"; expected ${p.expected}.`;
    case 'unsupported-event':
      return `blueprint-review reviews pull requests: run it on "pull_request" (or "pull_request_target"), not "${p.event}".`;
    case 'merge-group':
      return (
        "blueprint-review's Action reviews pull requests, not merge groups, so this step fails on merge_group. " +
        "Nor can it vouch for a group by its pull request's check: the Action's check runs belong to GitHub Actions, " +
        'and any workflow can write one of the same name. With a merge queue, use the GitHub App: it checks each ' +
        'merge group (docs/signoff.md, "Merge queues"). Or skip this job on merge groups ' +
        "(`if: github.event_name != 'merge_group'`): GitHub counts a skipped required job as passed, so the queue " +
        "then relies on the pull request's review alone, and the group's combined content is not reviewed."
      );
    case 'bad-event-payload':
      return `The event payload cannot be read: ${p.reason}.`;
  }
}

/** GitHub's name for an input's variable: `INPUT_` + the name upper-cased, spaces as `_` (hyphens kept). */
export function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: Env): ActionInputs {
  const token = input(env, 'github-token');
  if (!token) throw new ActionError({ kind: 'missing-input', input: 'github-token' });
  const failOnInput = input(env, 'fail-on') || 'error';
  const failOn = parseFailOn(failOnInput);
  if (failOn === undefined) {
    throw new ActionError({
      kind: 'invalid-input',
      input: 'fail-on',
      value: failOnInput,
      expected: `one of ${FAIL_ON_VALUES.join(', ')}`,
    });
  }
  const docsUrlInput = input(env, 'docs-url');
  const docsUrl = docsUrlInput ? parseDocsUrl(docsUrlInput) : undefined;
  if (docsUrl?.kind === 'invalid') {
    throw new ActionError({
      kind: 'invalid-input',
      input: 'docs-url',
      value: docsUrlInput,
      expected: 'the http(s) address of the docs folder, e.g. https://github.com/ORG/REPO/blob/v1/docs',
    });
  }
  const sarifFile = input(env, 'sarif-file');
  const configPath = input(env, 'config');
  if (configPath && !isRepositoryPath(configPath)) {
    throw new ActionError({
      kind: 'invalid-input',
      input: 'config',
      value: configPath,
      expected: 'a path inside the repository, e.g. .github/blueprint-review.yml',
    });
  }
  const blueprints = input(env, 'blueprints')
    .split(/[\n,]/)
    .map((g) => g.trim())
    .filter(Boolean);
  // A pattern that could take minutes to match is refused here, as the config's load refuses one.
  const unsafe = blueprints.find((glob) => globProblem(glob) !== undefined);
  if (unsafe !== undefined) {
    throw new ActionError({
      kind: 'invalid-input',
      input: 'blueprints',
      value: unsafe,
      expected: `glob patterns that match in bounded time (this one: ${globProblem(unsafe)})`,
    });
  }
  return {
    token,
    failOn,
    ...(sarifFile ? { sarifFile } : {}),
    ...(configPath ? { configPath } : {}),
    ...(blueprints.length > 0 ? { blueprints } : {}),
    ...(docsUrl?.kind === 'ok' ? { docsUrl: docsUrl.url } : {}),
  };
}

/** The pull request from the event payload (`pull_request` and `pull_request_target`). */
export function readPullRequestEvent(eventName: string | undefined, payload: unknown): PullRequestEvent {
  if (eventName === 'merge_group') throw new ActionError({ kind: 'merge-group' });
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') {
    throw new ActionError({ kind: 'unsupported-event', event: eventName ?? '(none)' });
  }
  const pr = get(payload, 'pull_request');
  const repo = get(payload, 'repository');
  const fields = {
    owner: get(get(repo, 'owner'), 'login'),
    repo: get(repo, 'name'),
    number: get(pr, 'number'),
    baseSha: get(get(pr, 'base'), 'sha'),
    baseRef: get(get(pr, 'base'), 'ref'),
    headSha: get(get(pr, 'head'), 'sha'),
    author: get(get(pr, 'user'), 'login'),
  };
  for (const [name, value] of Object.entries(fields)) {
    const ok = name === 'number' ? Number.isInteger(value) : typeof value === 'string' && value !== '';
    if (!ok) throw new ActionError({ kind: 'bad-event-payload', reason: `${name} is missing` });
  }
  return fields as PullRequestEvent;
}

function get(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A relative path that stays inside the repository (the contents API would refuse others anyway). */
function isRepositoryPath(path: string): boolean {
  return (
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !path.split('/').includes('..') &&
    !/^[a-z]+:/i.test(path)
  );
}
