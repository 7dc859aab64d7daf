/**
 * The one threshold every door uses to decide its exit: `--fail-on` in the CLI, `fail-on` in the
 * Action. Findings at or above it fail the run; `never` reports without failing.
 */
import type { Severity } from './finding.js';
import { atLeast, SEVERITIES } from './finding.js';

export type FailOn = Severity | 'never';

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'never'];

/** A user's spelling of the threshold (any case), or undefined when it is none of `FAIL_ON_VALUES`. */
export function parseFailOn(value: string): FailOn | undefined {
  const lower = value.trim().toLowerCase();
  return (FAIL_ON_VALUES as readonly string[]).includes(lower) ? (lower as FailOn) : undefined;
}

/** True when a finding of `severity` fails a run with this threshold. */
export function failsOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && atLeast(severity, failOn);
}
