// The one function used, not the package index: the index loads ~40 modules (~13 ms at every start).
import { code } from '../core/inert-text.js';
import coerce from 'semver/functions/coerce.js';
import { parsePointer } from '../core/pointer.js';
import type { Change, VersioningStrategy } from './types.js';

/**
 * Does the contract's versioning strategy consent to a breaking change?
 * - `semver`: `info.version` got a new major (in 0.x, a new minor: semver gives 0.x no promise).
 * - `url-path`: the element was removed and the head has the same path under a higher `/vN`
 *   segment, or every server URL moved to a higher `/vN`. Changing `/v1/...` in place never
 *   consents: that is exactly what url-path versioning forbids.
 * - `media-type`: a media type was removed while the head offers a higher-versioned one.
 * - `header`, `none`: the document cannot show consent; every breaking change needs approval.
 */
export interface VersionFacts {
  version?: string;
  /** Operation keys (`GET /v2/orders`) and channel addresses. */
  elements: readonly string[];
  servers: readonly string[];
  /** Computed only when the media-type strategy asks. */
  mediaTypes: () => readonly string[];
}

const REMOVALS = new Set([
  'operation-removed',
  'operation-removed-before-sunset',
  'deprecated-operation-removed-without-sunset',
  'channel-removed',
]);

export function consentFor(
  strategy: VersioningStrategy | undefined,
  change: Change,
  base: VersionFacts,
  head: VersionFacts,
): string | undefined {
  switch (strategy) {
    case 'semver':
      return semverConsent(base.version, head.version);
    case 'url-path':
      return urlPathConsent(change, base, head);
    case 'media-type':
      return mediaTypeConsent(change, head);
    default:
      return undefined;
  }
}

function semverConsent(from: string | undefined, to: string | undefined): string | undefined {
  const b = from ? coerce(from) : null;
  const h = to ? coerce(to) : null;
  if (!b || !h) return undefined;
  if (h.major > b.major) return `info.version ${from} → ${to} is a major version bump`;
  if (b.major === 0 && h.major === 0 && h.minor > b.minor)
    return `info.version ${from} → ${to} is a new 0.x minor version (semver promises nothing below 1.0)`;
  return undefined;
}

/**
 * A version segment: `v2`, `v2.1`, `v1p1` (Google's 1.1), each perhaps a pre-release (`v2beta1`,
 * `v1p1alpha`, `v3rc2`), between separators or at an end. The separators are `/`, `_`, `-` and a
 * `.` not followed by a digit (`/v2.json`; `v2.1` is one version).
 */
const VERSION_SEGMENT = /(^|[/._-])v(\d+(?:\.\d+)*)(?:p(\d+))?(?:(alpha|beta|rc)(\d*))?(?=$|[/_-]|\.(?!\d))/i;

/** A parsed version: its numbers (major first), then how far from a release it is. */
interface Version {
  /** As written: `v2.1`, `v1beta1`. */
  written: string;
  numbers: number[];
  /** alpha 0, beta 1, rc 2, a release 3: a pre-release comes before its release. */
  stage: number;
  /** The pre-release's own number (`beta2`: 2). */
  stageNumber: number;
}

const STAGES: Record<string, number> = { alpha: 0, beta: 1, rc: 2 };

/**
 * `GET /v1/orders/{orderId}` → { version: v1, rest: 'GET /{v}/orders/{}' }: the rest with its path
 * parameters unnamed, so a parameter renamed in the new version (`{location}` → `{parent}`) is the
 * same path there.
 */
function splitVersion(text: string): { version: Version; rest: string } | undefined {
  const m = VERSION_SEGMENT.exec(text);
  if (!m) return undefined;
  const numbers = m[2]!.split('.').map(Number);
  if (m[3] !== undefined) numbers.push(Number(m[3]));
  const version: Version = {
    written: m[0].slice(m[1]!.length),
    numbers,
    stage: m[4] === undefined ? 3 : STAGES[m[4].toLowerCase()]!,
    stageNumber: m[5] ? Number(m[5]) : 0,
  };
  const unnamed = (part: string) => part.replace(/\{[^{}]*\}/g, '{}');
  const rest = `${unnamed(text.slice(0, m.index) + m[1])}{v}${unnamed(text.slice(m.index + m[0].length))}`;
  return { version, rest };
}

/** Negative when `a` is the older version, positive when the newer (`v2` = `v2.0`; `v2beta1` < `v2`). */
function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.stage - b.stage || a.stageNumber - b.stageNumber;
}

/**
 * Is `to` the element `from` under a higher version segment (`GET /v1/orders` → `GET /v2/orders`,
 * `/v2` → `/v2.1`, `/v1beta1` → `/v1`), its path parameters perhaps renamed? That is a new version
 * of the element, not the same one moved.
 */
export function isNewerVersionOf(from: string, to: string): boolean {
  const old = splitVersion(from);
  const now = splitVersion(to);
  return (
    old !== undefined &&
    now !== undefined &&
    now.rest === old.rest &&
    compareVersions(now.version, old.version) > 0
  );
}

function urlPathConsent(change: Change, base: VersionFacts, head: VersionFacts): string | undefined {
  const newest = (servers: readonly string[]) =>
    servers
      .map((s) => splitVersion(s)?.version)
      .reduce<Version | undefined>(
        (max, v) => (v && (!max || compareVersions(v, max) > 0) ? v : max),
        undefined,
      );
  const bNewest = newest(base.servers);
  const hNewest = newest(head.servers);
  if (bNewest && hNewest && compareVersions(hNewest, bNewest) > 0)
    return `the server URLs moved to version ${code(hNewest.written)}`;
  const element = change.operation ?? change.channel;
  if (!element || !REMOVALS.has(change.id)) return undefined;
  const newer = head.elements.find((e) => isNewerVersionOf(element, e));
  return newer ? `the head offers it as ${code(newer)}, a new versioned path` : undefined;
}

const MEDIA_VERSION = /(?:[.;+-]v|;\s*version=|;\s*v=)(\d+)/i;

function mediaTypeConsent(change: Change, head: VersionFacts): string | undefined {
  if (change.id !== 'request-media-type-removed' && change.id !== 'response-media-type-removed')
    return undefined;
  // The removed media type is the last segment of its base pointer (`…/content/<media type>`).
  const segments = parsePointer(change.base?.pointer ?? '');
  const removed = segments[segments.length - 1];
  const from = removed ? MEDIA_VERSION.exec(removed) : null;
  const newer = head.mediaTypes().find((t) => {
    const m = MEDIA_VERSION.exec(t);
    return m && (!from || Number(m[1]) > Number(from[1]));
  });
  return newer ? `the head offers the new versioned media type ${newer}` : undefined;
}
