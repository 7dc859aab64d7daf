/**
 * Redis unreachable when a replica starts: the pull request's delivery is refused (its checks marked
 * delayed), and once an empty Redis is reached the replica finds no queue, scans GitHub for unfinished
 * work (recovery.ts) and reviews the pull request. The app in this process (no worker threads)
 * against the loopback fake GitHub, which lists the app's installation as GitHub does (a fake that
 * lists none leaves the scan nothing to find), and a real Redis behind a port nothing listens on
 * until the test opens it.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:net';
import { connect, createServer } from 'node:net';
import { expect, it } from 'vitest';
import { burstRepository, GitHubServer, REVIEW_CHECK } from './support/burst.js';
import { loopbackApp, receivePullRequest } from './support/loopback-app.js';
import { freePort } from './support/redis-server.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();

/** Opens `port`, each connection passed on to Redis: Redis comes up where the app looks for it. */
async function redisAt(port: number): Promise<Server> {
  const server = createServer((client) => {
    const upstream = connect(redis().port, '127.0.0.1');
    for (const socket of [client, upstream]) socket.on('error', () => {});
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

it('reviews a pull request whose delivery was refused, once an empty Redis comes up', async () => {
  const repository = burstRepository(1, 1, 1);
  const gh = await new GitHubServer(
    repository.dir,
    repository.baseSha,
    'blueprints: [blueprint]\npreset: recommended\n',
  ).start();
  const pull = repository.pulls[0]!;
  const head = pull.heads[0]!;
  gh.installations.set(pull.installationId, pull.owner);
  gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
  const port = await freePort();
  const { app, probot } = await loopbackApp(gh.port, {
    redisUrl: `redis://127.0.0.1:${port}`,
    redisQueue: { prefix: `test-${randomUUID()}` },
    recoverAtStart: true,
    workerThreads: false,
  });
  let up: Server | undefined;
  try {
    const delivery = await receivePullRequest(probot, repository, pull, 0, 'opened', 'alice').then(
      () => 'answered',
      () => 'refused',
    );
    expect(delivery).toBe('refused');
    const review = () => gh.checkRuns.filter((r) => r.name === REVIEW_CHECK && r.head_sha === head);
    expect(review()).toMatchObject([{ status: 'queued', output: { title: 'Review delayed' } }]);
    up = await redisAt(port);
    await expect.poll(() => review().map((r) => r.status), { timeout: 40_000 }).toEqual(['completed']);
  } finally {
    await app.runtime()?.close(0);
    up?.close();
    await gh.stop();
    repository.remove();
  }
}, 90_000);
