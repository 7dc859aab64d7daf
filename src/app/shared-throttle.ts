/**
 * One GitHub write budget per installation across replicas, for one Redis call per write.
 *
 * Probot's throttling (@octokit/plugin-throttling, on Bottleneck) starts an installation's writes
 * (and GraphQL queries) at least 1 s apart, requests that notify people (reviews, comments) 3 s
 * apart and searches 2 s apart, and caps concurrent requests — within one process. Given
 * `REDIS_URL`, Probot clusters all of that through Bottleneck on Redis, which costs three Lua
 * scripts (about 18 Redis commands) on the main thread for every request, reads included, plus a
 * heartbeat script per limiter every 5 s: measured under a burst, 85% of the Redis commands and a
 * seventh of the webhook server's busy time went to it (test/bench/burst.ts; deployment docs).
 *
 * So the app keeps Probot's throttling local to each process (server.ts does not hand it
 * `REDIS_URL`) and adds only what replicas must share: right before a spaced request goes out (after
 * the local limiter let it through, so both spacings hold), one Lua call reserves its start in
 * Redis — the first moment at least the spacing after the installation's previous request of each
 * category it belongs to, whichever replica made that — and the request waits until then. Reads
 * cost nothing. Redis keeps the clock (`TIME`), so replicas' clocks need not agree.
 *
 * When Redis does not answer, the request goes out after the local spacing only: throttling is
 * there to be polite to GitHub, and without Redis no job runs anyway.
 */
import { loggedError } from './log-text.js';
import { Redis } from 'ioredis';
import type { Octokit } from '../adapters/github/client.js';

/** A category of requests GitHub wants spaced, and by how much (plugin-throttling's values). */
export type SpacedCategory = 'write' | 'notification' | 'search';

/** How far apart an installation's requests of each category start, in milliseconds. */
export type Spacing = Record<SpacedCategory, number>;

/** GitHub's guidance, as plugin-throttling applies it. */
export const GITHUB_SPACING_MS: Spacing = { write: 1_000, notification: 3_000, search: 2_000 };

/**
 * Write paths that notify people (plugin-throttling's generated list, which it does not export),
 * as the end of the request's path: a GitHub Enterprise URL has `/api/v3` before it.
 */
const NOTIFYING_PATHS = [
  '/orgs/{}/invitations',
  '/orgs/{}/invitations/{}',
  '/orgs/{}/teams/{}/discussions',
  '/orgs/{}/teams/{}/discussions/{}/comments',
  '/repos/{}/{}/collaborators/{}',
  '/repos/{}/{}/commits/{}/comments',
  '/repos/{}/{}/issues',
  '/repos/{}/{}/issues/{}/comments',
  '/repos/{}/{}/issues/{}/sub_issue',
  '/repos/{}/{}/issues/{}/sub_issues/priority',
  '/repos/{}/{}/pulls',
  '/repos/{}/{}/pulls/{}/comments',
  '/repos/{}/{}/pulls/{}/comments/{}/replies',
  '/repos/{}/{}/pulls/{}/merge',
  '/repos/{}/{}/pulls/{}/requested_reviewers',
  '/repos/{}/{}/pulls/{}/reviews',
  '/repos/{}/{}/releases',
  '/teams/{}/discussions',
  '/teams/{}/discussions/{}/comments',
];
const NOTIFYING = new RegExp(`(?:${NOTIFYING_PATHS.map((p) => p.replaceAll('{}', '[^/]+')).join('|')})$`);
/** Installation tokens and OAuth token exchanges are not writes (plugin-throttling's `isAuthRequest`). */
const AUTH =
  /(?:\/app\/installations\/[^/]+\/access_tokens|\/applications\/[^/]+\/token(?:\/scoped)?|\/login\/oauth\/access_token)$/;

/** The spaced categories a request belongs to (none for an ordinary read). */
export function spacedCategories(method: string, url: string): SpacedCategory[] {
  const path = new URL(url, 'http://github.invalid').pathname.replace(/\/+$/, '');
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD')
    return path.endsWith('/search') || path.includes('/search/') ? ['search'] : [];
  if (AUTH.test(path)) return [];
  return NOTIFYING.test(path) ? ['write', 'notification'] : ['write'];
}

/**
 * Reserves a start: the latest "next free" moment of the given keys (or now), after which each key's
 * next free moment moves on by its spacing. Returns how many milliseconds to wait.
 */
export const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = now
for _, key in ipairs(KEYS) do
  local free = tonumber(redis.call('GET', key) or '0')
  if free > start then start = free end
end
for i, key in ipairs(KEYS) do
  local free = start + tonumber(ARGV[i])
  redis.call('SET', key, free, 'PX', free - now + 1000)
end
return start - now
`;

interface ReserveCommand {
  reserveStart(...keysAndSpacings: [number, ...(string | number)[]]): Promise<number>;
}

export interface SharedThrottleOptions {
  url: string;
  /** Key prefix shared with the queue (default `blueprint-review`). */
  prefix?: string;
  /** Longest wait for Redis before the request goes out without it. */
  commandTimeoutMs?: number;
  /** Default GitHub's guidance (`GITHUB_SPACING_MS`). */
  spacingMs?: Spacing;
  log?: { warn(details: object, message: string): void };
}

export class SharedThrottle {
  private readonly redis: Redis & ReserveCommand;
  private readonly prefix: string;
  private warned = false;

  constructor(private readonly options: SharedThrottleOptions) {
    this.prefix = options.prefix ?? 'blueprint-review';
    const timeout = options.commandTimeoutMs ?? 2_000;
    const redis = new Redis(options.url, {
      maxRetriesPerRequest: 1,
      connectTimeout: timeout,
      commandTimeout: timeout,
    });
    redis.on('error', () => {}); // a failed reservation is reported when it happens
    redis.defineCommand('reserveStart', { lua: RESERVE });
    this.redis = redis as Redis & ReserveCommand;
  }

  /**
   * Milliseconds until a request of these categories for the installation may start (0: now);
   * undefined when Redis did not answer.
   */
  async reserve(installationId: number, categories: readonly SpacedCategory[]): Promise<number | undefined> {
    if (categories.length === 0) return 0;
    const keys = categories.map((c) => `${this.prefix}:throttle:${installationId}:${c}`);
    try {
      const wait = await this.redis.reserveStart(
        keys.length,
        ...keys,
        ...categories.map((c) => (this.options.spacingMs ?? GITHUB_SPACING_MS)[c]),
      );
      this.warned = false;
      return Math.max(0, Number(wait) || 0);
    } catch (error) {
      if (!this.warned)
        this.options.log?.warn(
          { err: loggedError(error) },
          'shared throttling: Redis did not answer; spacing GitHub writes in this replica only',
        );
      this.warned = true;
      return undefined;
    }
  }

  /**
   * Makes every spaced request of the octokit wait for its reserved start. The reservation wraps the
   * octokit's `fetch`, the last step of a request: Probot's local limiter has let it through by then,
   * and each retry reserves again.
   */
  apply(octokit: Octokit, installationId: number): void {
    octokit.hook.before('request', (options) => {
      const request: Record<string, unknown> = { ...options.request };
      const fetch = (request.fetch as typeof globalThis.fetch | undefined) ?? globalThis.fetch;
      request.fetch = async (input: string | URL | Request, init?: RequestInit) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        // Without an answer from Redis, Probot's local spacing (already applied) is all there is.
        const wait = await this.reserve(installationId, spacedCategories(init?.method ?? 'GET', url));
        if (wait) await sleep(wait);
        return fetch(input, init);
      };
      options.request = request as typeof options.request;
    });
  }

  close(): void {
    this.redis.disconnect();
  }
}

/**
 * The same reservations in this process's memory: the spacing for requests that do not go through
 * Probot's throttling (a worker thread's, see threads.ts) when there is no Redis, or it does not answer.
 */
export class LocalSpacing {
  /** `<installation>:<category>` → the next free start (ms); entries in the past are dropped. */
  private readonly next = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly spacingMs: Spacing = GITHUB_SPACING_MS,
  ) {}

  reserve(installationId: number, categories: readonly SpacedCategory[]): number {
    if (categories.length === 0) return 0;
    const now = this.now();
    const keys = categories.map((c) => `${installationId}:${c}`);
    const start = Math.max(now, ...keys.map((k) => this.next.get(k) ?? 0));
    categories.forEach((c, i) => this.next.set(keys[i]!, start + this.spacingMs[c]));
    if (this.next.size > 1_000) for (const [k, free] of this.next) if (free <= now) this.next.delete(k);
    return start - now;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
