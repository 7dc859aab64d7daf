/**
 * A real Redis (redis-server.ts) for the tests of the enclosing `describe`, or of the file when called
 * at its top: started before them, stopped after. Kept apart from redis-server.ts, which the bench
 * imports outside vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import type { RedisOptions, RedisServer } from './redis-server.js';
import { startRedis } from './redis-server.js';

/** The server, for use inside the tests (it is started only when they run). */
export function useRedis(options: RedisOptions = {}): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedis(options);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('Redis is started before the tests, and used only inside them');
    return server;
  };
}
