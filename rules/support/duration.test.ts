import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['14d', 1_209_600_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '30', 's', '-1s', '1w', '1 s', 'PT30S'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('treats a missing value as missing', () => expect(parseDuration(undefined)).toBeUndefined());
});

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [1500, '1.5s'],
    [1234, '1234ms'],
    [6400, '6.4s'],
    [30_000, '30s'],
    [90_000, '90s'],
    [300_000, '5m'],
    [7_200_000, '2h'],
    [86_400_000, '1d'],
  ])('%d ms prints as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('round-trips through parseDuration', () => {
    for (const text of ['250ms', '30s', '5m', '2h', '14d'])
      expect(formatDuration(parseDuration(text)!)).toBe(text);
  });
});
