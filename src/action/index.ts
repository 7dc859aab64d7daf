/**
 * The Action's entry (bundled into dist/index.js): runs the review with the runner's environment and
 * sets the exit code.
 */
import { appendFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProbotOctokit } from 'probot';
import { explain } from '../app/job-errors.js';
import type { ActionInputs, Env } from './inputs.js';
import { ActionError } from './inputs.js';
import type { ActionIO } from './main.js';
import { commandText, EXIT_FAILED, runAction } from './main.js';

export function createOctokit(inputs: ActionInputs, env: Env): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({
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
      mkdirSync(path.dirname(file), { recursive: true });
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
    (error: unknown) => {
      const message = error instanceof ActionError ? error.message : explain(error);
      process.stdout.write(`::error::${commandText(message)}\n`);
      process.exitCode = EXIT_FAILED;
      return EXIT_FAILED;
    },
  );
}

// The runner starts `node dist/index.js`; a test imports the bundle and calls `run()` itself.
const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) void run();
