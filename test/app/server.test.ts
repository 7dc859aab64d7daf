/**
 * `npm start` refuses to run without credentials (instead of Probot's setup wizard) and says what is
 * missing; a bad private key stops it too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingSettings } from '../../src/app/environment.js';
import { builtEntry } from '../support/built-app.js';

const START_TIMEOUT_MS = 60_000;

function start(env: Record<string, string>) {
  // An empty working directory: no .env file is picked up.
  const cwd = mkdtempSync(path.join(tmpdir(), 'blueprint-review-server-'));
  return spawnSync(process.execPath, [builtEntry('server')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    // Loading the app takes a second, and far more on a busy machine.
    timeout: START_TIMEOUT_MS,
  });
}

describe('npm start', { timeout: START_TIMEOUT_MS + 10_000 }, () => {
  it('exits 1 and names every missing setting', () => {
    const result = start({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('blueprint-review: cannot start, missing settings:');
    expect(result.stderr).toContain('APP_ID');
    expect(result.stderr).toContain('PRIVATE_KEY or PRIVATE_KEY_PATH');
    expect(result.stderr).toContain('WEBHOOK_SECRET');
  });

  it('exits 1 on a private key that is not a key, instead of starting setup mode', () => {
    const result = start({ APP_ID: '1', PRIVATE_KEY: 'not a key', WEBHOOK_SECRET: 's', PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('blueprint-review: cannot start: Certificate is missing');
  });

  it('accepts PRIVATE_KEY_PATH in place of PRIVATE_KEY', () => {
    expect(missingSettings({ APP_ID: '1', PRIVATE_KEY_PATH: 'key.pem', WEBHOOK_SECRET: 's' })).toEqual([]);
    expect(missingSettings({ APP_ID: '1', WEBHOOK_SECRET: 's' })).toHaveLength(1);
  });
});
