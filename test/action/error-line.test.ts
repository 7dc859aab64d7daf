/**
 * The Action's last-resort error line (an input it cannot use, an error nothing else caught) quotes
 * what it failed on — an input's value, a path, an error message that echoes repository text. The log
 * viewer obeys ANSI escapes: the line shows them, and a line break cannot start a command of its own.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { run } from '../../src/action/index.js';
import { capturingStdout } from './support/stdout-capture.js';

const ESC = '\u001b';
let savedEnv: NodeJS.ProcessEnv;

beforeEach(() => {
  savedEnv = { ...process.env };
});

afterEach(() => {
  process.env = savedEnv;
  process.exitCode = 0;
});

it('an input value with terminal escapes and a line break is shown, not obeyed', async () => {
  Object.assign(process.env, {
    'INPUT_GITHUB-TOKEN': 'token',
    'INPUT_FAIL-ON': `${ESC}[2J${ESC}]8;;https://evil.example${ESC}\\never\n::add-mask::token`,
  });
  const { value: code, stdout } = await capturingStdout(run);
  expect(code).toBe(1);
  expect(stdout).toMatch(/^::error::.*fail-on/);
  expect(stdout).not.toContain(ESC);
  expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  expect(stdout).toContain('\\x1b[2J');
});
