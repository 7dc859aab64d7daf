/**
 * BullMQ requires Redis never to evict keys (`maxmemory-policy noeviction`): under an evicting policy a
 * Redis that fills up drops queued jobs, their locks and the queue's de-duplication keys without a
 * word — reviews lost, a job run twice. The app cannot change the policy (a managed Redis may refuse
 * CONFIG), but it says so, as an error, each time it connects.
 */
import type { Redis } from 'ioredis';

/** Redis's `maxmemory-policy` as INFO reports it (readable where CONFIG is disabled); undefined if not. */
export async function evictionPolicy(redis: Redis): Promise<string | undefined> {
  return /^maxmemory_policy:(\S+)/m.exec(await redis.info('memory'))?.[1];
}

/** Calls `evicting` with the policy each time `redis` connects to a Redis that may evict keys. */
export function watchEvictionPolicy(redis: Redis, evicting: (policy: string) => void): void {
  redis.on(
    'ready',
    () =>
      void evictionPolicy(redis).then(
        (policy) => policy && policy !== 'noeviction' && evicting(policy),
        () => {}, // unreadable: Redis is going away again; checked on the next connection
      ),
  );
}

/** What the log says of an evicting `policy`. */
export function evictingPolicySaid(policy: string): string {
  return `Redis's maxmemory-policy is ${policy}: a Redis that fills up evicts queued jobs, their locks and de-duplication keys without a word (reviews lost, jobs run twice). Set it to noeviction.`;
}
