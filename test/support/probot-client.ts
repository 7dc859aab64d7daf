/**
 * A GitHubClient over Octokit as Probot builds it — its retry plugin on, with a 1 ms base so a retry
 * costs nothing — for tests of how the client reads GitHub's answers (nock'd).
 */
import { ProbotOctokit } from 'probot';
import type { ClientOptions } from '../../src/adapters/github/client.js';
import { GitHubClient } from '../../src/adapters/github/client.js';

export function probotClient(options: ClientOptions = {}): GitHubClient {
  const octokit = new ProbotOctokit({
    auth: { token: 'ghs_test' },
    retry: { retryAfterBaseValue: 1 },
    throttle: { enabled: false },
  });
  return new GitHubClient(octokit, 'acme', 'shop', options);
}
