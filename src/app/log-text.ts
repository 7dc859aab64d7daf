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
 * message, its stack (line by line, its lines kept) and its causes made inert, and every string of its
 * other fields too, however deep. pino-pretty prints those fields as JSON, which escapes C0 controls
 * but leaves C1 controls (U+009B is CSI to a terminal that takes 8-bit controls), bidi overrides and
 * line separators raw — and Octokit's errors carry the request's URL and GitHub's answer, which quote
 * branch names and paths.
 */
export function loggedError(error: unknown): unknown {
  return inertCopy(error, new Map());
}

/**
 * `value` with every string in it made inert: errors, arrays and plain objects copied, anything else
 * (numbers, dates, buffers) as it is. `copies` holds what was copied already, so a cycle (a request
 * that points back at its error) is copied once and stays a cycle.
 */
function inertCopy(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string') return plainText(value);
  if (value === null || typeof value !== 'object') return value;
  if (copies.has(value)) return copies.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(inertCopy(item, copies));
    return copy;
  }
  const error = value instanceof Error;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (!error && prototype !== Object.prototype && prototype !== null) return value;
  const copy = Object.create(prototype) as Record<string, unknown>;
  copies.set(value, copy);
  for (const [key, field] of Object.entries(value)) copy[key] = inertCopy(field, copies);
  if (error) inertErrorFields(value, copy as unknown as Error, copies);
  return copy;
}

/** An error's own fields, which are not enumerable: message, stack (its lines kept) and cause. */
function inertErrorFields(error: Error, copy: Error, copies: Map<object, unknown>): void {
  define(copy, 'message', plainText(error.message));
  if (error.stack !== undefined) define(copy, 'stack', error.stack.split('\n').map(plainText).join('\n'));
  if (error.cause !== undefined) define(copy, 'cause', inertCopy(error.cause, copies));
}

/** Sets a field the way Error sets its own: not enumerable, so serialisers treat it as before. */
function define(target: Error, key: 'message' | 'stack' | 'cause', value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}
