/**
 * The Action's entry (bundled into dist/index.js): runs the review with the runner's environment and
 * sets the exit code. `done` settles with that code, so a test can import the bundle and wait for it.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ProbotOctokit } from 'probot';
import { explain } from '../app/review-job.js';
import type { ActionInputs, Env } from './inputs.js';
import { ActionError } from './inputs.js';
import type { ActionIO } from './main.js';
import { EXIT_FAILED, escapeCommand, runAction } from './main.js';

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

export const done: Promise<number> = runAction(processIO(), createOctokit).then(
  (code) => {
    process.exitCode = code;
    return code;
  },
  (error: unknown) => {
    const message = error instanceof ActionError ? error.message : explain(error);
    process.stdout.write(`::error::${escapeCommand(message)}\n`);
    process.exitCode = EXIT_FAILED;
    return EXIT_FAILED;
  },
);
