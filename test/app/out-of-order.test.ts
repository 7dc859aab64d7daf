/**
 * Deliveries out of order (GitHub does not promise their order, replicas reorder them more, and a
 * lost one is redelivered by hand much later): a `synchronize` that arrives before the `opened` or
 * `reopened` of the head it replaced. Whatever the order, the check that counts is the one on the
 * pull request's newest head, computed for that head — an older head's clean review never shows
 * green on a newer head with findings — and whoever opened or reopened the pull request counts as
 * having pushed what it held, also when GitHub tells the app only after the newer head was
 * evaluated. The real app, real webhook payloads, the loopback fake GitHub over a git repository.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import { parsePushes } from '../../src/signoff/pushes.js';
import type { Push } from '../../src/signoff/pushes.js';
import type { BurstPull, BurstRepository } from './support/burst.js';
import { burstRepository, GitHubServer, REVIEW_CHECK, SIGNOFF_CHECK } from './support/burst.js';
import { loopbackApp, receivePullRequest } from './support/loopback-app.js';
import { addEventFlowWithoutDeadLetter, BLUEPRINT } from './support/shop.js';

/** Every change here is to the topology: the platform team (rex, ivy) approves it. */
const CONFIG = `blueprints: [blueprint]
preset: recommended
signoff:
  teams:
    integrationPlatform: org0/platform
`;
let repository: BurstRepository;
let gh: GitHubServer;
let app: BlueprintReviewApp;
let probot: Probot;

beforeAll(async () => {
  // Six pull requests, two heads each (index 4's have a finding); 1 and 2 get a third with a finding.
  repository = burstRepository(1, 6, 2);
  for (const pull of repository.pulls.slice(1, 3)) pull.heads.push(headWithFindings(pull));
  gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
  gh.teams.set('org0/platform', ['rex', 'ivy']);
  for (const login of ['ann', 'bob', 'rex', 'ivy']) gh.permissions.set(login, 'write');
  ({ app, probot } = await loopbackApp(gh.port));
}, 60_000);

afterAll(async () => {
  await app?.runtime()?.close(0);
  await gh?.stop();
  repository?.remove();
});

/** A commit on the pull request's branch that adds an event flow without a dead letter (a finding). */
function headWithFindings(pull: BurstPull): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], {
      cwd: repository.dir,
      encoding: 'utf8',
    }).trim();
  git('checkout', '-q', pull.branch);
  const file = path.join(repository.dir, BLUEPRINT);
  writeFileSync(file, addEventFlowWithoutDeadLetter({ [BLUEPRINT]: readFileSync(file, 'utf8') })[BLUEPRINT]!);
  git('commit', '-q', '-am', 'an event flow without a dead letter');
  const sha = git('rev-parse', 'HEAD');
  git('checkout', '-q', 'main');
  return sha;
}

/** The pull request on GitHub is at head `k` now (pushed there), with `approvals` given. */
function at(pull: BurstPull, k: number, approvals: { user: string; k: number }[] = []): void {
  gh.openPull({
    owner: pull.owner,
    repo: pull.repo,
    number: pull.number,
    head: pull.heads[k]!,
    branch: pull.branch,
    approvals: approvals.map((a, i) => ({
      id: 9000 + i,
      user: a.user,
      state: 'APPROVED',
      commit_id: pull.heads[a.k]!,
      submitted_at: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(),
    })),
  });
}

/** GitHub's delivery that `by` opened, reopened or pushed head `k` (after head k-1) of `pull`. */
const deliver = (pull: BurstPull, k: number, action: 'opened' | 'synchronize' | 'reopened', by: string) =>
  receivePullRequest(probot, repository, pull, k, action, by);

const idle = () => app.runtime()!.queue.idle();
const runsOn = (name: string, head: string) =>
  gh.checkRuns.filter((r) => r.name === name && r.head_sha === head);
/** The pushes recorded on a head, without the pushers' account ids (here each delivery's sender has one). */
const recorded = (head: string) =>
  runsOn(SIGNOFF_CHECK, head).flatMap((r) => parsePushes(r.external_id, head).map(withoutId));
const withoutId = ({ id: _id, ...push }: Push): Push => push;
/** What a check shows on a head: its newest run. */
const shown = (name: string, head: string) => runsOn(name, head).at(-1);

describe.each(['opened', 'reopened'] as const)('a synchronize delivered before the %s', (action) => {
  it('leaves the newest head with its own verdicts: an older clean head never shows green there', async () => {
    const pull = repository.pulls[action === 'opened' ? 1 : 2]!;
    const [, h0, h1] = pull.heads as [string, string, string];
    // On GitHub the pull request is at h1 (with a finding) when both deliveries come, newest first.
    at(pull, 2);
    await deliver(pull, 2, 'synchronize', 'bob');
    await deliver(pull, 1, action, 'ann');
    await idle();

    // h1 is reviewed for itself: its finding fails the review, and no run of the app on h1 passes.
    expect(shown(REVIEW_CHECK, h1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(shown(SIGNOFF_CHECK, h1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    for (const run of [...runsOn(REVIEW_CHECK, h1), ...runsOn(SIGNOFF_CHECK, h1)])
      expect(run.conclusion).not.toBe('success');
    // Every push is known: bob pushed h1 over h0, ann opened (or reopened) the pull request at h0.
    expect([...recorded(h0), ...recorded(h1)]).toEqual(
      expect.arrayContaining([
        { after: h1, by: 'bob', before: h0 },
        { after: h0, by: 'ann', before: null },
      ]),
    );
    expect(shown(SIGNOFF_CHECK, h1)!.output?.summary).not.toContain('no record of who pushed');
    expect(gh.unknown).toEqual([]);
  }, 120_000);

  it(`counts whoever ${action} the pull request as a pusher, also when told after the newer head passed`, async () => {
    const pull = repository.pulls[action === 'opened' ? 3 : 5]!;
    const h1 = pull.heads[1]!;
    // rex opened the pull request at h0 (reopened: first opened by ann, then closed and reopened by
    // rex), bob pushed h1 and rex, of the platform team, approved it. The delivery of the opening
    // (or reopening) comes last: until then the app knows of no push of rex's.
    if (action === 'reopened') {
      at(pull, 0);
      await deliver(pull, 0, 'opened', 'ann');
      await idle();
    }
    at(pull, 1, [{ user: 'rex', k: 1 }]);
    await deliver(pull, 1, 'synchronize', 'bob');
    await idle();
    // Before: reopened, the trace from h1 is complete without rex (ann opened, bob pushed), so his
    // approval passes; opened, nobody is known to have pushed h0, which fails closed.
    if (action === 'reopened') expect(shown(SIGNOFF_CHECK, h1)).toMatchObject({ conclusion: 'success' });
    else expect(shown(SIGNOFF_CHECK, h1)!.output?.summary).toContain('no record of who pushed');
    await deliver(pull, 0, action, 'rex');
    await idle();

    // rex's approval does not count: he made h0 the head, which h1 builds on.
    const verdict = shown(SIGNOFF_CHECK, h1)!;
    expect(verdict).toMatchObject({ status: 'completed' });
    expect(verdict.conclusion).not.toBe('success');
    expect(verdict.output?.summary).toContain('@org0/platform');
    expect(verdict.output?.summary).toContain('`@rex` is one of those who pushed to this pull request');
    expect(gh.unknown).toEqual([]);
  }, 120_000);
});
