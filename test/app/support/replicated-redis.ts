/**
 * A Redis primary and a replica that follows it through a link the test can cut (`TcpProxy`), started
 * once for the test file that calls this and stopped after it: the setup of every test of what a
 * failover or a lagging replica does to the queue.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { RedisServer } from './redis-server.js';
import { startRedis } from './redis-server.js';
import { TcpProxy } from './tcp-proxy.js';

export interface ReplicatedRedis {
  primary: RedisServer;
  replica: RedisServer;
  /** The replica's link to the primary: `cut()` it and the primary's writes reach no replica. */
  link: TcpProxy;
}

/** The pair, filled in once `beforeAll` has started it (read its fields inside tests only). */
export function useReplicatedRedis(): ReplicatedRedis {
  const pair = {} as ReplicatedRedis;
  beforeAll(async () => {
    [pair.primary, pair.replica] = await Promise.all([startRedis(), startRedis()]);
    pair.link = await new TcpProxy({ host: '127.0.0.1', port: pair.primary.port }).start();
    const admin = new Redis(pair.replica.url);
    try {
      await admin.replicaof('127.0.0.1', pair.link.port);
      for (let tries = 0; !(await admin.info('replication')).includes('master_link_status:up'); tries++) {
        if (tries > 200) throw new Error('the replica never caught up with the primary');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      admin.disconnect();
    }
  }, 60_000);
  afterAll(async () => {
    await pair.link?.stop();
    await Promise.all([pair.primary?.stop(), pair.replica?.stop()]);
  });
  return pair;
}
