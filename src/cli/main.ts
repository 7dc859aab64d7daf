#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { plainText } from '../core/inert-text.js';
import { runnerInert, terminalInert } from '../core/stream-inert.js';
import { VERSION } from '../version.js';
import { COMMANDS, findCommand } from './commands/index.js';
import type { CliIO } from './io.js';
import { EXIT, processIO, UsageError } from './io.js';
import { UnlistableFolderError } from '../core/snapshot-errors.js';
import { commandHelp, runCommand } from './run-command.js';
import { tuneForShortProcess } from './tiering.js';

const USAGE = 'Usage: blueprint-review <command> [options]';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `blueprint-review ${VERSION} — review integration architecture blueprints

${USAGE}

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show this help (blueprint-review <command> --help: the command's options)
  --version      print the version

Exit codes: 0 nothing at or above the threshold (--fail-on), 1 findings, 2 usage or configuration error.
`;
}

export async function main(argv: readonly string[], streams: CliIO): Promise<number> {
  const io = inertIO(streams);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(help());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(help());
    return EXIT.ok;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === 'help') {
    const topic = rest[0] === undefined ? undefined : findCommand(rest[0]);
    io.stdout(topic ? commandHelp(topic) : help());
    return rest[0] === undefined || topic ? EXIT.ok : EXIT.usage;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr(
      `blueprint-review: ${name.startsWith('-') ? `unknown option ${plainText(name)}` : `unknown command "${plainText(name)}"`}\n${USAGE}\n` +
        `Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run "blueprint-review --help" for more.\n`,
    );
    return EXIT.usage;
  }
  try {
    return await runCommand(command, rest, io);
  } catch (error) {
    if (error instanceof UnlistableFolderError) {
      // Nothing can be judged on a snapshot partly unseen: said as one inert line (the folder's name
      // is the repository's), exit 2 like any run that could not be done.
      io.stderr(`blueprint-review ${name}: ${plainText(error.message)}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      // Usage errors quote paths and config text: each line is made inert, the lines we wrote are kept.
      const message = error.message.split('\n').map(plainText).join('\n');
      io.stderr(`blueprint-review ${name}: ${message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/**
 * Every stream the CLI writes through `runnerInert` and `terminalInert`: what it prints quotes
 * repository text, in CI workflows, where the runner reads each line for workflow commands, and in
 * terminals, which act on controls a JSON report would otherwise carry raw.
 */
function inertIO(io: CliIO): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(runnerInert(terminalInert(text))),
    stderr: (text) => io.stderr(runnerInert(terminalInert(text))),
    // Built and escaped by report/workflow-annotations.ts: the one output meant for the runner.
    workflowCommands: (commands) => io.stdout(terminalInert(commands.map((c) => `${c.line}\n`).join(''))),
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  tuneForShortProcess();
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(internalErrorText(error));
      process.exitCode = EXIT.usage;
    },
  );
}

/**
 * An unexpected exception's stack trace, each line inert: its first lines are the error's message,
 * which quotes what failed (Node's `ENOTDIR … mkdir '<path>'`), and a path or a value from the
 * repository can hold terminal escapes, bidi overrides, a carriage return that rewrites the line, or
 * a workflow command after a line break. `plainText` per line makes the controls visible and keeps
 * the trace's own lines; `runnerInert` then defuses a line that starts with `::`.
 */
export function internalErrorText(error: unknown): string {
  const trace = (error instanceof Error ? error.stack : undefined) ?? String(error);
  const lines = `blueprint-review: internal error: ${trace}`.split(/\r?\n/).map(plainText);
  return runnerInert(`${lines.join('\n')}\n`);
}
