/**
 * Repository text in the app's logs cannot move a terminal's cursor (DESIGN invariant 13). Probot's
 * development format (pino-pretty, unless LOG_FORMAT=json) prints a line's message and an error's
 * message and stack raw: a failure reason quoting a blueprint, a branch name in a GitHub error, could
 * clear the screen (ESC/CSI), retitle the window or plant a link (OSC, BEL), or overwrite the line
 * before it (CR). The app's log lines go through pino and pino-pretty here as Probot runs them.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { describe, expect, it } from 'vitest';
import { guarded } from '../../src/app/job-boundary.js';
import { loggedError, logText } from '../../src/app/log-text.js';

const ESC = '\u001b';
/** Clear the screen, retitle the window, an OSC 8 link, BEL, a CR that overwrites, 8-bit CSI and OSC. */
const HOSTILE = `orders${ESC}[2J${ESC}[H${ESC}]0;pwned\u0007${ESC}]8;;https://evil.example${ESC}\\here${ESC}]8;;${ESC}\\\rOK all fine\u009b31m\u009d0;x\u0007\nFORGED line`;
/** Whatever a terminal acts on: C0 controls but line feed, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex
const TERMINAL_ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** C1 controls, bidi overrides and isolates, line separators: raw in JSON, acted on or shown reordered. */
const RAW_IN_JSON = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** A branch name that reorders what a reader sees and moves the cursor with 8-bit CSI. */
const BRANCH = 'feature/\u202etxt.exe\u2066\u009b2J\u2028done';

/** One log line, written by pino as JSON and shown by pino-pretty as Probot's default format does. */
function logged(write: (log: pino.Logger) => void): { json: Record<string, unknown>; pretty: string } {
  let line = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      line += chunk.toString();
      done();
    },
  });
  write(pino({ name: 'probot' }, sink));
  const pretty = prettyFactory({ colorize: false, ignore: 'time,pid,hostname' })(line.trim());
  return { json: JSON.parse(line) as Record<string, unknown>, pretty };
}

class RequestError extends Error {
  status = 422;
}

describe('log lines that quote repository text', () => {
  it('show escapes instead of acting on them in the pretty format', () => {
    const error = new RequestError(`Reference refs/heads/${HOSTILE} does not exist`);
    error.cause = new Error(`while reading ${HOSTILE}`);
    const { pretty } = logged((log) =>
      log.error({ err: loggedError(error) }, `review of acme/shop#7 failed: ${logText(HOSTILE)}`),
    );
    expect(pretty).not.toMatch(TERMINAL_ACTIVE);
    expect(pretty).toContain('orders\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07');
    // The message is one line: nothing of it starts a line that reads as the log's own.
    expect(pretty).not.toMatch(/^FORGED line/m);
  });

  it('keep their words in the JSON format, with the escapes visible', () => {
    const error = new RequestError(`Reference ${HOSTILE} does not exist`);
    const { json } = logged((log) => log.error({ err: loggedError(error) }, `failed: ${logText(HOSTILE)}`));
    expect(json.msg).toBe(
      'failed: orders\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07\\x1b]8;;https://evil.example\\x1b\\here\\x1b]8;;\\x1b\\ OK all fine\\x9b31m\\x9d0;x\\x07 FORGED line',
    );
    const err = json.err as Record<string, unknown>;
    // The same class, its own fields and a stack whose lines are kept.
    expect(err.type).toBe('RequestError');
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^Reference orders\\x1b\[2J/);
    expect(String(err.stack).split('\n').length).toBeGreaterThan(2);
    expect(String(err.stack)).not.toMatch(TERMINAL_ACTIVE);
  });

  it('show no raw control in the other fields of an error, however deep', () => {
    // Octokit's RequestError: the request's URL and the answer GitHub gave both quote the branch.
    const error = Object.assign(new RequestError(`Reference ${BRANCH} does not exist`), {
      request: { method: 'GET', url: `https://api.github.com/repos/acme/shop/git/ref/heads/${BRANCH}` },
      response: { status: 422, data: { message: `No ref ${BRANCH}`, errors: [{ field: BRANCH }] } },
      ref: BRANCH,
    });
    const { pretty, json } = logged((log) => log.error({ err: loggedError(error) }, 'could not read'));
    expect(pretty).not.toMatch(RAW_IN_JSON);
    expect(pretty).not.toMatch(TERMINAL_ACTIVE);
    const err = json.err as {
      status: number;
      ref: string;
      response: { data: { errors: { field: string }[] } };
    };
    expect(err.status).toBe(422);
    expect(err.ref).toBe('feature/\\u202etxt.exe\\u2066\\x9b2J done');
    expect(err.response.data.errors[0]!.field).toBe(err.ref);
  });

  it('leave an error the logs are given untouched', () => {
    const error = new Error(HOSTILE);
    loggedError(error);
    expect(error.message).toBe(HOSTILE);
    expect(loggedError(42)).toBe(42);
    expect(loggedError(`a ${ESC}[2J b`)).toBe('a \\x1b[2J b');
  });

  it('are what a failed job logs', async () => {
    const lines: { err: unknown; message: string }[] = [];
    const log = {
      error: (fields: { err?: unknown }, message: string) => lines.push({ err: fields.err, message }),
    };
    await guarded({
      name: 'review of acme/shop#7',
      run: () => Promise.reject(new Error(`blueprint.yaml: unknown system ${HOSTILE}`)),
      failed: (reason) => reason,
      log,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).not.toMatch(TERMINAL_ACTIVE);
    expect(lines[0]!.message).toContain('unknown system orders\\x1b[2J');
    expect((lines[0]!.err as Error).message).not.toMatch(TERMINAL_ACTIVE);
  });
});
