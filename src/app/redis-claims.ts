/**
 * What replicas share in Redis besides the queue: whether Redis kept the queue, claims on work that
 * must be done once across them, and marks of how far some work reached (the last completed scan of
 * GitHub's delivery record, redelivery.ts).
 *
 * `<prefix>:alive:queue` is set by the first replica to find it missing (SET NX) — in a new Redis, or
 * one that lost its data (restarted without persistence, flushed, failed over to an empty copy). That
 * replica is told (`onEmpty`): every queued job, lane and de-duplication key may be gone, and only
 * GitHub shows what is unfinished (recovery.ts). Until that scan is done the mark is the scan's, held
 * for a short lease its replica renews at each check: if the scan fails the mark is given back, and if
 * the replica dies (a crash, SIGKILL, its host gone) the lease runs out — either way the next check,
 * in any replica, finds the mark missing and asks for the scan again. Only a scan done settles the
 * mark for a week. Checked on every (re)connection and every minute.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LaneCommands } from './queue-redis-scripts.js';

/** Names one replica at a time holds, in Redis: work that must be done once across replicas. */
export interface Claims {
  /** True for the first replica to claim `name` within `ttlSeconds` (SET NX). */
  take(name: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim this replica holds back (the work was not done: another may do it). */
  release(name: string): Promise<void>;
  /** Whether some replica holds `name` now. */
  held(name: string): Promise<boolean>;
}

/**
 * A time up to which some work is done for good, shared by replicas: it only moves forward, and only
 * by work that left no gap behind it. Lost with Redis's data, which only means the work is done again.
 */
export interface SharedMark {
  /** The mark in ms since the epoch, if any. */
  read(): Promise<number | undefined>;
  /**
   * Work that covered `from` to `to` moves the mark to `to` when it began at or before the mark, or
   * when it was `whole` (it covered all the mark can stand for); kept `keepMs`.
   */
  advance(from: number, to: number, whole: boolean, keepMs: number): Promise<void>;
}

/** What a replica connected to Redis shares with the others. */
export interface ReplicasShare {
  claims: Claims;
  /** The mark called `name`. */
  mark(name: string): SharedMark;
}

/** Claims in `redis` under `prefix`, held in the name of `replica`. */
export function redisClaims(redis: Redis & LaneCommands, prefix: string, replica: string): Claims {
  const key = (name: string) => `${prefix}:claim:${name}`;
  return {
    take: async (name, ttl) => (await redis.set(key(name), replica, 'EX', ttl, 'NX')) === 'OK',
    release: async (name) => void (await redis.release(key(name), replica)),
    held: async (name) => (await redis.exists(key(name))) === 1,
  };
}

/** The mark at `key` in `redis`. */
export function redisMark(redis: Redis & LaneCommands, key: string): SharedMark {
  return {
    read: async () => {
      const value = Number(await redis.get(key));
      return Number.isFinite(value) && value > 0 ? value : undefined;
    },
    advance: async (from, to, whole, keepMs) =>
      void (await redis.advance(key, from, to, whole ? '1' : '0', Math.max(1, Math.ceil(keepMs)))),
  };
}

/** How long the queue's mark outlives the last replica that checked it. */
const ALIVE_KEEP_SECONDS = 7 * 86_400;
const ALIVE_CHECK_MS = 60_000;
/**
 * How long a scan's mark lasts without its replica's renewal: several checks, so that a replica
 * that is only slow (a busy event loop, a Redis reconnection) keeps it.
 */
export const SCAN_LEASE_SECONDS = 5 * 60;

/** How often the mark is checked and how long a scan's lease lasts (tests shorten them). */
export interface LossWatchTiming {
  checkMs: number;
  scanLeaseSeconds: number;
}

/**
 * Tells `onEmpty` when this replica finds Redis without the queue's mark (`alive` above), and `onKept`
 * when it (re)connects to a Redis that kept it, with what it shares there; nothing once `closed`.
 * Returns the timer of the check every minute.
 */
export function watchForLoss(
  redis: Redis & LaneCommands,
  prefix: string,
  hooks: {
    onEmpty?: () => Promise<void> | void;
    onKept?: (shared: ReplicasShare) => void;
    closed(): boolean;
  },
  timing: LossWatchTiming = { checkMs: ALIVE_CHECK_MS, scanLeaseSeconds: SCAN_LEASE_SECONDS },
): NodeJS.Timeout {
  const replica = randomUUID();
  const shared: ReplicasShare = {
    claims: redisClaims(redis, prefix, replica),
    mark: (name) => redisMark(redis, `${prefix}:mark:${name}`),
  };
  const alive = `${prefix}:alive:queue`;
  // What the loss asked for (the scan of GitHub for unfinished work) done, the mark is settled for a
  // week. Failed, it is given back, so that the next check, here or in another replica, finds it
  // missing and asks again: kept, it would say for a week that nothing was lost, and the work the
  // scan was to find would stay lost.
  const empty = () =>
    void Promise.resolve(hooks.onEmpty?.()).then(
      () => redis.settle(alive, replica, ALIVE_KEEP_SECONDS).catch(() => {}),
      () => redis.release(alive, `scanning ${replica}`).catch(() => {}),
    );
  const check = (connected: boolean) =>
    void redis.mark(alive, replica, ALIVE_KEEP_SECONDS, timing.scanLeaseSeconds).then(
      (missing) => {
        if (hooks.closed()) return;
        if (missing === 1) empty();
        else if (connected) hooks.onKept?.(shared);
      },
      () => {}, // Redis unreachable: checked again when it is back
    );
  // A restart drops every connection: the reconnection finds out at once; a flush, within a minute.
  redis.on('ready', () => check(true));
  return setInterval(() => check(false), timing.checkMs).unref();
}
