/**
 * A Probot as the app's tests run one: the webhook secret `test-secret`, quiet unless TEST_LOG_LEVEL
 * asks otherwise, and Probot's client without its retries and spacing (unthrottled-octokit.ts).
 * `privateKey` is the caller's: generating one takes a while, so a test file makes it once.
 */
import { Probot } from 'probot';
import type { Logger } from 'probot';
import { APP_ID } from './fake-github.js';
import { unthrottledOctokit } from './unthrottled-octokit.js';

export interface TestProbotOptions {
  privateKey: string;
  appId?: number;
  /** GitHub's API (default: api.github.com, which nock answers). */
  baseUrl?: string;
  /** Where the app logs (default: Probot's own, at TEST_LOG_LEVEL). */
  log?: Logger;
}

export function testProbot({ privateKey, appId = APP_ID, baseUrl, log }: TestProbotOptions): Probot {
  return new Probot({
    appId,
    privateKey,
    secret: 'test-secret',
    ...(baseUrl ? { baseUrl } : {}),
    logLevel: (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal',
    ...(log ? { log } : {}),
    Octokit: unthrottledOctokit(),
  });
}
