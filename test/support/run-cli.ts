import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process from `cwd`, collecting what it prints. */
export async function runCli(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, isTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
