/**
 * Every CLI command, by name. The modules here are light (options and help); each command imports
 * its engine only when it runs, so `blueprint-review --help` starts fast. Add a command by writing
 * its module and listing it here.
 */
import type { Command } from '../command.js';
import { diffCommand } from './diff.js';
import { docCommand } from './doc.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { reviewCommand } from './review.js';
import { rulesCommand } from './rules.js';
import { signoffCommand } from './signoff.js';

export const COMMANDS: readonly Command[] = [
  initCommand,
  lintCommand,
  rulesCommand,
  docCommand,
  diffCommand,
  signoffCommand,
  reviewCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
