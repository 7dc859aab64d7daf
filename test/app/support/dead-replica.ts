/**
 * A replica of the Redis queue that dies without a word (SIGKILL, its host gone): no lock renewal, no
 * completion, no command it had pending sent again; its connections are simply gone.
 */
import type { RedisQueue } from '../../../src/app/queue-redis.js';

export function die(queue: RedisQueue): void {
  void (queue as unknown as { worker: { close(force: boolean): Promise<void> } }).worker.close(true);
  for (const key of ['producer', 'workerRedis'] as const)
    (queue as unknown as Record<typeof key, { disconnect(): void }>)[key].disconnect();
}
