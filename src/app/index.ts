/**
 * The Probot app. The entry only wires: one runtime (queue, settings) and the handlers that turn
 * events into queued jobs.
 */
import type { ApplicationFunction, Probot } from 'probot';
import { registerReviewHandlers } from './handlers/review.js';
import { registerSignoffHandlers } from './handlers/signoff.js';
import type { AppOptions, AppRuntime } from './runtime.js';
import { createRuntime } from './runtime.js';
import { DOCS_URL_ENV, parseDocsUrl } from '../report/docs-links.js';

export interface BlueprintReviewApp {
  app: ApplicationFunction;
  /** Set once Probot loads the app: tests wait on `runtime.queue.idle()`. */
  runtime(): AppRuntime | undefined;
}

export function createBlueprintReviewApp(options: AppOptions = {}): BlueprintReviewApp {
  let runtime: AppRuntime | undefined;
  return {
    app: (app: Probot) => {
      runtime = createRuntime(app, options);
      registerReviewHandlers(app, runtime);
      if (options.signoff !== false) registerSignoffHandlers(app, runtime);
    },
    runtime: () => runtime,
  };
}

/** The app as `probot run` and `npm start` load it, configured from the environment. */
const blueprintReview: ApplicationFunction = (app, context) =>
  createBlueprintReviewApp(optionsFromEnv(process.env)).app(app, context);

export default blueprintReview;

export function optionsFromEnv(env: NodeJS.ProcessEnv): AppOptions {
  const options: AppOptions = {};
  if (env.BLUEPRINT_REVIEW_CONCURRENCY)
    options.concurrency = Math.max(1, Number(env.BLUEPRINT_REVIEW_CONCURRENCY) || 4);
  // Where the rule docs are published, for links in comments; an invalid value is refused at start
  // (invalidSettings), and without one the comments carry the rules' explanations inline.
  const docsUrl = parseDocsUrl(env[DOCS_URL_ENV] ?? '');
  if (docsUrl.kind === 'ok') options.docsUrl = docsUrl.url;
  return options;
}
