/**
 * The Probot app. The entry only wires: one runtime (queue, settings) and the handlers that turn
 * events into queued jobs.
 */
import { createHmac } from 'node:crypto';
import type { ApplicationFunction, Probot } from 'probot';
import { registerReviewHandlers } from './handlers/review.js';
import { registerSignoffHandlers } from './handlers/signoff.js';
import { registerMergeGroupHandlers } from './handlers/merge-group.js';
import { registerBaseConfigHandlers } from './handlers/base-config.js';
import { registerOrgConfigHandler } from './handlers/org-config.js';
import type { HttpHandler } from './http.js';
import type { AppOptions, AppRuntime } from './runtime.js';
import { createRuntime } from './runtime.js';
import { DOCS_URL_ENV, parseDocsUrl } from '../report/docs-links.js';
import { budgetFromEnv, workerThreadsFromEnv } from './job-budget.js';
import { replicasFromEnv } from './queue-redis-replication.js';
import { tuningFromEnv } from './tuning-settings.js';
import { refusalText, settingsRefusal } from './environment.js';

export interface BlueprintReviewApp {
  app: ApplicationFunction;
  /** Set once Probot loads the app: tests wait on `runtime.queue.idle()`. */
  runtime(): AppRuntime | undefined;
}

export function createBlueprintReviewApp(options: AppOptions = {}): BlueprintReviewApp {
  let runtime: AppRuntime | undefined;
  return {
    app: (app: Probot, context?: { addHandler?: (handler: HttpHandler) => void }) => {
      runtime = createRuntime(app, options);
      registerReviewHandlers(app, runtime);
      if (options.signoff !== false) registerSignoffHandlers(app, runtime);
      registerMergeGroupHandlers(app, runtime);
      registerBaseConfigHandlers(app, runtime);
      registerOrgConfigHandler(app, runtime);
      addHttpHandler(context, runtime.http);
    },
    runtime: () => runtime,
  };
}

/** Probot's server takes extra routes; a Probot without one (`probot.load` in tests) throws "No server instance". */
function addHttpHandler(
  context: { addHandler?: (handler: HttpHandler) => void } | undefined,
  handler: HttpHandler,
) {
  try {
    context?.addHandler?.(handler);
  } catch {
    // No HTTP server to add the routes to.
  }
}

/**
 * The app as `probot run` loads it, configured from the environment (`npm start` uses server.ts). It
 * refuses what `npm start` refuses, with the same text: Probot's own start would otherwise run on a
 * setting nobody meant, or verify webhooks with its well-known default secret. The secret is the one
 * Probot holds, from `WEBHOOK_SECRET` or `-s` alike. A refusal ends the start as npm start's does:
 * thrown, Probot's command line would print it with a stack trace and the error's fields.
 */
const blueprintReview: ApplicationFunction = async (app, context) => {
  const refusal = settingsRefusal(process.env, { ownWebhookSecret: !(await hasWellKnownSecret(app)) });
  if (refusal) {
    process.stderr.write(refusalText(refusal));
    process.exit(1);
  }
  createBlueprintReviewApp(optionsFromEnv(process.env)).app(app, context);
};

/** Probot's secret when it was given none (its `defaultWebhookSecret`, not exported). */
const PROBOT_DEFAULT_SECRET = 'development';

/** Whether Probot signs webhooks with its default secret: its own signature of a probe, compared. */
async function hasWellKnownSecret(app: Probot): Promise<boolean> {
  const probe = 'blueprint-review: which webhook secret';
  const wellKnown = `sha256=${createHmac('sha256', PROBOT_DEFAULT_SECRET).update(probe).digest('hex')}`;
  return (await app.webhooks.sign(probe)) === wellKnown;
}

export default blueprintReview;

export function optionsFromEnv(env: NodeJS.ProcessEnv): AppOptions {
  // Reviews run in worker threads unless told otherwise: the webhook server stays responsive.
  const options: AppOptions = { workerThreads: workerThreadsFromEnv(env) };
  const { tuning } = tuningFromEnv(env);
  if (tuning.concurrency) options.concurrency = tuning.concurrency;
  // A job past its time or its thread past its memory is stopped and fails closed (job-budget.ts).
  options.jobBudget = budgetFromEnv(env);
  // Where the rule docs are published, for links in comments; an invalid value is refused at start
  // (invalidSettings), and without one the comments carry the rules' explanations inline.
  const docsUrl = parseDocsUrl(env[DOCS_URL_ENV] ?? '');
  if (docsUrl.kind === 'ok') options.docsUrl = docsUrl.url;
  // Probot's own setting: with it, Probot also clusters its GitHub request throttling on Redis.
  if (env.REDIS_URL) options.redisUrl = env.REDIS_URL;
  // A crash loses the in-process queue, and a Redis without persistence loses the shared one on a
  // restart: then what was left unfinished is found on GitHub and queued again.
  options.recoverAtStart = env.BLUEPRINT_REVIEW_RECOVER_AT_START !== 'false';
  // The app's own spacing of an installation's writes; notifying writes and searches keep GitHub's ratios.
  const writeSpacing = tuning.writeSpacingMs;
  if (writeSpacing)
    options.spacingMs = { write: writeSpacing, notification: 3 * writeSpacing, search: 2 * writeSpacing };
  const { lockSeconds, stalledCheckSeconds: stalledSeconds } = tuning;
  // A job counts as queued once that many Redis replicas have it (a failover then keeps it).
  const replicas = replicasFromEnv(env);
  if (lockSeconds || stalledSeconds || replicas)
    options.redisQueue = {
      ...(lockSeconds ? { lockMs: lockSeconds * 1000 } : {}),
      ...(stalledSeconds ? { stalledIntervalMs: stalledSeconds * 1000 } : {}),
      ...(replicas ? { replicasToAcknowledge: replicas } : {}),
    };
  return options;
}

/** Seconds to wait for running jobs on SIGTERM before handing them back (default 25). */
export function shutdownGraceMs(env: NodeJS.ProcessEnv): number {
  return (tuningFromEnv(env).tuning.shutdownGraceSeconds ?? 25) * 1000;
}
