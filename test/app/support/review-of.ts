/**
 * The review job as the app runs it for the shop example's pull request #7 into `main`, against the
 * nock-backed fake GitHub (`fake-github.ts`): one set-up for the tests that drive `runReview` directly.
 */
import { runReview } from '../../../src/app/review-job.js';
import { createSchemaValidator } from '../../../src/load/schema-validation.js';
import { ruleDocs } from '../../../src/review/rule-docs.js';
import { APP_ID } from './fake-github.js';
import { RULE_SET } from './shop.js';
import { tokenOctokit } from './unthrottled-octokit.js';

/** The review of pull request #7 at the repository's head, into `main`. */
export function reviewOf(repo: { headSha: string }, signal: AbortSignal = new AbortController().signal) {
  return runReview(
    {
      octokit: tokenOctokit(),
      owner: 'acme',
      repo: 'shop',
      pullNumber: 7,
      headSha: repo.headSha,
      base: 'main',
      force: false,
    },
    {
      checkName: 'Blueprint review',
      ruleSet: RULE_SET,
      validator: createSchemaValidator(),
      docs: ruleDocs(RULE_SET),
      appId: async () => APP_ID,
    },
    signal,
  );
}
