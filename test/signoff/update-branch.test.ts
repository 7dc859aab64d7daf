/**
 * Pushes that bring the base branch into a pull request. An update-branch workflow pushes its merge
 * with the workflow token (`github-actions[bot]`), which names nobody responsible; but a merge that
 * adds no blueprint content of its own — each blueprint file as at the head before it or as on the
 * base branch, proven from the trees' blob SHAs — hides nobody, and need not fail the gate. GitHub's
 * own "Update branch" button pushes as the person who clicked it: the same proof makes that push (and
 * its merge commit) not theirs, and nothing else they pushed or wrote. Real deliveries through the
 * Probot app, GitHub faked with nock over a real git repository.
 */
import { describe, expect, it } from 'vitest';
import { ADD_FIELD, BASE_FILES, CHANGE_TYPE, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import {
  approveCommit,
  commitOn,
  deliverApproval,
  harness,
  openedRun,
  pushEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';
import type { Harness } from './support/signoff-app.js';
import type { GitHubState } from './support/signoff-github.js';
import { serializePushes } from '../../src/signoff/pushes.js';

useSignoffApp();

const ORDERS = 'blueprint/contracts/orders.yaml';
const POLICIES = 'blueprint/policies/security.yaml';

/** The base branch since mallory branched off: the security team tightened a policy. */
const BASE_NOW: Files = edit(BASE_FILES, POLICIES, [['strategy: hash', 'strategy: redact']]);

/**
 * mallory opened the pull request at `before` (her change on the base as it was); `pusher` then
 * pushed the head: the base branch as it is now (the merge base) with `head`'s orders contract.
 */
async function mergedIn(
  pusher: string,
  {
    baseNow = BASE_NOW,
    mine = edit(BASE_FILES, ORDERS, [ADD_FIELD]),
    head = edit(baseNow, ORDERS, [ADD_FIELD]),
    before: beforePush = () => {},
  }: {
    baseNow?: Files;
    mine?: Files;
    head?: Files;
    /** What happens at her commit before the push (an approval of it). */
    before?: (h: Harness, commit: string) => void;
  } = {},
  state: Partial<GitHubState> = {},
): Promise<Harness> {
  const h = await harness(state, { base: baseNow, head, openedBy: null });
  // Her commit: the base as she branched off it, her orders contract (its parents prove nothing, so
  // none are made up).
  const old = Object.fromEntries(Object.entries(BASE_FILES).filter(([path, text]) => baseNow[path] !== text));
  const before = commitOn(h.gh.repo, 'before-update', { ...old, [ORDERS]: mine[ORDERS]! });
  h.gh.serveTree(before);
  h.gh.state.checkRuns.unshift(openedRun(before, 'mallory'));
  beforePush(h, before);
  await h.deliver(
    'pull_request',
    pushEvent(h, pusher, (p) => (p.before = before)),
  );
  await h.idle();
  return h;
}

describe("a workflow's merge of the base branch into the pull request", () => {
  it('adds nothing of its own: it hides nobody, and an owner’s approval passes', async () => {
    const h = await mergedIn('github-actions[bot]');
    await deliverApproval(h, 'oscar', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  it('keeps an approval of the commit before it when the base brought no blueprint change', async () => {
    // The base moved on outside the blueprint; oscar had approved mallory's commit.
    const baseNow = { ...BASE_FILES, 'README.md': '# order to cash, now with a README\n' };
    const h = await mergedIn('github-actions[bot]', {
      baseNow,
      before: (h, commit) => approveCommit(h, 'oscar', 1, commit),
    });
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  it('who pushed the head before it still cannot approve', async () => {
    const h = await mergedIn('github-actions[bot]', {}, { author: 'olivia' });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain("`@olivia`'s approval does not count");
  });

  it('with a blueprint file neither side had (a conflict it resolved) stays nobody’s known push', async () => {
    // mallory's head changed the field's type; the merge holds another change of the contract.
    const h = await mergedIn('github-actions[bot]', { mine: edit(BASE_FILES, ORDERS, [CHANGE_TYPE]) });
    await deliverApproval(h, 'oscar', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output!.summary).toContain(
      `commit \`${h.headSha.slice(0, 7)}\` was pushed by \`github-actions[bot]\` with a workflow's token`,
    );
  });

  it('that drops a file of the base (each other file as before) stays nobody’s known push', async () => {
    const removed = { ...edit(BASE_NOW, ORDERS, [ADD_FIELD]) };
    delete removed[POLICIES];
    const h = await mergedIn('github-actions[bot]', { head: removed });
    await deliverApproval(h, 'oscar', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'failure' });
  });
});

describe('an account the base config names as pushing for whoever asks', () => {
  const config = "signoff:\n  steerableAccounts: ['acme-deployer[bot]']\n";

  it("is nobody's known push when it changed a blueprint file of its own", async () => {
    const h = await mergedIn(
      'acme-deployer[bot]',
      { mine: edit(BASE_FILES, ORDERS, [CHANGE_TYPE]) },
      { config },
    );
    await deliverApproval(h, 'oscar', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output!.summary).toContain('was pushed by `acme-deployer[bot]` which the configuration');
    expect(shown.output!.summary).toContain('`signoff.steerableAccounts`');
  });

  it('hides nobody when it only merged the base branch in, as the workflow token', async () => {
    const h = await mergedIn('acme-deployer[bot]', {}, { config });
    await deliverApproval(h, 'oscar', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });
});

describe('GitHub’s "Update branch" button', () => {
  /** GitHub's merge commit names whoever clicked its author, and itself its committer. */
  const listed = (h: Harness, before: string, clicked: string) => {
    h.gh.state.commits = [
      { sha: before, author: 'mallory', committer: 'mallory' },
      { sha: h.headSha, author: clicked, committer: 'web-flow' },
    ];
  };

  it('brings only the base branch in: whoever clicked it is no pusher by it, and their approval counts', async () => {
    // GitHub's `synchronize` delivery names the person as its sender; olivia clicked, then approved.
    const h = await mergedIn('olivia', { before: (h, before) => listed(h, before, 'olivia') });
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  it('that brought a blueprint change of its own (a conflict resolved) keeps whoever clicked it a pusher', async () => {
    // mallory's head changed the field's type; the merge holds another change of the contract.
    const h = await mergedIn('olivia', { mine: edit(BASE_FILES, ORDERS, [CHANGE_TYPE]) });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain('`@olivia` is one of those who pushed to this pull request');
  });

  it('leaves whoever clicked it a pusher of what they pushed before it', async () => {
    // mallory opened the pull request at the base as it was; olivia pushed the orders change on it.
    const h = await mergedIn('olivia', {
      before: (h, before) => {
        const old = Object.fromEntries(
          Object.entries(BASE_FILES).filter(([path, text]) => BASE_NOW[path] !== text),
        );
        const opened = commitOn(h.gh.repo, 'opened', old);
        h.gh.serveTree(opened);
        const run = h.gh.state.checkRuns.find((r) => r.head_sha === before)!;
        run.external_id = serializePushes([{ after: before, by: 'olivia', before: opened }]);
        h.gh.state.checkRuns.unshift({ ...openedRun(opened, 'mallory'), id: 901 });
      },
    });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain('`@olivia` is one of those who pushed to this pull request');
  });

  it('leaves whoever clicked it the author of another commit of the pull request', async () => {
    const h = await mergedIn('olivia', {
      before: (h, before) => {
        listed(h, before, 'olivia');
        h.gh.state.commits![0]!.author = 'olivia';
      },
    });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain('`@olivia` is the author of commit');
  });
});
