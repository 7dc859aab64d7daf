/**
 * A job the queue refused is offered to it again (AppRuntime.defer), but not for ever: refused again,
 * it waits longer each time, and after the offers allowed it is given up — one `error` line saying
 * so, and its checks, if still delayed, say the app stopped and what runs it now. A verdict the queue
 * wrote meanwhile (it took the job after all) stands. A real primary and replica (the replica's link
 * cut by a proxy, so `WAIT` times out: `NotReplicated`), or the primary cut off from the app, the app
 * in this process, the loopback fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import type { AppOptions } from '../../src/app/runtime.js';
import { startAppOnFakeGitHub } from './support/app-on-fake-github.js';
import { INSTALLATION } from './support/fake-github.js';
import { useLoopbackSignoff } from './support/loopback-signoff.js';
import { waitUntil } from './support/queue-contract.js';
import { useReplicatedRedis } from './support/replicated-redis.js';
import { TcpProxy } from './support/tcp-proxy.js';

const SIGNOFF_CHECK = 'Blueprint sign-off: main';
/** Offers again allowed in these tests, each after a short wait (20 ms, doubled, up to 200 ms). */
const OFFERS = 3;
const FIRST_WAIT_MS = 20;

const { repo, privateKey, cleanups } = useLoopbackSignoff();
const redis = useReplicatedRedis();

/** The app's warnings and errors about refused jobs, as `level message` lines. */
function refusalLog(lines: string[]): pino.Logger {
  const kept = {
    write(line: string) {
      const { level, msg } = JSON.parse(line) as { level: number; msg: string };
      if (msg.includes('the queue refused')) lines.push(`${pino.levels.labels[level]} ${msg}`);
    },
  };
  return pino({ level: 'warn' }, kept);
}

/** The app on the fake GitHub and `redisUrl`, one pull request open; `lines` gets its refusal log. */
async function startApp(redisUrl: string, redisQueue: AppOptions['redisQueue'], lines: string[]) {
  const started = await startAppOnFakeGitHub(
    { repo, privateKey, cleanups },
    {
      redisUrl,
      deferredRetryMs: FIRST_WAIT_MS,
      deferredOffers: OFFERS,
      redisQueue: { prefix: `test-${randomUUID()}`, pollMs: 100, ...redisQueue },
    },
    refusalLog(lines) as never,
  );
  return { ...started, latestSignoff: () => started.latest(SIGNOFF_CHECK) };
}

const givenUp = (lines: string[]) => lines.filter((line) => line.includes('more times: no longer offered'));
const offeredAgain = (lines: string[]) =>
  lines.filter((line) => line.includes('refused the signoff job again'));

it('stops offering a job replicas keep refusing after the offers allowed, the verdict written meanwhile standing', async () => {
  const lines: string[] = [];
  // `WAIT` gets half the command timeout.
  const { deliver, latestSignoff } = await startApp(
    redis.primary.url,
    { replicasToAcknowledge: 1, commandTimeoutMs: 4_000 },
    lines,
  );
  cleanups.push(async () => redis.link.heal());
  redis.link.cut();

  expect(await deliver()).toContain('0 of the 1 Redis replicas asked for acknowledged it');
  await waitUntil(() => givenUp(lines).length > 0, 'the job is given up', 30_000);
  expect(givenUp(lines)).toEqual([
    `error the queue refused the signoff job ${OFFERS} more times: no longer offered; redeliver its delivery, re-run its check or push to run it`,
  ]);
  // The delivery's refusal, then every offer again but the last, refused.
  expect(offeredAgain(lines)).toHaveLength(OFFERS - 1);
  const offersMade = lines.length;
  // Well past the longest wait between offers (ten times the first): no offer is made any more.
  await new Promise((resolve) => setTimeout(resolve, 50 * FIRST_WAIT_MS));
  expect(lines).toHaveLength(offersMade);
  // The primary ran the job its offers added: its verdict, not a "delayed" mark, is the last word.
  await waitUntil(() => latestSignoff().status === 'completed', 'the verdict stands', 30_000);
}, 90_000);

it('says on the delayed check that the app stopped offering the job, and what runs it now', async () => {
  const lines: string[] = [];
  // The app's own way to the primary, cut: the queue takes nothing, the job never runs.
  const cutOff = await new TcpProxy({ host: '127.0.0.1', port: redis.primary.port }).start();
  cleanups.push(() => cutOff.stop());
  const { deliver, latestSignoff } = await startApp(cutOff.url, { commandTimeoutMs: 500 }, lines);
  cleanups.push(async () => cutOff.heal());
  cutOff.cut();

  expect(await deliver()).not.toBe('answered');
  await waitUntil(() => givenUp(lines).length > 0, 'the job is given up', 30_000);
  await waitUntil(
    () => String(latestSignoff().output?.summary).includes('stopped'),
    'the check says the app stopped offering it',
    30_000,
  );
  expect(latestSignoff()).toMatchObject({ status: 'queued', output: { title: 'Sign-off delayed' } });
  expect(latestSignoff().output?.summary).toContain(
    `**Not run:** the app's job queue is unreachable; the app offered it again ${OFFERS} times and stopped.`,
  );
  expect(latestSignoff().output?.summary).toContain('re-run this check');
}, 90_000);

it("says on a given-up sweep's first page of checks that the app stopped offering it", async () => {
  const lines: string[] = [];
  const cutOff = await new TcpProxy({ host: '127.0.0.1', port: redis.primary.port }).start();
  cleanups.push(() => cutOff.stop());
  const { gh, deliver, latestSignoff } = await startApp(cutOff.url, { commandTimeoutMs: 500 }, lines);
  gh.installations.set(INSTALLATION, 'acme');
  cleanups.push(async () => cutOff.heal());
  cutOff.cut();

  // An unsuspended installation: every open pull request is evaluated again, by a sweep.
  const unsuspended = { action: 'unsuspend', installation: { id: INSTALLATION, account: { login: 'acme' } } };
  expect(await deliver('installation', unsuspended)).not.toBe('answered');
  // The sweep's first page, pull request 7, was marked delayed by the refusal.
  expect(latestSignoff()).toMatchObject({ status: 'queued', output: { title: 'Sign-off delayed' } });
  await waitUntil(() => givenUp(lines).length > 0, 'the sweep is given up', 30_000);
  await waitUntil(
    () => String(latestSignoff().output?.summary).includes('stopped'),
    'the first page says the app stopped offering the sweep',
    30_000,
  );
  expect(latestSignoff().output?.summary).not.toContain('offers it to the queue again by itself');
  expect(latestSignoff().output?.summary).toContain('re-run this check');
}, 90_000);
