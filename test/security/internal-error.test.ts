/**
 * The CLI's last resort, an unexpected exception, prints its stack trace to stderr — in a terminal
 * or a GitHub Actions log. The trace's first lines are the error's message, and a message quotes
 * what failed: here Node's ENXIO names the file `lint --output` could not open (a socket stands
 * there), a path a workflow may build from repository text. Each line of it must be inert: no terminal escape (ESC, C1 CSI),
 * no bidi override, no carriage return that rewrites the line, no workflow command at a line start.
 * The same holds for the one line said when the folder cannot be written for a reason the user
 * can fix (a file in the way). Tried with a real process, since the handler is the one `main()`
 * never returns from.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtEntry } from '../support/built-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A folder name Linux accepts: a screen clear, a C1 CSI, a right-to-left override, forged lines. */
const HOSTILE = 'x\u001b[2J\u009b31m\u202eevil\r::error::forged\n::add-mask::secret\n  ::warning::indented';

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

// C0 but the line feed that separates the trace's lines, DEL, C1, bidi formatting characters.
const ACTIVE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('an internal error', { timeout: 120_000 }, () => {
  it('prints every line of its trace inert, the quoted path still readable', async () => {
    // A socket cannot be opened as a file, and Node's ENXIO quotes the whole path — a refusal the CLI
    // has no words for (no user writes a report to a socket), so it stays an internal error. (The
    // socket is made under /tmp, not the tests' longer TMPDIR: a socket's path may not pass 107 bytes,
    // and a longer one is cut short, so the report would be written as a file beside it.)
    const folder = mkdtempSync('/tmp/bpr-');
    const socket = path.join(folder, HOSTILE);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const result = await runCli(['lint', 'examples/order-to-cash', '--output', socket]).finally(() => {
      server.close();
      rmSync(folder, { recursive: true, force: true });
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('blueprint-review: internal error: Error: ENXIO');
    // The hostile text is there, shown as escapes, and the trace still has its frames.
    expect(result.stderr).toContain('x\\x1b[2J\\x9b31m\\u202eevil');
    expect(result.stderr).toMatch(/\n {4}at /);
    expectInert(result.stderr);
  });

  it('a folder it cannot write is said on one inert line, the quoted path still readable', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bpr-unwritable-')), 'a-file');
    writeFileSync(file, '');
    const result = await runCli(['doc', 'examples/order-to-cash', '--out', path.join(file, HOSTILE)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('blueprint-review doc: cannot write ');
    expect(result.stderr).toContain('x\\x1b[2J\\x9b31m\\u202eevil');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectInert(result.stderr);
  });
});

function expectInert(stderr: string): void {
  for (const line of stderr.split('\n')) {
    expect(line, JSON.stringify(line)).not.toMatch(ACTIVE);
    expect(line.trimStart().startsWith('::'), line).toBe(false);
  }
}
