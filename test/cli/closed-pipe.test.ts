import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtEntry } from '../support/built-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The CLI as a process whose reader has gone away before it writes (`blueprint-review lint | head`
 * once head has its lines): the pipe is closed at the start, so every write meets EPIPE.
 */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes the pipe early', { timeout: 120_000 }, () => {
  it('ends the output quietly, and the command still exits with its own code', async () => {
    // examples/flawed has findings: exit 1, as when the whole report is read.
    const lint = await runWithClosedStdout(['lint', 'examples/flawed']);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(1);
    const rules = await runWithClosedStdout(['rules']);
    expect(rules.stderr).toBe('');
    expect(rules.code).toBe(0);
  });
});
