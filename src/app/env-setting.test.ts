import { describe, expect, it } from 'vitest';
import { wholeNumberSetting } from './env-setting.js';
import { invalidSettings } from './environment.js';
import { optionsFromEnv } from './index.js';

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
