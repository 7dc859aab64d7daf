/**
 * Check runs of this app as GitHub lists them (`GET /repos/{owner}/{repo}/commits/{ref}/check-runs`),
 * for tests that answer that listing with nock: each run completed, with GitHub's `completed_at`.
 */
import { APP_ID } from './fake-github.js';

export interface CompletedRun {
  id: number;
  name: string;
  conclusion: string;
  /** GitHub's time the run completed (ISO 8601). */
  completedAt: string;
  output: { title: string; summary: string };
}

/** One completed run of the app, in GitHub's words. */
export function completedRun(run: CompletedRun) {
  return {
    id: run.id,
    name: run.name,
    status: 'completed',
    conclusion: run.conclusion,
    completed_at: run.completedAt,
    app: { id: APP_ID },
    output: { ...run.output, text: null },
  };
}

/** The listing's answer: `runs`, all of them. */
export function listedRuns(...runs: CompletedRun[]) {
  return { total_count: runs.length, check_runs: runs.map(completedRun) };
}
