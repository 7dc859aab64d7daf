#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import type { CliIO } from './io.js';
import { EXIT, processIO, UsageError } from './io.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from '../version.js';
import { plainText } from '../core/inert-text.js';

const HELP = `blueprint-review — review integration architecture blueprints

Usage: blueprint-review <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run \`blueprint-review <command> --help\` for a command's options.
Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage or configuration error.
`;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // Usage errors quote paths and config text: each line is made inert, the lines we wrote are kept.
      const message = (error as Error).message.split('\n').map(plainText).join('\n');
      io.stderr(`blueprint-review ${name}: ${message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`blueprint-review: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
