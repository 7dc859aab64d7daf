/**
 * Review requests are made once: the gate remembers what it asked for (the pull request's
 * `review_requested` events by the app) and does not ask again for the same person or team,
 * whatever GitHub's requested-reviewers list says after someone reviews — except an approver whose
 * approval the blueprint outdated, asked again once per change (signoff-job.ts).
 */
import { normalizeLogin } from './types.js';

export interface Reviewers {
  users: string[];
  /** Full names, `org/slug`. */
  teams: string[];
}

export const NO_REVIEWERS: Reviewers = { users: [], teams: [] };

const MARKER = /<!-- blueprint-signoff:requested (\{[^<>]*\}) -->/;

/** What to request now: wanted, minus what is requested already, minus what the gate asked before. */
export function reviewRequestsToMake(
  wanted: Reviewers,
  current: Reviewers,
  remembered: Reviewers,
): Reviewers {
  const skip = (list: string[], ...others: string[][]) => {
    const seen = new Set(others.flat().map(normalizeLogin));
    return [...new Set(list.map(normalizeLogin))].filter((x) => !seen.has(x)).sort();
  };
  return {
    users: skip(wanted.users, current.users, remembered.users),
    teams: skip(wanted.teams, current.teams, remembered.teams),
  };
}

export function mergeReviewers(a: Reviewers, b: Reviewers): Reviewers {
  return {
    users: [...new Set([...a.users, ...b.users].map(normalizeLogin))].sort(),
    teams: [...new Set([...a.teams, ...b.teams].map(normalizeLogin))].sort(),
  };
}

/** An invisible line for the check run's text: the memory of what was requested. */
export function requestMarker(requested: Reviewers): string {
  return `<!-- blueprint-signoff:requested ${JSON.stringify(mergeReviewers(requested, NO_REVIEWERS))} -->`;
}

/** Reads the marker back; anything malformed is treated as "nothing requested yet". */
export function parseRequestMarker(text: string | null | undefined): Reviewers {
  const match = text ? MARKER.exec(text) : null;
  if (!match) return NO_REVIEWERS;
  try {
    const value = JSON.parse(match[1]!) as unknown;
    if (typeof value !== 'object' || value === null) return NO_REVIEWERS;
    const v = value as Record<string, unknown>;
    return { users: strings(v.users), teams: strings(v.teams) };
  } catch {
    return NO_REVIEWERS;
  }
}

/** The REST API wants team slugs without the org: `acme/payments` → `payments`. */
export function slugOf(team: string): string {
  const name = normalizeLogin(team);
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string').slice(0, 100) : [];
}
