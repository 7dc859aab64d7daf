import type { DiffExtensions } from './types.js';

/**
 * The specification extensions the diff honours, resolved from `DiffOptions.extensions` (config
 * `diff.extensions`). Their meaning follows oasdiff's checker, which most OpenAPI users know:
 *
 * - stability (`x-stability-level`: draft → alpha → beta → stable): breaking changes to operations
 *   whose base level is unstable (draft, alpha) are info; lowering the level is itself breaking; an
 *   operation without a level counts as stable and may be given any level.
 * - sunset (`x-sunset`, an RFC 3339 date on a deprecated operation or parameter): removing it before
 *   that date is breaking, after it is not; removing without deprecation is always breaking.
 * - extensible enum (`x-extensible-enum`: a value list consumers must expect to grow): adding a value
 *   is safe on both sides, removing one breaks what consumers send.
 */
export interface Extensions {
  stability?: string;
  sunset?: string;
  extensibleEnum?: string;
  unstableLevels: ReadonlySet<string>;
}

export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;

export function resolveExtensions(options: DiffExtensions = {}): Extensions {
  const name = (value: string | false | undefined, fallback: string) =>
    value === false ? undefined : (value ?? fallback);
  return {
    stability: name(options.stability, 'x-stability-level'),
    sunset: name(options.sunset, 'x-sunset'),
    extensibleEnum: name(options.extensibleEnum, 'x-extensible-enum'),
    unstableLevels: new Set(options.unstableLevels ?? ['draft', 'alpha']),
  };
}
