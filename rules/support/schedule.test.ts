import { describe, expect, it } from 'vitest';
import { scheduleInterval } from './schedule.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('scheduleInterval', () => {
  it.each([
    ['0 2 * * *', DAY],
    ['30 5 * * *', DAY],
    ['0 * * * *', HOUR],
    ['*/15 * * * *', 15 * MIN],
    ['* * * * *', MIN],
    ['0 */6 * * *', 6 * HOUR],
    ['0 6,18 * * *', 12 * HOUR],
    ['0 8,12 * * *', 20 * HOUR],
    ['0 9-17 * * *', 16 * HOUR],
    ['0 2 * * 1', 7 * DAY],
    ['0 2 1 * *', 31 * DAY],
    ['0 2 */2 * *', 2 * DAY],
    ['nightly', DAY],
    ['Daily after the cut-off', DAY],
    ['hourly', HOUR],
    ['every 15 minutes', 15 * MIN],
    ['every 2 hours', 2 * HOUR],
    ['30m', 30 * MIN],
  ])('%s runs every %d ms at most', (schedule, ms) => expect(scheduleInterval(schedule)).toBe(ms));

  it.each([undefined, '', 'when finance asks', '0 2 * *'])('cannot read %j', (schedule) =>
    expect(scheduleInterval(schedule)).toBeUndefined(),
  );
});
