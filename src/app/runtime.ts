/**
 * What the app's handlers share: the review queue, the review settings, and the test for events the
 * app caused itself. Created once per Probot app; the sign-off gate registers its handlers on the
 * same runtime (its own check run, its own `pull_request_review` handler) without touching these.
 */
import type { Probot } from 'probot';
import type { RuleSet } from '../engine/rule-set.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { ruleDocs } from '../review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import type { ClientOptions } from '../adapters/github/client.js';
import { BlobCache } from '../adapters/github/file-source.js';
import { ReviewQueue } from './queue.js';
import type { ReviewRunResult, ReviewSettings } from './review-job.js';
import type { Octokit } from '../adapters/github/client.js';

export const REVIEW_CHECK_NAME = 'Blueprint review';

export interface AppOptions {
  checkName?: string;
  /** Reviews running at once across pull requests (default 4). */
  concurrency?: number;
  ruleSet?: RuleSet;
  docsBaseUrl?: string;
  client?: ClientOptions;
  /** The app's own login (`<slug>[bot]`); looked up once when not given. */
  botLogin?: string;
  /** The "Blueprint sign-off" check (default on). */
  signoff?: boolean;
}

/** A review run that just ended: the sign-off gate re-evaluates the pull request then. */
export interface ReviewFinished {
  octokit: Octokit;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  result: ReviewRunResult;
}

export interface AppRuntime {
  queue: ReviewQueue;
  settings: ReviewSettings;
  /** True for events whose sender is this app (its own actions must not trigger it again). */
  isOwnEvent(sender: { type?: string; login?: string } | undefined): Promise<boolean>;
  /** The app's own login (`<slug>[bot]`). */
  botLogin(): Promise<string>;
  onReviewFinished(listener: (event: ReviewFinished) => void): void;
  reviewFinished(event: ReviewFinished): void;
}

export function createRuntime(app: Probot, options: AppOptions = {}): AppRuntime {
  const ruleSet = options.ruleSet ?? RULE_SET;
  const settings: ReviewSettings = {
    checkName: options.checkName ?? REVIEW_CHECK_NAME,
    ruleSet,
    validator: createSchemaValidator(),
    docs: ruleDocs(ruleSet, options.docsBaseUrl ? { baseUrl: options.docsBaseUrl } : {}),
    ...(options.client ? { client: options.client } : {}),
    log: app.log,
    blobs: new BlobCache(),
  };
  let botLogin: Promise<string> | undefined = options.botLogin
    ? Promise.resolve(options.botLogin)
    : undefined;
  const lookUpLogin = async () => {
    const octokit = await app.auth();
    const { data } = await octokit.rest.apps.getAuthenticated();
    return `${data?.slug ?? ''}[bot]`;
  };
  const reviewListeners: ((event: ReviewFinished) => void)[] = [];
  return {
    queue: new ReviewQueue(options.concurrency ?? 4, app.log),
    settings,
    botLogin() {
      const pending = (botLogin ??= lookUpLogin());
      // A failed lookup is not remembered: the next caller asks again.
      pending.catch(() => {
        if (botLogin === pending) botLogin = undefined;
      });
      return pending;
    },
    onReviewFinished(listener) {
      reviewListeners.push(listener);
    },
    reviewFinished(event) {
      for (const listener of reviewListeners) listener(event);
    },
    async isOwnEvent(sender) {
      if (sender?.type !== 'Bot') return false;
      botLogin ??= lookUpLogin();
      try {
        return sender.login === (await botLogin);
      } catch (error) {
        botLogin = undefined;
        app.log.warn({ err: error }, 'could not look up the app login; treating the bot event as foreign');
        return false;
      }
    },
  };
}
