/**
 * A push to the organisation's config marks the open pull requests of the installation's other
 * repositories (src/app/handlers/org-config.ts) — every one of them, a page per job (src/app/sweep.ts):
 * bounded work per job, the next page queued by the one before, a page that fails run again, and a
 * pull request closed between two pages moving no other out of the walk. When the queue cannot take
 * the sweep, only its first page is marked delayed from the handler, and the sweep waits for the queue.
 */
import { createHash, randomUUID } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { AppOptions } from '../../src/app/runtime.js';
import { useRedis } from '../app/support/use-redis.js';
import type { JobDescriptor } from '../../src/app/jobs.js';
import { payload } from '../app/support/fake-github.js';
import type { Harness } from './support/signoff-app.js';
import { harness, useSignoffApp } from './support/signoff-app.js';
import { repositoryId } from './support/signoff-github.js';

useSignoffApp();

/** GitHub's push delivery to the default branch of `acme/.github`, touching its config. */
function pushToOrgConfig() {
  return payload('push', (p) => {
    const repository = p.repository as Record<string, unknown>;
    repository.name = '.github';
    repository.full_name = 'acme/.github';
    repository.id = repositoryId('.github'); // another repository than the fixture's shop
    for (const commit of [
      ...(p.commits as Record<string, unknown>[]),
      p.head_commit as Record<string, unknown>,
    ])
      commit.modified = ['.github/blueprint-review.yml'];
  });
}

/** 70 + 70 + 5 open pull requests in three repositories, and acme/shop's #7; 50 a page. */
async function organisation(app: AppOptions = {}): Promise<Harness> {
  return harness(
    {
      config: '_extends: .github\n',
      orgConfig: 'signoff: {}\n',
      otherRepositories: { alpha: 70, beta: 70, gamma: 5 },
    },
    {
      app: {
        pullRequestsPerSweepPage: 50,
        retry: { attempts: 3, backoffMs: 1 },
        deferredRetryMs: 20,
        ...app,
      },
    },
  );
}

/**
 * The queue runs the sweep's pages; every other job is only recorded (`refuse` may throw instead).
 * Returns what was queued, and the sweep pages in order.
 */
function recordJobs(h: Harness, refuse: (job: JobDescriptor) => boolean = () => false) {
  const queue = h.app.runtime()!.queue;
  const original = queue.enqueue.bind(queue);
  const queued: JobDescriptor[] = [];
  const pages: JobDescriptor[] = [];
  queue.enqueue = async (job) => {
    if (refuse(job)) throw new Error('Redis is unreachable');
    if (job.sweep) {
      pages.push(job);
      return original(job);
    }
    queued.push(job);
    return 'queued';
  };
  return { queued, pages };
}

const named = (jobs: JobDescriptor[]) => jobs.map((j) => `${j.repo}#${j.pullNumber}`);
const numbers = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
const every = [
  ...numbers(70, 1).map((n) => `alpha#${n}`),
  ...numbers(70, 1).map((n) => `beta#${n}`),
  ...numbers(5, 1).map((n) => `gamma#${n}`),
  'shop#7', // it extends the organisation's config too
];

/**
 * The organisation's repositories, of which REST cannot list delta's pull requests and GraphQL lists its
 * seven; a sweep page holds three, and a job is tried twice.
 */
function deltaListedByGraphqlOnly(): Promise<Harness> {
  return harness(
    {
      config: '_extends: .github\n',
      orgConfig: 'signoff: {}\n',
      unreadableRepositories: ['delta'],
      listedByGraphql: { delta: 7 },
    },
    { app: { pullRequestsPerSweepPage: 3, retry: { attempts: 2, backoffMs: 1 } } },
  );
}

describe("a push to the organisation's config, with more open pull requests than one page", () => {
  it('marks every one of them, a page per job', async () => {
    const h = await organisation();
    const { queued, pages } = recordJobs(h);
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(named(queued)).toEqual(every);
    expect(queued.every((j) => j.kind === 'signoff' && j.stale === true && j.force)).toBe(true);
    // 50, 20 + 30, 40 + 5 + 1: three pages, each queued by the one before.
    expect(pages.map((p) => p.sweep!.from)).toEqual([
      undefined,
      { repository: 'acme/alpha', id: repositoryId('alpha'), below: 21, page: 1, first: 20 },
      { repository: 'acme/beta', id: repositoryId('beta'), below: 41, page: 1, first: 40 },
    ]);
    expect(new Set(pages.map((p) => p.deliveryId)).size).toBe(3);
  });

  it('moves no pull request out of the walk when others close between two pages', async () => {
    const h = await organisation();
    const { queued } = recordJobs(h, (job) => {
      // While the second page waits, alpha's ten newest close (the fake numbers them count..1).
      if (job.sweep?.from) h.gh.state.otherRepositories = { alpha: 60, beta: 70, gamma: 5 };
      return false;
    });
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(named(queued)).toEqual(every);
  });

  it('leaves out no repository renamed between two pages: the walk follows repository ids, not names', async () => {
    const h = await organisation();
    const { queued } = recordJobs(h, (job) => {
      // While the second page waits, gamma is renamed aardvark: by name it now sorts before the page's
      // start (acme/alpha), by id it is where it was.
      if (job.sweep?.from) {
        h.gh.state.otherRepositories = { alpha: 70, beta: 70, aardvark: 5 };
        h.gh.state.renamed = { aardvark: 'gamma' };
      }
      return false;
    });
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(named(queued)).toEqual(every.map((n) => n.replace('gamma#', 'aardvark#')));
  });

  it("reads a repository's listing from where the page before stopped, not from its first page again", async () => {
    const h = await organisation({ pullRequestsPerSweepPage: 100 });
    h.gh.state.otherRepositories = { alpha: 1_000 };
    const { queued, pages } = recordJobs(h);
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(named(queued)).toEqual([...numbers(1_000, 1).map((n) => `alpha#${n}`), 'shop#7']);
    const listings = h.gh.calls.filter((c) => c.path.startsWith('/repos/acme/alpha/pulls?'));
    // Ten pages of 100 (and shop's): each reads the GitHub page it starts on and, for the one more
    // that says whether the walk goes on, the next. Read from the first page each time: 65 reads.
    expect(pages).toHaveLength(11);
    expect(listings.length).toBeLessThanOrEqual(2 * 10);
  });

  it('steps back through pages that closed pull requests emptied, and leaves none out', async () => {
    const h = await organisation({ pullRequestsPerSweepPage: 100 });
    h.gh.state.otherRepositories = { alpha: 450 };
    const { queued } = recordJobs(h, (job) => {
      // After the first page (#450..#351), the 150 newest close: #350 is now on GitHub's first page.
      if (job.sweep?.from?.below === 351) h.gh.state.otherRepositories = { alpha: 300 };
      return false;
    });
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(named(queued)).toEqual([
      ...numbers(450, 351).map((n) => `alpha#${n}`),
      ...numbers(300, 1).map((n) => `alpha#${n}`),
      'shop#7',
    ]);
  });

  it('runs a page again when the queue refused one of its jobs, and loses none', async () => {
    const h = await organisation();
    let refusals = 0;
    const { queued } = recordJobs(
      h,
      (job) => job.repo === 'beta' && job.pullNumber === 50 && refusals++ === 0,
    );
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(refusals).toBeGreaterThan(1);
    // The retried page queued its jobs again (the queue takes each delivery once per pull request).
    expect([...new Set(named(queued))].sort()).toEqual([...every].sort());
  });

  it('fails closed where the queue keeps refusing one of its jobs: the page given up marks it, and the walk goes on', async () => {
    const h = await organisation();
    const refusedSha = createHash('sha1').update('beta#50').digest('hex');
    const { queued } = recordJobs(h, (job) => job.repo === 'beta' && job.pullNumber === 50);
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    // Every other one queued (the page that held beta#50 ran three times, was given up, and was read
    // once more: the queue takes each delivery's job once); beta#50 never was.
    expect([...new Set(named(queued))]).toEqual(every.filter((n) => n !== 'beta#50'));
    const marked = h.gh.calls.filter(
      (c) =>
        c.method !== 'GET' &&
        /^\/repos\/acme\/beta\/check-runs/.test(c.path) &&
        (c.body as { head_sha?: string; conclusion?: string }).conclusion === 'failure',
    );
    // Its sign-off no longer passes (its review check had no success to withdraw).
    expect(marked.map((c) => (c.body as { name: string }).name)).toEqual(['Blueprint sign-off: main']);
    expect(marked.every((c) => (c.body as { head_sha: string }).head_sha === refusedSha)).toBe(true);
  });

  it('reaches the pull requests of a repository REST keeps failing to list through GraphQL once the page is given up', async () => {
    const h = await harness(
      {
        config: '_extends: .github\n',
        orgConfig: 'signoff: {}\n',
        unreadableRepositories: ['delta'],
        listedByGraphql: { delta: 3 },
        otherRepositories: { gamma: 2 },
      },
      { app: { pullRequestsPerSweepPage: 50, retry: { attempts: 2, backoffMs: 1 } } },
    );
    const { queued } = recordJobs(h);
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect(h.gh.find('GET', '/repos/acme/delta/pulls').length).toBe(3); // two attempts, and once more
    expect([...new Set(named(queued))].sort()).toEqual(
      ['delta#3', 'delta#2', 'delta#1', 'gamma#2', 'gamma#1', 'shop#7'].sort(),
    );
  });

  it('walks a repository only GraphQL lists a page per job, with the cursor GraphQL gives, as REST pages go', async () => {
    const h = await deltaListedByGraphqlOnly();
    const { queued, pages } = recordJobs(h);
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect([...new Set(named(queued))].sort()).toEqual(
      [...numbers(7, 1).map((n) => `delta#${n}`), 'shop#7'].sort(),
    );
    // Three GraphQL pages of at most 3, each in its own job: the first read as the REST page is given
    // up, the next two queued with the cursor where the one before ended.
    const asked = h.gh.find('POST', '/graphql').map((c) => (c.body as { variables: object }).variables);
    expect(asked).toEqual([
      expect.objectContaining({ repo: 'delta', first: 3, after: null }),
      expect.objectContaining({ repo: 'delta', first: 3, after: '3' }),
      expect.objectContaining({ repo: 'delta', first: 3, after: '6' }),
    ]);
    expect(pages.map((p) => p.sweep?.from?.after ?? '-')).toEqual(['-', '3', '6']);
  });

  it('queues none of the pull requests of another repository that took the name between two GraphQL pages', async () => {
    const h = await deltaListedByGraphqlOnly();
    const { queued } = recordJobs(h);
    const queue = h.app.runtime()!.queue;
    const record = queue.enqueue.bind(queue);
    queue.enqueue = async (job) => {
      // Once the first GraphQL page queued the next one, delta is renamed away and another repository
      // (first named lookalike, so of another id) takes the name: GraphQL answers for that one now.
      if (job.sweep?.from?.after === '3') h.gh.state.renamed = { delta: 'lookalike' };
      return record(job);
    };
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    // Only the first page's three: the walk is about the repository of delta's id, not its name.
    expect([...new Set(named(queued))].sort()).toEqual(['delta#7', 'delta#6', 'delta#5', 'shop#7'].sort());
    // The later page was read (and refused) on each attempt and once more when given up.
    const asked = h.gh
      .find('POST', '/graphql')
      .map((c) => (c.body as { variables: { after: string } }).variables);
    expect(asked.filter((v) => v.after === '3').length).toBeGreaterThan(1);
  });

  it('fails closed where the queue keeps refusing a pull request a GraphQL page found: the page given up marks it', async () => {
    const h = await deltaListedByGraphqlOnly();
    const refusedSha = createHash('sha1').update('delta#2').digest('hex');
    const { queued } = recordJobs(h, (job) => job.repo === 'delta' && job.pullNumber === 2);
    await h.deliver('push', pushToOrgConfig());
    await h.idle();
    expect([...new Set(named(queued))].sort()).toEqual(
      [
        ...numbers(7, 1)
          .filter((n) => n !== 2)
          .map((n) => `delta#${n}`),
        'shop#7',
      ].sort(),
    );
    const marked = h.gh.calls.filter(
      (c) =>
        c.method !== 'GET' &&
        /^\/repos\/acme\/delta\/check-runs/.test(c.path) &&
        (c.body as { conclusion?: string }).conclusion === 'failure',
    );
    expect(marked.map((c) => (c.body as { head_sha: string }).head_sha)).toEqual([refusedSha]);
  });

  it('marks only the first page delayed when the queue is down, fails the delivery, and sweeps once the queue is back', async () => {
    const h = await organisation();
    let down = true;
    const { queued } = recordJobs(h, () => down);
    await expect(h.deliver('push', pushToOrgConfig())).rejects.toThrow(/unreachable/);
    const delayed = h.gh.calls.filter(
      (c) => c.method === 'POST' && /^\/repos\/acme\/[^/]+\/check-runs$/.test(c.path),
    );
    // Both checks of each of alpha's 50 newest (queued runs: nothing passes meanwhile).
    expect(delayed).toHaveLength(2 * 50);
    expect(new Set(delayed.map((c) => c.path.split('/')[3]))).toEqual(new Set(['alpha']));
    expect(delayed.every((c) => (c.body as { status: string }).status === 'queued')).toBe(true);
    expect(queued).toEqual([]);

    down = false;
    await expect.poll(() => queued.length, { timeout: 5_000 }).toBe(every.length);
    await h.idle();
    expect(named(queued)).toEqual(every);
    await h.app.runtime()!.close(100);
  });
});

describe('the same sweep on the queue every replica shares (BullMQ on Redis)', () => {
  const redis = useRedis();

  it('runs each page as a job in Redis, queued by the page before, and marks every one', async () => {
    const h = await organisation({
      redisUrl: redis().url,
      redisQueue: { prefix: `test-${randomUUID()}`, pollMs: 100 },
    });
    nock.enableNetConnect('127.0.0.1'); // Redis
    const { queued, pages } = recordJobs(h);
    await h.deliver('push', pushToOrgConfig());
    await expect.poll(() => queued.length, { timeout: 20_000 }).toBe(every.length);
    expect(named(queued)).toEqual(every);
    expect(pages).toHaveLength(3);
    await h.app.runtime()!.close(1_000);
  }, 60_000);
});
