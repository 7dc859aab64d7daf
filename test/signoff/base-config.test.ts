/**
 * A config change on the base branch applies to the pull requests already open into it: a success
 * computed under the old config must not stand once the base asks for more. GitHub's `push` delivery
 * (test/fixtures/webhooks/push.json) through the Probot app; GitHub faked over a real git repository.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { freePort } from '../app/support/redis-server.js';
import { payload } from '../app/support/fake-github.js';
import { configIdentity, mayChangeConfig, pushOf } from '../../src/app/handlers/base-config.js';
import type { Harness } from './support/signoff-app.js';
import {
  deliverApproval,
  harness,
  reviewEvent,
  shownOnHead,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';
import { BASE_FILES, edit } from './fixtures.js';
import { repositoryId } from './support/signoff-github.js';
import { basisLine } from '../app/support/review-basis.js';
import type { AppOptions } from '../../src/app/runtime.js';

useSignoffApp();

const BEFORE = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const AFTER = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';

/** main's new config: security approves every contract change too. */
const STRICT = `signoff:
  includeDefaultRules: true
  rules:
    - id: security-on-contracts
      when: { categories: [contract] }
      require: { teams: [acme/security] }
`;

/** GitHub's push delivery to `main`, its one commit touching `paths` (from `before` to `after` when given). */
function pushToMain(paths: string[], moved?: { before: string; after: string }) {
  return payload('push', (p) => {
    if (moved) Object.assign(p, moved);
    touching(p, paths);
  });
}

/** The push's one commit (listed, and as its head commit) modifies `paths`. */
function touching(push: Record<string, unknown>, paths: string[]): void {
  for (const commit of [
    ...(push.commits as Record<string, unknown>[]),
    push.head_commit as Record<string, unknown>,
  ])
    commit.modified = paths;
}

/**
 * GitHub's push delivery to `main` listing one commit per entry of `commits` (each modifying those
 * paths, the last one `after` unless told otherwise), and `size` when given.
 */
function listing(commits: string[][], size?: number, endsAtAfter = true) {
  return payload('push', (p) => {
    const template = (p.commits as Record<string, unknown>[])[0]!;
    p.commits = commits.map((modified, i) => ({
      ...template,
      id: i === commits.length - 1 && endsAtAfter ? AFTER : `${i}`.padStart(40, 'c'),
      modified,
    }));
    if (size !== undefined) p.size = size;
  });
}

/** main's config is STRICT now, and reads so at the push's `after`; `signoff: {}` at its `before`. */
function strictOnMain(h: Harness): void {
  h.gh.state.configs = { main: STRICT, [BEFORE]: 'signoff: {}\n', [AFTER]: STRICT };
}

/** The runs of the review check on main, oldest first. */
function reviewRuns(h: Harness) {
  return h.gh.state.checkRuns.filter((r) => r.name === 'Blueprint review: main');
}

/** The review runs again (as Re-run would) and lists its own threads on the pull request: none. */
function reviewedAgainWithoutThreads(h: Harness): void {
  h.gh.scope.post('/graphql').reply(200, {
    data: {
      repository: {
        pullRequest: { reviewThreads: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      },
    },
  });
}

/** olivia (of the owning team) approves #7: its sign-off passes. */
async function approvedByOlivia(h: Harness): Promise<void> {
  await deliverApproval(h, 'olivia', 1);
  expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
}

/** #7 approved by olivia (of the owning team): its sign-off passes under main's `signoff: {}`. */
async function approvedIntoMain(app: AppOptions = {}): Promise<Harness> {
  const h = await harness({}, { app });
  await approvedByOlivia(h);
  return h;
}

describe('a config change pushed to the base branch', () => {
  it('reviews the open pull requests into it again: a success under the old config does not stand', async () => {
    const h = await approvedIntoMain();
    strictOnMain(h);
    // The review, run again, lists its own threads (none).
    reviewedAgainWithoutThreads(h);
    await h.deliver('push', pushToMain(['.github/blueprint-review.yml']));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    expect(shownOnHead(h)!.output!.summary).toContain('security-on-contracts');
    // Both checks follow the new config: the review ran again too (as Re-run would).
    const reviews = reviewRuns(h);
    expect(reviews.map((r) => r.conclusion)).toEqual(['success', 'success']);
  });

  it('beyond the reviews one change runs, replaces the successes under the old config instead', async () => {
    // No review per config change: #7 is not reviewed again, but its successes computed under the
    // old config (both checks) do not stand: each is replaced by a failure saying how to evaluate it.
    const h = await approvedIntoMain({ reviewsPerConfigChange: 0 });
    strictOnMain(h);
    await h.deliver('push', pushToMain(['.github/blueprint-review.yml']));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'To be evaluated again: the configuration of main changed' },
    });
    const reviews = reviewRuns(h);
    expect(reviews.map((r) => [r.conclusion, r.output?.title])).toEqual([
      ['failure', 'To be evaluated again: the configuration of main changed'],
    ]);
    expect(reviews[0]!.output!.summary).toContain('**Re-run** on its `Blueprint review: main` check');

    // The next event evaluates it under the new config: the review again, then the sign-off.
    reviewedAgainWithoutThreads(h);
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    expect(shownOnHead(h)!.output!.summary).toContain('security-on-contracts');
  });

  it('a marking given up leaves neither success standing: the review check is marked failed too', async () => {
    // #7 is beyond the reviews the change runs; its marking cannot read the pull request on any
    // attempt, so the queue gives it up. Both checks passed under the old config: neither may stay green.
    const h = await approvedIntoMain({
      reviewsPerConfigChange: 0,
      client: { sleep: async () => {} },
      retry: { attempts: 2, backoffMs: 1 },
    });
    strictOnMain(h);
    h.gh.state.failingPullReads = 4;
    await h.deliver('push', pushToMain(['.github/blueprint-review.yml']));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'failure' });
    const reviews = reviewRuns(h);
    expect(reviews.map((r) => r.conclusion)).toEqual(['failure']);
    expect(reviews[0]!.output!.title).toBe('To be evaluated again: the configuration of main changed');
  });

  it('a marking the queue cannot take leaves neither success standing: the review check is delayed too', async () => {
    // Redis is unreachable: #7's marking is never queued. Its review check passed under the old
    // config (the harness's run, with main's basis then): it must not stay green meanwhile.
    const h = await harness(
      {},
      { app: { reviewsPerConfigChange: 0, redisUrl: `redis://127.0.0.1:${await freePort()}` } },
    );
    nock.enableNetConnect('127.0.0.1'); // the (absent) Redis
    strictOnMain(h);
    await expect(h.deliver('push', pushToMain(['.github/blueprint-review.yml']))).rejects.toThrow();
    const review = reviewRuns(h).at(-1)!;
    expect(review).toMatchObject({ status: 'queued', output: { title: 'Review delayed' } });
    expect(signoffRuns(h).at(-1)).toMatchObject({ status: 'queued', output: { title: 'Sign-off delayed' } });
    await h.app.runtime()!.close(100);
  }, 30_000);

  it('a review again that cannot start its run at first leaves no success under the old config', async () => {
    // GitHub refuses the review's new run (secondary rate limits), then takes writes again: the queue
    // waits the refusal out (da057a0) and the review runs again, so what the check shows is a run of
    // its own computed under the new config — never the success it was to replace, computed under
    // the old one (the sign-off fails closed either way).
    const h = await approvedIntoMain({
      client: { sleep: async () => {} },
      retry: { attempts: 2, backoffMs: 1 },
    });
    const old = reviewRuns(h).at(-1)!;
    strictOnMain(h);
    h.gh.state.refusedCheckWrites = 2;
    await h.deliver('push', pushToMain(['.github/blueprint-review.yml']));
    await h.idle();
    const shown = reviewRuns(h).at(-1)!;
    expect(shown.id).not.toBe(old.id);
    expect(shown).toMatchObject({ status: 'completed' });
    expect(shown.output?.summary).toContain(await basisLine(STRICT, 'main'));
    expect(shownOnHead(h)).not.toMatchObject({ conclusion: 'success' });
  });

  it('leaves alone a success already computed under the new config', async () => {
    const h = await approvedIntoMain({ reviewsPerConfigChange: 0 });
    // The config reads differently at the push's two commits, but main's tip reads what #7's checks
    // were computed under (the push's config was reverted since): nothing is stale.
    h.gh.state.configs = { [BEFORE]: 'signoff: {}\n', [AFTER]: STRICT };
    const writes = h.gh.writes().length;
    await h.deliver('push', pushToMain(['.github/blueprint-review.yml']));
    await h.idle();
    expect(h.gh.writes().slice(writes)).toEqual([]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  it('costs nothing when the push touches nothing the config can be read from', async () => {
    const h = await approvedIntoMain();
    const calls = h.gh.calls.length;
    await h.deliver('push', pushToMain(['README.md', 'src/app.ts']));
    await h.idle();
    expect(h.gh.calls.slice(calls)).toEqual([]);
  });

  // GitHub lists at most 20 commits of a push in some of its payloads, and cuts a large commit's file
  // lists: a delivery naming only README edits may have left out the commit that changed the config.
  it.each([
    [
      'twenty commits listed, none naming the config',
      () => listing(Array.from({ length: 20 }, () => ['README.md'])),
    ],
    [
      'a commit naming as many paths as GitHub may cut its lists at',
      () => listing([Array.from({ length: 300 }, (_, i) => `docs/page-${i}.md`)]),
    ],
    ['fewer commits listed than the push holds', () => listing([['README.md']], 2)],
    ['a list that does not end at the commit pushed', () => listing([['README.md']], undefined, false)],
  ])('reviews again when the delivery may have left the change out: %s', async (_, delivery) => {
    const h = await approvedIntoMain();
    strictOnMain(h);
    reviewedAgainWithoutThreads(h);
    await h.deliver('push', delivery());
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    expect(shownOnHead(h)!.output!.summary).toContain('security-on-contracts');
  });

  it('evaluates nothing when the config reads the same at both commits', async () => {
    const h = await approvedIntoMain();
    h.gh.state.configs = { [BEFORE]: 'signoff: {}\n', [AFTER]: '# reworded\nsignoff: {}\n' };
    const writes = h.gh.writes().length;
    await h.deliver('push', pushToMain(['blueprint/blueprint.yaml', '.github/team-notes.yml']));
    await h.idle();
    expect(h.gh.writes().slice(writes)).toEqual([]);
    // The push's one listing, and those of each evaluation that passed — a passing sign-off looks
    // for pull requests sharing its head: the approval's two (before its write, and after it, for one
    // opened meanwhile), the recheck's one (it writes nothing, so nothing to confirm).
    expect(h.gh.find('GET', '/repos/acme/shop/pulls')).toHaveLength(4);
  });
});

describe("a push that moves the base branch's blueprint", () => {
  /**
   * #7 approved by olivia under main as it is; main's next commit (`moved`, not yet its tip) moves
   * orders-api from acme/orders to acme/billing.
   */
  async function approvedBeforeOwnerMove(app: AppOptions = {}): Promise<{ h: Harness; moved: string }> {
    const h = await harness(
      {},
      {
        app,
        baseTip: edit(BASE_FILES, 'blueprint/blueprint.yaml', [
          ['    owner: acme/orders\n    provider: orders', '    owner: acme/billing\n    provider: orders'],
        ]),
      },
    );
    const moved = h.gh.state.baseTipSha!;
    delete h.gh.state.baseTipSha; // main has not moved yet
    await approvedByOlivia(h);
    return { h, moved };
  }

  /** Markings only (no recheck); main's tip (`baseTipSha`) renames the blueprint and moves no owner. */
  function mainRenamedItsBlueprint(): Promise<Harness> {
    return harness(
      {},
      {
        app: { rechecksPerBaseMove: 0 },
        baseTip: edit(BASE_FILES, 'blueprint/blueprint.yaml', [
          ['metadata: { name: order-to-cash,', 'metadata: { name: order-to-cash-now,'],
        ]),
      },
    );
  }

  /** The push delivery that moved main from the harness's base commit to `after`, touching its blueprint. */
  function blueprintPushTo(h: Harness, after: string) {
    return pushToMain(['blueprint/blueprint.yaml'], { before: h.gh.repo.baseSha, after });
  }

  it('evaluates again a success whose contract changed owner on the base since', async () => {
    // main's next commit moves orders-api from acme/orders to acme/billing.
    const { h, moved } = await approvedBeforeOwnerMove();

    h.gh.state.baseTipSha = moved;
    await h.deliver('push', pushToMain(['blueprint/blueprint.yaml']));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    expect(shownOnHead(h)!.output!.summary).toContain('Still needs: 1 approval from `@acme/billing`');
  });

  it('beyond the rechecks one push runs, replaces the sign-off success instead', async () => {
    // As a config change (reviewsPerConfigChange), a move of the base's blueprint evaluates at most
    // `rechecksPerBaseMove` open pull requests again; #7 is beyond them (bound 0). Its success was given
    // under acme/orders, which no longer owns the contract: it must not stand until its next event.
    const { h, moved } = await approvedBeforeOwnerMove({ rechecksPerBaseMove: 0 });

    h.gh.state.baseTipSha = moved;
    const calls = h.gh.calls.length;
    await h.deliver('push', pushToMain(['blueprint/blueprint.yaml']));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'To be evaluated again: main moved' },
    });
    expect(shownOnHead(h)!.output!.summary).toContain('**Re-run** this check');
    // Marked, not evaluated: no reviews read.
    expect(h.gh.calls.slice(calls).filter((c) => c.path.includes('/reviews'))).toEqual([]);
    // The review check does not depend on the base's tip: it stands.
    const reviews = reviewRuns(h);
    expect(reviews.map((r) => r.conclusion)).toEqual(['success']);

    // The next event evaluates it against main's tip.
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    expect(shownOnHead(h)!.output!.summary).toContain('Still needs: 1 approval from `@acme/billing`');
  });

  it('leaves alone a success already evaluated against the tip the push made', async () => {
    // main's next commit touches its blueprint but no owner. The approval's evaluation ran after that
    // commit landed but before its push was delivered (deliveries race jobs): it was evaluated against
    // the new tip, and the marking that follows must not replace it — it was meant for an older verdict.
    const h = await mainRenamedItsBlueprint();
    const moved = h.gh.state.baseTipSha!;
    await approvedByOlivia(h);

    const writes = h.gh.writes().length;
    await h.deliver('push', blueprintPushTo(h, moved));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
    expect(h.gh.writes().slice(writes)).toEqual([]);
  });

  it("leaves it alone too while GitHub's pull request still names the tip the push moved away from", async () => {
    // As above, but the pull request's base.sha lags the push (GitHub updates it late): the tip the
    // verdict saw is main's by its name, which is what counts.
    const h = await mainRenamedItsBlueprint();
    h.gh.state.pullBaseSha = h.gh.repo.baseSha;
    const moved = h.gh.state.baseTipSha!;
    await approvedByOlivia(h);

    const writes = h.gh.writes().length;
    await h.deliver('push', blueprintPushTo(h, moved));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
    expect(h.gh.writes().slice(writes)).toEqual([]);
  });

  it('still replaces a success evaluated against the tip the push moved away from', async () => {
    // The same success, evaluated before main moved; GitHub's pull request still names the old tip as
    // its base (it may update that late): the success is not known to be current, so it is replaced.
    const h = await harness({}, { app: { rechecksPerBaseMove: 0 } });
    await approvedByOlivia(h);

    await h.deliver('push', blueprintPushTo(h, AFTER));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'To be evaluated again: main moved' },
    });
  });

  it('reads only the check of a pull request whose sign-off does not pass', async () => {
    const h = await harness();
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'commented'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    const calls = h.gh.calls.length;
    await h.deliver('push', pushToMain(['blueprint/blueprint.yaml']));
    await h.idle();
    const after = h.gh.calls.slice(calls).map((c) => `${c.method} ${c.path.split('?')[0]}`);
    expect(
      after.filter((c) => c.includes('/reviews') || c.startsWith('POST') || c.startsWith('PATCH')),
    ).toEqual([]);
  });
});

describe("a change to the organisation's config that a base's config extends", () => {
  /** GitHub's push delivery to the default branch of `acme/.github`, its one commit touching `paths`. */
  function pushToOrgConfig(paths: string[]) {
    return payload('push', (p) => {
      const repository = p.repository as Record<string, unknown>;
      repository.name = '.github';
      repository.full_name = 'acme/.github';
      repository.id = repositoryId('.github'); // another repository than the fixture's shop
      touching(p, paths);
    });
  }

  /** #7 of acme/shop, whose config extends the organisation's, approved under `signoff: {}` there. */
  async function approvedUnderOrgConfig(): Promise<Harness> {
    const h = await harness({ config: '_extends: .github\n', orgConfig: 'signoff: {}\n' });
    // The head's review was computed under main's config as resolved: the organisation's `signoff: {}`.
    const review = h.gh.state.checkRuns.find((r) => r.name === 'Blueprint review: main')!;
    review.output = { title: 'Blueprint review', summary: await basisLine('signoff: {}\n') };
    await approvedByOlivia(h);
    return h;
  }

  it("replaces the successes computed under the former one, in the installation's other repositories", async () => {
    const h = await approvedUnderOrgConfig();
    // The organisation's config now asks security for every contract change; no push to acme/shop.
    h.gh.state.orgConfig = STRICT;
    await h.deliver('push', pushToOrgConfig(['.github/blueprint-review.yml']));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'To be evaluated again: the configuration of main changed' },
    });
    const reviews = reviewRuns(h);
    expect(reviews.map((r) => r.conclusion)).toEqual(['failure']);

    // Its next event evaluates it under the new one.
    reviewedAgainWithoutThreads(h);
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
    expect(shownOnHead(h)!.output!.summary).toContain('security-on-contracts');
  });

  it('writes nothing where the config as resolved did not change', async () => {
    const h = await approvedUnderOrgConfig();
    h.gh.state.orgConfig = '# reworded\nsignoff: {}\n';
    const writes = h.gh.writes().length;
    await h.deliver('push', pushToOrgConfig(['.github/blueprint-review.yml']));
    await h.idle();
    expect(h.gh.writes().slice(writes)).toEqual([]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  it('costs nothing for a push there that touches nothing a config can be read from', async () => {
    const h = await approvedUnderOrgConfig();
    const calls = h.gh.calls.length;
    await h.deliver('push', pushToOrgConfig(['profile/README.md']));
    await h.idle();
    expect(h.gh.calls.slice(calls)).toEqual([]);
  });
});

describe('which pushes may change a config', () => {
  it('needs a listed YAML or JSON path, and assumes a change when the delivery does not list them all', () => {
    const read = (patch: (p: Record<string, unknown>) => void) => pushOf(payload('push', patch));
    expect(mayChangeConfig(read(() => {})!)).toBe(true);
    const commits = (modified: string[]) => (p: Record<string, unknown>) => {
      (p.commits as { modified: string[] }[])[0]!.modified = modified;
    };
    expect(mayChangeConfig(read(commits(['docs/x.md']))!)).toBe(false);
    expect(mayChangeConfig(read(commits(['config/base.YAML']))!)).toBe(true);
    // A force push, or commits the delivery leaves out, may have changed anything.
    const forced = (p: Record<string, unknown>) => {
      commits(['docs/x.md'])(p);
      p.forced = true;
    };
    expect(mayChangeConfig(read(forced)!)).toBe(true);
    expect(mayChangeConfig(read((p) => (p.commits = []))!)).toBe(true);
    expect(mayChangeConfig(read((p) => (p.commits = [{ id: 'x' }]))!)).toBe(true);
    // No branch a pull request can target: a tag, a deleted or new branch, a merge queue's group.
    expect(read((p) => (p.ref = 'refs/tags/v1'))).toBeUndefined();
    expect(read((p) => (p.deleted = true))).toBeUndefined();
    expect(read((p) => (p.before = '0'.repeat(40)))).toBeUndefined();
    expect(read((p) => (p.ref = `refs/heads/gh-readonly-queue/main/pr-7-${BEFORE}`))).toBeUndefined();
  });

  it('compares configs as read, not the commit their problems name', () => {
    const invalid = (ref: string) => ({
      kind: 'invalid' as const,
      problems: [`.github/blueprint-review.yml@${ref}:2: signoff must be object`],
    });
    expect(configIdentity(invalid(BEFORE), BEFORE)).toBe(configIdentity(invalid(AFTER), AFTER));
    expect(configIdentity({ kind: 'missing' }, BEFORE)).not.toBe(configIdentity(invalid(AFTER), AFTER));
  });
});
