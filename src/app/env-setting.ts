/**
 * A whole-number setting from the environment (a job's time limit, a worker's memory, the Redis
 * replicas to wait for), read one way for all of them: unset when absent or empty, else digits only.
 * `Number` alone took a blank value for 0 (`BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS=" "` waited for no
 * replica, silently), and `0x10` or `1e3` for numbers nobody wrote. A value refused is named in the
 * problem inertly: `npm start` prints the problems to a terminal, one line each, and a value with a
 * line break or an escape sequence must neither add a line of its own nor act on the terminal.
 */
import { plainText, quoted } from '../core/inert-text.js';

export type WholeNumberSetting =
  { kind: 'unset' } | { kind: 'ok'; value: number } | { kind: 'invalid'; problem: string };

/** `name`'s value in `env`: a whole number of at least `min` (digits, blanks around them allowed). */
export function wholeNumberSetting(env: NodeJS.ProcessEnv, name: string, min: number): WholeNumberSetting {
  const text = env[name];
  if (text === undefined || text === '') return { kind: 'unset' };
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min)
    return {
      kind: 'invalid',
      problem: `${name}: ${plainText(quoted(text))} is not a whole number of at least ${min}`,
    };
  return { kind: 'ok', value };
}

/**
 * `name`'s value in `env`: a number above 0 written in decimal digits, a fraction allowed (a time in
 * seconds or milliseconds, as the setting says): unset when absent or empty. `Number` alone took
 * `0x10` for 16 and `1e3` for 1,000, and the setting dropped a value it could not use in silence.
 */
export function positiveNumberSetting(env: NodeJS.ProcessEnv, name: string): WholeNumberSetting {
  const text = env[name];
  if (text === undefined || text === '') return { kind: 'unset' };
  const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value <= 0)
    return { kind: 'invalid', problem: `${name}: ${plainText(quoted(text))} is not a number above 0` };
  return { kind: 'ok', value };
}
