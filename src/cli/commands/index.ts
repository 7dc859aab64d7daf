import type { Command } from './command.js';
import { diffCommand } from './diff.js';
import { docCommand } from './doc.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { reviewCommand } from './review.js';
import { rulesCommand } from './rules.js';
import { signoffCommand } from './signoff.js';

/** Every CLI command, by name. */
export const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  rules: rulesCommand,
  doc: docCommand,
  diff: diffCommand,
  signoff: signoffCommand,
  review: reviewCommand,
  init: initCommand,
};
