/**
 * A delivery whose job the queue took but could not confirm (here: no Redis replica acknowledged the
 * add, `NotReplicated`) has its checks marked delayed — and the job may have run meanwhile, in this
 * replica or another: its verdict written first, the "delayed" mark after it. The check must not stay
 * delayed over a verdict until some redelivery: the job is offered to the queue again once the mark
 * is written, so a run after the mark writes the last word. A real primary and replica (the link cut
 * by a proxy, so `WAIT` times out), the app in this process, the loopback fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { startAppOnFakeGitHub } from './support/app-on-fake-github.js';
import { useLoopbackSignoff } from './support/loopback-signoff.js';
import { waitUntil } from './support/queue-contract.js';
import { useReplicatedRedis } from './support/replicated-redis.js';

const SIGNOFF_CHECK = 'Blueprint sign-off: main';

const { repo, privateKey, cleanups } = useLoopbackSignoff();
const redis = useReplicatedRedis();

it('a verdict the job wrote before its delivery was marked delayed is written again after the mark', async () => {
  const { gh, deliver, latest } = await startAppOnFakeGitHub(
    { repo, privateKey, cleanups },
    {
      redisUrl: redis.primary.url,
      deferredRetryMs: 100,
      // `WAIT` gets half the command timeout: long enough for the job to finish before it gives up.
      redisQueue: {
        prefix: `test-${randomUUID()}`,
        pollMs: 100,
        replicasToAcknowledge: 1,
        commandTimeoutMs: 16_000,
      },
    },
  );
  cleanups.push(async () => redis.link.heal());
  const signoffRuns = () => gh.checkRuns.filter((r) => r.name === SIGNOFF_CHECK);

  redis.link.cut();
  const delivery = deliver();
  // The primary took the job, and this replica ran it while `WAIT` waited for the replica.
  await waitUntil(
    () => signoffRuns().some((r) => r.status === 'completed'),
    'the job writes its verdict before the add is refused',
  );
  const verdict = signoffRuns().find((r) => r.status === 'completed')!;
  expect(String(await delivery)).toContain('0 of the 1 Redis replicas asked for acknowledged it');
  // The refused delivery marked the check delayed after the verdict: GitHub shows the newest run.
  expect(latest(SIGNOFF_CHECK)).toMatchObject({ status: 'queued', output: { title: 'Sign-off delayed' } });

  redis.link.heal();
  await waitUntil(
    () => latest(SIGNOFF_CHECK).status === 'completed',
    'the job runs again after the mark',
    30_000,
  );
  expect(latest(SIGNOFF_CHECK)).toMatchObject({
    conclusion: verdict.conclusion,
    output: { title: verdict.output?.title },
  });
}, 90_000);
