/**
 * Durations as the blueprint writes them: `250ms`, `30s`, `5m`, `2h`, `14d` (the schema's
 * `duration` pattern). Rules compare them in milliseconds and print them back in the same notation.
 */

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

const DURATION = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$/;

/** Milliseconds, or undefined when the text is not a duration (the schema reports that). */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as Unit];
}

/** The largest unit that says `ms` exactly: 90000 → `90s`, 300000 → `5m`, 6400 → `6.4s`, 250 → `250ms`. */
export function formatDuration(ms: number): string {
  const rounded = Math.round(ms);
  for (const unit of ['d', 'h', 'm'] as const) {
    if (rounded !== 0 && rounded % UNIT_MS[unit] === 0) return `${rounded / UNIT_MS[unit]}${unit}`;
  }
  if (rounded >= 1000 && rounded % 100 === 0) return `${rounded / 1000}s`;
  return `${rounded}ms`;
}
