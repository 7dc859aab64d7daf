#!/usr/bin/env node
/**
 * `npm start`: the webhook server, configured by Probot's standard environment — `APP_ID`,
 * `PRIVATE_KEY` or `PRIVATE_KEY_PATH`, `WEBHOOK_SECRET`, `PORT`, `GHE_HOST`/`GHE_PROTOCOL` (a `.env`
 * file works too). It runs in production mode unless told otherwise, so missing credentials stop
 * it with a message instead of starting Probot's setup wizard, and a missing webhook secret is
 * refused rather than defaulting to Probot's well-known "development" secret.
 */
import { existsSync } from 'node:fs';
import { run } from 'probot';
import { invalidSettings, missingSettings } from './environment.js';
import app from './index.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.env.NODE_ENV ??= 'production';
  const missing = process.env.NODE_ENV === 'production' ? missingSettings(process.env) : [];
  if (missing.length > 0) {
    process.stderr.write(
      `blueprint-review: cannot start, missing settings:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
        'Register the app from app.yml (see README) and set these in the environment or in .env.\n',
    );
    process.exit(1);
  }
  const invalid = invalidSettings(process.env);
  if (invalid.length > 0) {
    process.stderr.write(
      `blueprint-review: cannot start, invalid settings:\n${invalid.map((m) => `  - ${m}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  try {
    await run(app);
  } catch (error) {
    process.stderr.write(`blueprint-review: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

await main();
