/**
 * A push to the organisation's config marks the open pull requests of the installation's other
 * repositories (src/app/handlers/org-config.ts): at most MARKS_PER_EXTENDED_CONFIG_CHANGE of them, the
 * first found (repositories in the installation's order, newest first), with no page read beyond —
 * also when the queue is down and each one's checks are marked delayed from the handler itself.
 */
import { describe, expect, it } from 'vitest';
import { MARKS_PER_EXTENDED_CONFIG_CHANGE } from '../../src/app/handlers/org-config.js';
import type { JobDescriptor } from '../../src/app/jobs.js';
import { payload } from '../app/support/fake-github.js';
import type { Harness } from './support/signoff-app.js';
import { harness, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** GitHub's push delivery to the default branch of `acme/.github`, touching its config. */
function pushToOrgConfig() {
  return payload('push', (p) => {
    const repository = p.repository as Record<string, unknown>;
    repository.name = '.github';
    repository.full_name = 'acme/.github';
    for (const commit of [
      ...(p.commits as Record<string, unknown>[]),
      p.head_commit as Record<string, unknown>,
    ])
      commit.modified = ['.github/blueprint-review.yml'];
  });
}

/** 70 + 70 + 5 open pull requests in three repositories listed before acme/shop (#7). */
async function organisation(): Promise<Harness> {
  return harness({
    config: '_extends: .github\n',
    orgConfig: 'signoff: {}\n',
    otherRepositories: { alpha: 70, beta: 70, gamma: 5 },
  });
}

const listings = (h: Harness, repo: string) =>
  h.gh.calls.filter((c) => c.method === 'GET' && c.path.startsWith(`/repos/acme/${repo}/pulls?`));

describe("a push to the organisation's config, with more open pull requests than one push marks", () => {
  it('queues the markings of the first ones found, and reads no listing beyond them', async () => {
    expect(MARKS_PER_EXTENDED_CONFIG_CHANGE).toBe(100);
    const h = await organisation();
    const queued: JobDescriptor[] = [];
    h.app.runtime()!.enqueue = async (job) => {
      queued.push(job);
      return 'queued';
    };
    await h.deliver('push', pushToOrgConfig());
    expect(queued).toHaveLength(100);
    expect(queued.every((j) => j.kind === 'signoff' && j.stale === true)).toBe(true);
    expect(queued.filter((j) => j.repo === 'alpha')).toHaveLength(70);
    // beta's newest 30.
    expect(queued.filter((j) => j.repo === 'beta').map((j) => j.pullNumber)).toEqual(
      Array.from({ length: 30 }, (_, i) => 70 - i),
    );
    expect(listings(h, 'alpha')).toHaveLength(1);
    expect(listings(h, 'beta')).toHaveLength(1);
    expect(listings(h, 'gamma')).toEqual([]);
    expect(listings(h, 'shop')).toEqual([]);
  });

  it('marks no more than that many delayed when the queue cannot take them, and fails the delivery', async () => {
    const h = await organisation();
    h.app.runtime()!.enqueue = async () => {
      throw new Error('Redis is unreachable');
    };
    await expect(h.deliver('push', pushToOrgConfig())).rejects.toThrow();
    const delayed = h.gh.calls.filter(
      (c) => c.method === 'POST' && /^\/repos\/acme\/[^/]+\/check-runs$/.test(c.path),
    );
    // Both checks of each of the 100 marked delayed (queued runs: nothing passes meanwhile).
    expect(delayed).toHaveLength(2 * 100);
    expect(new Set(delayed.map((c) => c.path.split('/')[3]))).toEqual(new Set(['alpha', 'beta']));
    expect(delayed.every((c) => (c.body as { status: string }).status === 'queued')).toBe(true);
  });
});
