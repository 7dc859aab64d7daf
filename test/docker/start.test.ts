/**
 * The image's start command outside Docker: `npm start` with production settings and test credentials
 * serves the health route the HEALTHCHECK asks, and the HEALTHCHECK command itself reports healthy.
 *
 * It runs in a folder laid out like the image's runtime stage (package.json, build/, schemas/, app.yml,
 * the dependencies), compiled there: the checkout's own build/ is never rewritten, so the tarball test
 * (which packs build/) cannot pack files this test is writing, and what starts is only what the image
 * copies.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOf, parseDockerfile } from './dockerfile.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls the health route until it answers 200; fails at once if the server exits first. */
async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (let attempt = 0; attempt < 240; attempt++) {
    if (exited !== undefined)
      throw new Error(`npm start exited with ${exited} before serving /ping:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start never answered ${url}:\n${output()}`);
}

describe('npm start (the Docker image CMD) outside Docker', () => {
  let child: ChildProcess | undefined;
  let output = '';
  let port = 0;
  let image = '';

  beforeAll(async () => {
    // The image's runtime stage: the build stage's build/ (compiled as `npm run build` does, into this
    // folder), the package files the Dockerfile copies, and the installed dependencies.
    image = mkdtempSync(path.join(os.tmpdir(), 'blueprint-review-image-'));
    const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
    await run(tsc, ['-p', 'tsconfig.build.json', '--outDir', path.join(image, 'build')], { cwd: repoRoot });
    for (const file of ['package.json', 'package-lock.json', 'app.yml'])
      copyFileSync(path.join(repoRoot, file), path.join(image, file));
    cpSync(path.join(repoRoot, 'schemas'), path.join(image, 'schemas'), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(image, 'node_modules'), 'dir');
    port = await freePort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    child = spawn('npm', ['start'], {
      cwd: image,
      detached: true, // its own process group, so the whole tree (npm, sh, node) is stopped at the end
      env: {
        // Only what the server needs (plus PATH and HOME for npm): nothing from this shell leaks in.
        ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
        ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
        NODE_ENV: 'production',
        APP_ID: '123456',
        PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        WEBHOOK_SECRET: randomBytes(16).toString('hex'),
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await waitUntilHealthy(`http://127.0.0.1:${port}/ping`, child, () => output);
  }, 180_000);

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    if (image) rmSync(image, { recursive: true, force: true });
  }, 30_000);

  it('serves GET /ping with PONG', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('PONG');
  });

  it("is healthy by the Dockerfile's own HEALTHCHECK command", async () => {
    const health = parseDockerfile(readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8')).find(
      (i) => i.keyword === 'HEALTHCHECK',
    )!;
    const [command, ...args] = commandOf(health.args.replace(/^CMD\s+/, ''));
    const env = { PATH: process.env.PATH, PORT: String(port) };
    await expect(run(command!, args, { env })).resolves.toBeDefined();
    // …and unhealthy when nothing listens there.
    await expect(run(command!, args, { env: { ...env, PORT: String(await freePort()) } })).rejects.toThrow();
  });
});
