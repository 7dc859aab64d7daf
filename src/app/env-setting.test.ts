import { describe, expect, it } from 'vitest';
import { positiveNumberSetting, wholeNumberSetting } from './env-setting.js';
import { invalidSettings } from './environment.js';
import { optionsFromEnv, shutdownGraceMs } from './index.js';

const NAME = 'BLUEPRINT_REVIEW_SOME_COUNT';
const read = (value: string | undefined, min = 0) => wholeNumberSetting({ [NAME]: value }, NAME, min);

describe('a whole-number setting from the environment', () => {
  it('is unset when absent or empty, and takes digits with blanks around them', () => {
    expect(read(undefined)).toEqual({ kind: 'unset' });
    expect(read('')).toEqual({ kind: 'unset' });
    expect(read('0')).toEqual({ kind: 'ok', value: 0 });
    expect(read(' 90 ')).toEqual({ kind: 'ok', value: 90 });
  });

  it('refuses what only JavaScript reads as a number: a blank value, hex, an exponent, a fraction, a sign', () => {
    for (const text of [' ', '0x10', '1e3', '2.5', '2.0', '+3', '-1', '3 4', 'Infinity'])
      expect(read(text), text).toEqual({
        kind: 'invalid',
        problem: `${NAME}: "${text}" is not a whole number of at least 0`,
      });
  });

  it('refuses a number past what JavaScript counts exactly, and one below the least', () => {
    expect(read('99999999999999999999').kind).toBe('invalid');
    expect(read('127', 128)).toEqual({
      kind: 'invalid',
      problem: `${NAME}: "127" is not a whole number of at least 128`,
    });
  });

  it('names a refused value on one line, its controls shown as escapes', () => {
    const problem = read('10\n  - \u001b[2Jall fine\u202e')!;
    expect(problem).toEqual({
      kind: 'invalid',
      problem: `${NAME}: "10   - \\x1b[2Jall fine\\u202e" is not a whole number of at least 0`,
    });
  });
});

describe('the settings read as whole numbers', () => {
  it('refuses a blank replica count rather than wait for none', () => {
    expect(invalidSettings({ BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: ' ' })).toEqual([
      'BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: " " is not a whole number of at least 0',
    ]);
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: ' 1 ' }).redisQueue).toEqual({
      replicasToAcknowledge: 1,
    });
  });

  it("names a job budget's bad value on one line of its own", () => {
    const problems = invalidSettings({ BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '60\n  - \u001b[31mok' });
    expect(problems).toEqual([
      'BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: "60   - \\x1b[31mok" is not a whole number of at least 1',
    ]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_WORKER_MEMORY_MB: '1e3' })).toHaveLength(1);
  });
});

describe('the tuning settings (concurrency, write spacing, lock, stalled check, shutdown grace)', () => {
  it('take decimal numbers above 0, a fraction allowed, and refuse the rest', () => {
    const read = (value: string) => positiveNumberSetting({ [NAME]: value }, NAME);
    expect(read('0.5')).toEqual({ kind: 'ok', value: 0.5 });
    expect(read(' 30 ')).toEqual({ kind: 'ok', value: 30 });
    for (const text of ['0', '0.0', ' ', '0x10', '1e3', '-5', 'abc', '.5', 'Infinity'])
      expect(read(text), text).toEqual({
        kind: 'invalid',
        problem: `${NAME}: "${text}" is not a number above 0`,
      });
  });

  it('refuses at start what was silently read as another number or dropped for the default', () => {
    expect(
      invalidSettings({
        BLUEPRINT_REVIEW_CONCURRENCY: '0x10',
        BLUEPRINT_REVIEW_JOB_LOCK_SECONDS: '0x10',
        BLUEPRINT_REVIEW_STALLED_CHECK_SECONDS: '1e3',
        BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS: 'abc',
        BLUEPRINT_REVIEW_WRITE_SPACING_MS: '-1',
      }),
    ).toEqual([
      'BLUEPRINT_REVIEW_CONCURRENCY: "0x10" is not a whole number of at least 1',
      'BLUEPRINT_REVIEW_WRITE_SPACING_MS: "-1" is not a number above 0',
      'BLUEPRINT_REVIEW_JOB_LOCK_SECONDS: "0x10" is not a number above 0',
      'BLUEPRINT_REVIEW_STALLED_CHECK_SECONDS: "1e3" is not a number above 0',
      'BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS: "abc" is not a number above 0',
    ]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_CONCURRENCY: '0' })).toHaveLength(1);
  });

  it('gives the app the values it takes, and the defaults where none is set', () => {
    const options = optionsFromEnv({
      BLUEPRINT_REVIEW_CONCURRENCY: '2',
      BLUEPRINT_REVIEW_JOB_LOCK_SECONDS: '45',
      BLUEPRINT_REVIEW_STALLED_CHECK_SECONDS: '0.5',
      BLUEPRINT_REVIEW_WRITE_SPACING_MS: '100',
    });
    expect(options.concurrency).toBe(2);
    expect(options.redisQueue).toEqual({ lockMs: 45_000, stalledIntervalMs: 500 });
    expect(options.spacingMs).toEqual({ write: 100, notification: 300, search: 200 });
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_CONCURRENCY: '1e3' }).concurrency).toBeUndefined();
    expect(shutdownGraceMs({ BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS: '10' })).toBe(10_000);
    expect(shutdownGraceMs({ BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS: '0x10' })).toBe(25_000);
  });
});
