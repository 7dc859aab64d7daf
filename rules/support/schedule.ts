/**
 * How often a batch flow runs, estimated from its `schedule`: a 5-field cron expression
 * (`0 2 * * *`) or words (`nightly`, `hourly`, `every 15 minutes`). The estimate is the longest
 * gap between runs, which is what bounds the freshness a batch can deliver.
 */
import { parseDuration } from './duration.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const WORDS: [RegExp, number][] = [
  [/\b(hourly|every hour)\b/i, HOUR],
  [/\b(daily|nightly|every (day|night))\b/i, DAY],
  [/\b(weekly|every week)\b/i, 7 * DAY],
  [/\b(monthly|every month)\b/i, 31 * DAY],
];

const UNITS: Record<string, number> = {
  minute: MINUTE,
  min: MINUTE,
  hour: HOUR,
  h: HOUR,
  day: DAY,
  d: DAY,
  m: MINUTE,
};

/** Milliseconds between runs, or undefined when the schedule cannot be read. */
export function scheduleInterval(schedule: string | undefined): number | undefined {
  if (!schedule) return undefined;
  const text = schedule.trim();
  const fields = text.split(/\s+/);
  if (fields.length === 5 && fields.every((f) => /^[\d*/,-]+$/.test(f))) return cronInterval(fields);
  const every = /every\s+(\d+)\s*(minute|min|hour|h|day|d|m)s?\b/i.exec(text);
  if (every) return Number(every[1]) * UNITS[every[2]!.toLowerCase()]!;
  const duration = parseDuration(text);
  if (duration !== undefined) return duration;
  return WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

function cronInterval([minute, hour, dayOfMonth, , dayOfWeek]: string[]): number | undefined {
  if (dayOfMonth !== '*' && !dayOfMonth!.startsWith('*/')) return 31 * DAY;
  if (dayOfWeek !== '*') return gap(dayOfWeek!, 7) * DAY;
  const dayStep = dayOfMonth === '*' ? 1 : Number(dayOfMonth!.slice(2)) || 1;
  if (hour === '*') return minute === '*' ? MINUTE : gap(minute!, 60) * MINUTE;
  return gap(hour!, 24) * HOUR * dayStep;
}

/** Longest cyclic gap between the values a cron field allows (`*\/15` → 15, `2` → the cycle). */
function gap(field: string, cycle: number): number {
  if (field === '*') return 1;
  const step = /^\*\/(\d+)$/.exec(field);
  if (step) return Number(step[1]);
  const values = field
    .split(',')
    .flatMap((part) => {
      const range = /^(\d+)-(\d+)$/.exec(part);
      if (!range) return [Number(part)];
      const out: number[] = [];
      for (let v = Number(range[1]); v <= Number(range[2]); v++) out.push(v);
      return out;
    })
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  if (values.length === 0) return cycle;
  let longest = values[0]! + cycle - values.at(-1)!;
  for (let i = 1; i < values.length; i++) longest = Math.max(longest, values[i]! - values[i - 1]!);
  return longest;
}
