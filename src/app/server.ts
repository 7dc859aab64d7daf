#!/usr/bin/env node
/**
 * `npm start`: the webhook server, configured by Probot's standard environment — `APP_ID`,
 * `PRIVATE_KEY` or `PRIVATE_KEY_PATH`, `WEBHOOK_SECRET`, `PORT`, `GHE_HOST`/`GHE_PROTOCOL`,
 * `REDIS_URL` (a `.env` file works too) — plus the app's own `BLUEPRINT_REVIEW_*` settings (README).
 * It runs in production mode unless told otherwise, so missing credentials stop it with a message
 * instead of starting Probot's setup wizard, and a missing webhook secret is refused rather than
 * defaulting to Probot's well-known "development" secret.
 *
 * On SIGTERM it stops taking webhooks and jobs, lets the running jobs finish within the grace period
 * (`BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS`, default 25), hands back the rest (with Redis another
 * replica takes them over) and exits.
 */
import { existsSync } from 'node:fs';
import { ProbotOctokit, run } from 'probot';
import { withBriefRateLimitRetries } from '../adapters/github/rate-limit-bound.js';
import { refusalText, settingsRefusal } from './environment.js';
import { createBlueprintReviewApp, optionsFromEnv, shutdownGraceMs } from './index.js';
import { installProcessGuards } from './job-boundary.js';

/** One JSON line on stderr, like Probot's own (pino) log lines. */
const stderrLog = {
  error(details: { err?: unknown }, message: string) {
    const err =
      details.err instanceof Error
        ? { type: details.err.name, message: details.err.message, stack: details.err.stack }
        : details.err;
    process.stderr.write(
      `${JSON.stringify({ level: 50, time: Date.now(), name: 'blueprint-review', msg: message, err })}\n`,
    );
  },
};

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (!process.env.NODE_ENV?.trim()) process.env.NODE_ENV = 'production';
  const refusal = settingsRefusal(process.env);
  if (refusal) {
    process.stderr.write(refusalText(refusal));
    process.exit(1);
  }
  const app = createBlueprintReviewApp(optionsFromEnv(process.env));
  let server: Awaited<ReturnType<typeof run>>;
  installProcessGuards(process, stderrLog);
  try {
    // Probot would cluster its own request throttling through Redis (Bottleneck: three Lua scripts
    // per request, reads included); the app shares only the write budget, far cheaper (shared-throttle.ts).
    // Probot's octokit would wait out a primary rate limit inside one request, for up to an hour,
    // twice: its handlers retry brief limits only, and the queue waits out the rest (rate-limit-bound.ts).
    server = await run(app.app, {
      env: { ...process.env, REDIS_URL: undefined },
      Octokit: withBriefRateLimitRetries(ProbotOctokit),
    });
  } catch (error) {
    process.stderr.write(`blueprint-review: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.once('SIGTERM', () => {
    const grace = shutdownGraceMs(process.env);
    process.stderr.write(`blueprint-review: SIGTERM: finishing running jobs (up to ${grace / 1000} s)\n`);
    void server
      .stop()
      .catch(() => {})
      .then(() => app.runtime()?.close(grace))
      .finally(() => process.exit(0));
  });
}

await main();
