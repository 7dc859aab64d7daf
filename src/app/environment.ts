import { DOCS_URL_ENV, parseDocsUrl } from '../report/docs-links.js';
import { invalidBudgetSettings } from './job-budget.js';
import { invalidReplicasSetting } from './queue-redis-replication.js';
import { tuningFromEnv } from './tuning-settings.js';

/** The settings `npm start` needs before it may listen for webhooks (Probot's standard names). */
export function missingSettings(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.APP_ID) missing.push('APP_ID (the GitHub App id)');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH)
    missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH (the app's private key, PEM)");
  if (!env.WEBHOOK_SECRET) missing.push('WEBHOOK_SECRET (the secret set on the app’s webhook)');
  return missing;
}

/** Settings that are present but unusable: `npm start` refuses them rather than ignoring them. */
export function invalidSettings(env: NodeJS.ProcessEnv): string[] {
  const invalid: string[] = [];
  const docsUrl = env[DOCS_URL_ENV];
  if (docsUrl) {
    const parsed = parseDocsUrl(docsUrl);
    if (parsed.kind === 'invalid') invalid.push(`${DOCS_URL_ENV}: ${parsed.reason}`);
  }
  invalid.push(...invalidBudgetSettings(env));
  invalid.push(...invalidReplicasSetting(env));
  invalid.push(...tuningFromEnv(env).problems);
  return invalid;
}
