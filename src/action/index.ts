/**
 * The Action's entry (bundled into dist/index.js): runs the review with the runner's environment and
 * sets the exit code.
 */
import { appendFileSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProbotOctokit } from 'probot';
import { makeFolder } from '../adapters/make-folder.js';
import { withBriefRateLimitRetries } from '../adapters/github/rate-limit-bound.js';
import { explain } from '../app/job-errors.js';
import type { ActionInputs, Env } from './inputs.js';
import { ActionError } from './inputs.js';
import type { ActionIO } from './main.js';
import { EXIT_FAILED, failureSummary, runAction } from './main.js';
import { errorCommand } from '../report/workflow-annotations.js';

/**
 * Probot's octokit, its rate-limit handling bounded as the app's is (rate-limit-bound.ts): Probot's
 * own waits for a primary limit's reset — up to an hour, inside one request, the runner held and the
 * log silent — and retries again after. Here the plugin retries only a brief limit, once; anything
 * longer reaches the review's client, which waits up to a minute (main.ts) and otherwise fails the
 * step, saying GitHub rate-limited it and to re-run.
 */
const ActionOctokit = withBriefRateLimitRetries(ProbotOctokit);

export function createOctokit(inputs: ActionInputs, env: Env): InstanceType<typeof ProbotOctokit> {
  return new ActionOctokit({
    auth: { token: inputs.token },
    // GitHub Enterprise Server runners set their own API URL.
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
  });
}

export function processIO(): ActionIO {
  return {
    env: process.env,
    readFile: (file) => readFileSync(file, 'utf8'),
    writeFile: (file, text) => {
      makeFolder(path.dirname(file));
      writeFileSync(file, text);
    },
    appendFile: (file, text) => appendFileSync(file, text),
    log: (line) => process.stdout.write(`${line}\n`),
  };
}

/** Runs the Action once with this process's environment; settles with the exit code it set. */
export function run(): Promise<number> {
  return runAction(processIO(), createOctokit).then(
    (code) => {
      process.exitCode = code;
      return code;
    },
    (error: unknown) => reportFailure(error),
  );
}

/**
 * The step fails on one error line of ours saying why, and the job summary says it too (where a
 * reader of the run looks first): inert, however the error quotes its input.
 */
function reportFailure(error: unknown): number {
  const message = error instanceof ActionError ? error.message : explain(error);
  process.stdout.write(`${errorCommand(message)}\n`);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  try {
    if (summary) appendFileSync(summary, failureSummary(message));
  } catch {
    // The error line above already says why the step failed; a summary file that cannot be written adds nothing to fix.
  }
  process.exitCode = EXIT_FAILED;
  return EXIT_FAILED;
}

/**
 * An error that escapes the run's promise (thrown in a library's callback, a rejection nothing
 * awaited) would reach stderr as Node prints it — the stack, whose first lines are the error's
 * message, raw — and the runner reads stderr for workflow commands as it reads stdout: a line break
 * in a quoted path, then `::add-mask::` or `::stop-commands::`, and the runner obeys. It is reported
 * as every failure is, and the step ends failed, as Node would have ended it.
 */
function failOnEscapedErrors(): void {
  const fail = (error: unknown) => process.exit(reportFailure(error));
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

// The runner starts `node dist/index.js`; a test imports the bundle and calls `run()` itself.
const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  failOnEscapedErrors();
  void run();
}
