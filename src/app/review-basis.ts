/**
 * What a review check's verdict was computed under besides its head — the base's config as read and
 * the blueprint folders the Action names instead — recorded as the summary's hidden first line, so a
 * verdict written under another config is told apart by the review, the sign-off and merge groups.
 */
import { createHash } from 'node:crypto';
import type { CheckOutput } from '../adapters/github/check-run.js';
import type { RepositoryConfig } from '../adapters/github/config.js';
import { configIdentity } from '../adapters/github/config.js';
import { basisMarker, withMarker } from '../review/markers.js';

/**
 * A digest of what the review's verdict depends on besides the head: the base's config as read (rules,
 * levels, limits, owners; or why there is none) and the blueprint folders the Action names instead.
 */
export function reviewBasis(
  loaded: RepositoryConfig,
  base: string,
  settings: { blueprints?: readonly string[] },
): string {
  const identity = JSON.stringify([configIdentity(loaded, base), settings.blueprints ?? null]);
  return createHash('sha256').update(identity).digest('hex');
}

/**
 * The output with the basis it was computed under as its summary's first line (and, for the
 * sign-off, the base tip it read owners at).
 */
export function withBasis(output: CheckOutput, basis: string, tip?: string): CheckOutput {
  return { ...output, summary: withMarker(basisMarker(basis, tip), output.summary) };
}
