import type { WorkflowCommand } from '../report/workflow-annotations.js';

/** What a command may touch besides the file system: streams and the environment, injectable for tests. */
export interface CliIO {
  stdout: (text: string) => void;
  /**
   * GitHub Actions workflow commands (`--format github`), one per line on standard output. Everything
   * else printed is made inert for the runner (cli/main.ts); these are the only commands meant as
   * such, escaped where they were built. Printed through `stdout` when absent.
   */
  workflowCommands?: (commands: readonly WorkflowCommand[]) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether standard output is a terminal. */
  isTTY: boolean;
  /** The environment (`FORCE_COLOR`, `NO_COLOR`, `BLUEPRINT_REVIEW_DOCS_URL`); none when omitted. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Standard input, read whole (`diff - head.yaml`). */
  readStdin?: () => Promise<string>;
  /** Terminal width, for wrapping text output. */
  columns?: number;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage or configuration mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function processIO(): CliIO {
  return {
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}

/**
 * Writes to a standard stream until its reader goes away. A reader that stops early (`| head`,
 * `| grep -q`) closes the pipe, and Node reports the next write as an EPIPE error event, which
 * nothing handled: the CLI crashed with a stack trace. The rest of the output has nowhere to go,
 * so it is dropped, and the command still finishes with its own exit code (what `set -o pipefail`
 * reads). Any other stream error is still thrown.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/**
 * Colour as Node and most tools decide it: `FORCE_COLOR` wins (`0`/`false` turn it off), then a
 * non-empty `NO_COLOR` turns it off, then only a terminal (not `TERM=dumb`, not a file) gets colour.
 */
export function colorEnabled(io: CliIO, toFile: boolean): boolean {
  const env = io.env ?? {};
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return !toFile && io.isTTY && env.TERM !== 'dumb';
}
