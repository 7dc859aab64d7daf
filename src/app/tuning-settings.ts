/**
 * The replica's tuning from the environment — how many jobs at once, how writes are spaced, how long
 * a job's claim lasts, how often dead replicas' jobs are looked for, the shutdown grace — read once,
 * one way: the app takes the values (index.ts), and `npm start` refuses the problems
 * (environment.ts `invalidSettings`) rather than run on a default the operator did not ask for.
 */
import type { WholeNumberSetting } from './env-setting.js';
import { positiveNumberSetting, wholeNumberSetting } from './env-setting.js';

export interface Tuning {
  /** Jobs running at once in this replica (a whole number, at least 1). */
  concurrency?: number;
  /** The spacing of an installation's writes, in milliseconds. */
  writeSpacingMs?: number;
  lockSeconds?: number;
  stalledCheckSeconds?: number;
  shutdownGraceSeconds?: number;
}

const READERS: Record<keyof Tuning, (env: NodeJS.ProcessEnv) => WholeNumberSetting> = {
  concurrency: (env) => wholeNumberSetting(env, 'BLUEPRINT_REVIEW_CONCURRENCY', 1),
  writeSpacingMs: (env) => positiveNumberSetting(env, 'BLUEPRINT_REVIEW_WRITE_SPACING_MS'),
  lockSeconds: (env) => positiveNumberSetting(env, 'BLUEPRINT_REVIEW_JOB_LOCK_SECONDS'),
  stalledCheckSeconds: (env) => positiveNumberSetting(env, 'BLUEPRINT_REVIEW_STALLED_CHECK_SECONDS'),
  shutdownGraceSeconds: (env) => positiveNumberSetting(env, 'BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS'),
};

/** The tuning the environment sets (a setting unset or refused is left out: its default holds). */
export function tuningFromEnv(env: NodeJS.ProcessEnv): { tuning: Tuning; problems: string[] } {
  const tuning: Tuning = {};
  const problems: string[] = [];
  for (const [key, read] of Object.entries(READERS) as [keyof Tuning, (typeof READERS)[keyof Tuning]][]) {
    const setting = read(env);
    if (setting.kind === 'ok') tuning[key] = setting.value;
    else if (setting.kind === 'invalid') problems.push(setting.problem);
  }
  return { tuning, problems };
}
