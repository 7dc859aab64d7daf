/**
 * `npm start` refuses to run without credentials (instead of Probot's setup wizard) and says what is
 * missing; a bad private key stops it too. Every start a user can make — `npm start` (the Docker
 * image's CMD, test/docker) and Probot's documented `probot run <app>` — refuses the same settings.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingSettings } from '../../src/app/environment.js';
import { fileURLToPath } from 'node:url';
import { builtEntry } from '../support/built-app.js';

const START_TIMEOUT_MS = 60_000;

/** Probot's own command line, as `npx probot run` starts it. */
const PROBOT_BIN = fileURLToPath(new URL('../../node_modules/probot/bin/probot.js', import.meta.url));

/** The starts a user can make: `npm start` (and the image's CMD), and `probot run` on the built app. */
const ENTRIES = {
  'npm start': () => [builtEntry('server')],
  'probot run': () => [PROBOT_BIN, 'run', builtEntry('app')],
};

function start(env: Record<string, string>, entry: keyof typeof ENTRIES = 'npm start') {
  // An empty working directory: no .env file is picked up.
  const cwd = mkdtempSync(path.join(tmpdir(), 'blueprint-review-server-'));
  return spawnSync(process.execPath, ENTRIES[entry](), {
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

/** Credentials Probot accepts (a real RSA key in a file), so that only the app's own checks can refuse. */
function credentials(): Record<string, string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'blueprint-review-key-'));
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  });
  writeFileSync(path.join(folder, 'key.pem'), key);
  return { APP_ID: '1', PRIVATE_KEY_PATH: path.join(folder, 'key.pem'), PORT: '0', HOST: '127.0.0.1' };
}

describe.each(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])(
  'every start refuses the settings npm start refuses: %s',
  { timeout: START_TIMEOUT_MS + 10_000 },
  (entry) => {
    it('exits 1 naming each invalid setting and the value it was given', () => {
      const result = start(
        {
          ...credentials(),
          WEBHOOK_SECRET: 's',
          BLUEPRINT_REVIEW_CONCURRENCY: 'four',
          BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '1e3',
        },
        entry,
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('blueprint-review: cannot start, invalid settings:');
      expect(result.stderr).toMatch(/BLUEPRINT_REVIEW_CONCURRENCY\b.*"four"/);
      expect(result.stderr).toMatch(/BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS\b.*"1e3"/);
    });

    it("exits 1 without a webhook secret rather than accept Probot's well-known one", () => {
      const result = start(credentials(), entry);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('blueprint-review: cannot start, missing settings:');
      expect(result.stderr).toContain('WEBHOOK_SECRET');
      // The reason, as the operator reads it: no stack trace, no dump of the error object.
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toContain('refusal:');
    });
  },
);

/**
 * `probot run` with `args`, until it listens (then stopped) or exits: what it printed, and its exit
 * code (null once it listened).
 */
function startUntilListening(env: Record<string, string>, args: string[]) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'blueprint-review-server-'));
  // Options go before the app's path: Probot's command line reads its first positional as the app.
  const [bin, run, app] = ENTRIES['probot run']();
  const child = spawn(process.execPath, [bin!, run!, ...args, app!], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve) => {
    child.stdout.on('data', () => {
      if (stdout.includes('Listening on')) child.kill();
    });
    child.on('exit', (code) =>
      resolve({ stdout, stderr, status: stdout.includes('Listening on') ? null : code }),
    );
  });
}

/** A port free now (the started app listens on it; Probot's default, 3000, may be taken). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Options as Probot 14's command line reads them: long names only, and not the first two arguments
 * (it drops them), so a harmless option goes first.
 */
const cliOptions = (...options: string[]) => ['--log-level', 'info', ...options];

describe('probot run', { timeout: START_TIMEOUT_MS + 10_000 }, () => {
  it('takes the credentials and the webhook secret given on its command line', async () => {
    const { APP_ID, PRIVATE_KEY_PATH, ...rest } = credentials();
    const result = await startUntilListening(
      { ...rest, PORT: String(await freePort()), BLUEPRINT_REVIEW_RECOVER_AT_START: 'false' },
      cliOptions('--app', APP_ID!, '--private-key', PRIVATE_KEY_PATH!, '--secret', 'a-secret'),
    );
    expect(result.stderr).not.toContain('cannot start');
    expect(result.status).toBeNull();
  });

  it("refuses Probot's well-known secret given on its command line", async () => {
    const result = await startUntilListening(
      { ...credentials(), PORT: String(await freePort()) },
      cliOptions('--secret', 'development'),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WEBHOOK_SECRET');
  });
});
