/**
 * docs/getting-started.md's "The CLI in one minute", run as written: each command of its block, from
 * a checkout (here: the examples beside this build), with the output and exit code its comment
 * claims, and the files the paragraph after it says the last command writes. A command the block
 * shows that a new user cannot run as written (`npx blueprint-review` in the checkout, which asks the
 * registry for a package never published) fails here.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtEntry } from '../support/built-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GUIDE = readFileSync(path.join(ROOT, 'docs/getting-started.md'), 'utf8');
const run = promisify(execFile);

interface Step {
  command: string;
  args: string[];
  /** What the line's comment claims: the exit code and, quoted, the output. */
  exit?: number;
  output?: string;
}

/** The commands of the section's first `sh` block, past the clone and the install. */
function minuteSteps(): Step[] {
  const section = GUIDE.split(/^## The CLI in one minute$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^(git clone|npm ci)\b/.test(line))
    .map((line) => {
      const [command = '', comment = ''] = line.split(/\s+#\s/);
      const exit = /exit (\d)/.exec(comment)?.[1];
      const output = /"([^"]+)"/.exec(comment)?.[1];
      return {
        command: command.trim(),
        args: command.trim().split(/\s+/),
        ...(exit !== undefined ? { exit: Number(exit) } : {}),
        ...(output !== undefined ? { output } : {}),
      };
    });
}

/** A folder laid out as the checkout is for these commands: the examples, and the build. */
let checkout: string;

beforeAll(() => {
  checkout = mkdtempSync(path.join(tmpdir(), 'bpr-getting-started-'));
  cpSync(path.join(ROOT, 'examples'), path.join(checkout, 'examples'), { recursive: true });
  symlinkSync(path.dirname(path.dirname(builtEntry('cli'))), path.join(checkout, 'build'));
});

describe('getting-started: the CLI in one minute', { timeout: 120_000 }, () => {
  const steps = minuteSteps();

  it('shows commands to run', () => {
    expect(steps.length).toBeGreaterThanOrEqual(3);
  });

  it.each(steps.map((s) => [s.command, s]))('%s', async (_command, step) => {
    // The checkout's own CLI: `node build/cli/main.js`; anything else would leave the checkout.
    expect(step.args.slice(0, 2)).toEqual(['node', 'build/cli/main.js']);
    const result = await run(process.execPath, step.args.slice(1), { cwd: checkout }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(step.exit ?? 0);
    if (step.output !== undefined) expect(result.stdout).toContain(step.output);
  });

  it('the last command writes the files the guide names', () => {
    const named = [
      ...(/The last command writes ([\s\S]*?)\n\n/.exec(GUIDE)?.[1] ?? '').matchAll(/`(out\/[^`]+)`/g),
    ];
    expect(named.map((m) => m[1])).toEqual(['out/order-to-cash.md', 'out/order-to-cash.html']);
    for (const [, file] of named) expect(existsSync(path.join(checkout, file!)), file).toBe(true);
  });
});
