import { DOCS_URL_ENV, parseDocsUrl } from '../report/docs-links.js';
import { invalidBudgetSettings } from './job-budget.js';
import { invalidReplicasSetting } from './queue-redis-replication.js';
import { tuningFromEnv } from './tuning-settings.js';

/** The settings the app needs before it may listen for webhooks (Probot's standard names). */
export function missingSettings(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.APP_ID) missing.push('APP_ID (the GitHub App id)');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH)
    missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH (the app's private key, PEM)");
  if (!env.WEBHOOK_SECRET) missing.push(WEBHOOK_SECRET_SETTING);
  return missing;
}

const WEBHOOK_SECRET_SETTING = 'WEBHOOK_SECRET (the secret set on the app’s webhook)';

/**
 * What the host that loaded the app (`probot run`) was given, from the environment or its command line
 * (`-a`, `-P`, `-s`) alike. Probot loads no app without an id and a private key, so only its webhook
 * secret is in question: one of the operator's, or Probot's well-known default.
 */
export interface LoadedWith {
  ownWebhookSecret: boolean;
}

/** Settings that are present but unusable: the app refuses them rather than ignoring them. */
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

/** Why the app will not start on these settings: some are missing, or present and unusable. */
export type SettingsRefusal =
  | { readonly kind: 'missing'; readonly settings: readonly string[] }
  | { readonly kind: 'invalid'; readonly settings: readonly string[] };

/**
 * What every start refuses, `npm start` (the Docker image's CMD) and `probot run` (the default export)
 * alike. Credentials are required in production, the mode unless NODE_ENV says otherwise: without a
 * webhook secret Probot would verify webhooks with its well-known "development" secret, so anyone could
 * send the app events.
 */
export function settingsRefusal(env: NodeJS.ProcessEnv, loaded?: LoadedWith): SettingsRefusal | undefined {
  // A blank NODE_ENV (`NODE_ENV=` in .env or `docker run -e NODE_ENV=`) is unset, not another mode.
  const production = (env.NODE_ENV?.trim() || 'production') === 'production';
  const missing = production ? (loaded ? missingWhenLoaded(loaded) : missingSettings(env)) : [];
  if (missing.length > 0) return { kind: 'missing', settings: missing };
  const invalid = invalidSettings(env);
  if (invalid.length > 0) return { kind: 'invalid', settings: invalid };
  return undefined;
}

function missingWhenLoaded(loaded: LoadedWith): string[] {
  return loaded.ownWebhookSecret ? [] : [WEBHOOK_SECRET_SETTING];
}

/** The refusal as the operator reads it: one setting a line, and what to do about missing ones. */
export function refusalText(refusal: SettingsRefusal): string {
  const listed = refusal.settings.map((setting) => `  - ${setting}`).join('\n');
  return refusal.kind === 'missing'
    ? `blueprint-review: cannot start, missing settings:\n${listed}\n` +
        'Register the app from app.yml (see README) and set these in the environment or in .env.\n'
    : `blueprint-review: cannot start, invalid settings:\n${listed}\n`;
}
