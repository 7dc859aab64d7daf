/**
 * The committed Action bundle (dist/index.js) run once in this process, as bundled-action.test.ts
 * runs it: the runner's environment for a `pull_request` event on a test repository, stdout
 * collected, the job summary read back. Requests go to nock (the fake GitHub).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_PATH } from '../../../src/action/bundle.js';
import type { TwoCommitRepo } from '../../app/support/git-repo.js';
import { runnerEnvironment } from './runner-environment.js';
import { capturingStdout } from './stdout-capture.js';

export interface BundleRun {
  code: number;
  stdout: string;
  summary: string;
}

let bundle: Promise<{ run(): Promise<number> }> | undefined;

/** Importing the bundle does not run it (only `node dist/index.js` does): loaded once. */
export function loadBundle(): Promise<{ run(): Promise<number> }> {
  bundle ??= import(/* @vite-ignore */ pathToFileURL(BUNDLE_PATH).href) as Promise<{
    run(): Promise<number>;
  }>;
  return bundle;
}

/** Runs the bundle with `inputs`; the environment and stdout are restored after. */
export async function runBundle(
  repo: TwoCommitRepo,
  inputs: Record<string, string> = {},
): Promise<BundleRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'action-run-'));
  const savedEnv = { ...process.env };
  const { env, summary } = runnerEnvironment(dir, repo, {
    apiUrl: 'https://api.github.com',
    workspace: dir,
    inputs,
  });
  Object.assign(process.env, env);
  try {
    const { value: code, stdout } = await capturingStdout(async () => (await loadBundle()).run());
    return { code, stdout, summary: readFileSync(summary, 'utf8') };
  } finally {
    process.env = savedEnv;
    process.exitCode = 0;
    rmSync(dir, { recursive: true, force: true });
  }
}
