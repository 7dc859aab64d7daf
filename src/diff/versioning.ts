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

const VERSION_SEGMENT = /(^|[/._-])v(\d+)(?=$|[/._-])/i;

/** `GET /v1/orders` → { version: 1, rest: 'GET /{v}/orders' } */
function splitVersion(text: string): { version: number; rest: string } | undefined {
  const m = VERSION_SEGMENT.exec(text);
  if (!m) return undefined;
  return {
    version: Number(m[2]),
    rest: text.slice(0, m.index) + m[1] + '{v}' + text.slice(m.index + m[0].length),
  };
}

/**
 * Is `to` the element `from` under a higher `/vN` segment (`GET /v1/orders` → `GET /v2/orders`)?
 * That is a new version of the element, not the same one moved.
 */
export function isNewerVersionOf(from: string, to: string): boolean {
  const old = splitVersion(from);
  const now = splitVersion(to);
  return old !== undefined && now !== undefined && now.rest === old.rest && now.version > old.version;
}

function urlPathConsent(change: Change, base: VersionFacts, head: VersionFacts): string | undefined {
  const bServers = base.servers.map(splitVersion);
  const hServers = head.servers.map(splitVersion);
  const maxOf = (list: typeof bServers) => Math.max(-1, ...list.map((s) => s?.version ?? -1));
  if (bServers.length > 0 && maxOf(hServers) > maxOf(bServers) && maxOf(bServers) >= 0)
    return `the server URLs moved to version v${maxOf(hServers)}`;
  const element = change.operation ?? change.channel;
  if (!element || !REMOVALS.has(change.id)) return undefined;
  const old = splitVersion(element);
  if (!old) return undefined;
  const newer = head.elements
    .map((e) => ({ e, v: splitVersion(e) }))
    .find(({ v }) => v !== undefined && v.rest === old.rest && v.version > old.version);
  return newer ? `the head offers it as ${code(newer.e)}, a new versioned path` : undefined;
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
