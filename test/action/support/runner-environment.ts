/**
 * What a GitHub runner gives an action for a `pull_request` event on a test repository: the event
 * payload file (its head and base set to the repository's commits), the job summary and output
 * files (empty), and the environment that names them, with the Action's inputs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { payload } from '../../app/support/fake-github.js';
import type { TwoCommitRepo } from '../../app/support/git-repo.js';

export interface RunnerEnvironment {
  env: Record<string, string>;
  summary: string;
  outputs: string;
}

export function runnerEnvironment(
  dir: string,
  repo: TwoCommitRepo,
  options: { apiUrl: string; workspace: string; inputs?: Record<string, string> },
): RunnerEnvironment {
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify(
      payload('pull_request.opened', (p) => {
        const pr = p.pull_request as { head: { sha: string }; base: { sha: string } };
        pr.head.sha = repo.headSha;
        pr.base.sha = repo.baseSha;
      }),
    ),
  );
  const summary = path.join(dir, 'summary.md');
  const outputs = path.join(dir, 'outputs');
  writeFileSync(summary, '');
  writeFileSync(outputs, '');
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: outputs,
    'INPUT_GITHUB-TOKEN': 'ghs_workflow_token',
    'INPUT_FAIL-ON': 'error',
    'INPUT_SARIF-FILE': '',
    ...options.inputs,
  };
  return { env, summary, outputs };
}
