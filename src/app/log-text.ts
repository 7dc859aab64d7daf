/**
 * Log lines that repository text cannot steer (DESIGN invariant 13). Error messages echo what they
 * failed on — a YAML error quotes the blueprint, a GitHub error a branch name, a failure reason a
 * contract path — and Probot's development log format (pino-pretty, unless LOG_FORMAT=json) prints
 * a line's message and an error's message and stack raw to the terminal: an ESC, CSI or OSC sequence,
 * a BEL or a CR there clears the screen, retitles the window, links elsewhere or overwrites the line
 * before it. Such characters become visible escapes (`\x1b`), a line break in a message one space;
 * in the JSON production logs the same words stay, with the escapes shown instead of acted on.
 */
import { plainText } from '../core/inert-text.js';

/** A log line's message that may quote repository text. */
export function logText(text: string): string {
  return plainText(text);
}

/**
 * An error as a log line's `err` field: a copy of the same class (so the logs name its type) with its
 * message, its stack (line by line, its lines kept) and its causes made inert; its other fields as
 * they were (pino-pretty prints those as JSON, which escapes controls already).
 */
export function loggedError(error: unknown): unknown {
  if (typeof error === 'string') return plainText(error);
  if (!(error instanceof Error)) return error;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, error);
  define(copy, 'message', plainText(error.message));
  if (error.stack !== undefined) define(copy, 'stack', error.stack.split('\n').map(plainText).join('\n'));
  if (error.cause !== undefined) define(copy, 'cause', loggedError(error.cause));
  return copy;
}

/** Sets a field the way Error sets its own: not enumerable, so serialisers treat it as before. */
function define(target: Error, key: 'message' | 'stack' | 'cause', value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}
