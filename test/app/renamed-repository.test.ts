/**
 * A repository renamed (or transferred, or spelled in another case: GitHub's names are
 * case-insensitive) while a job of one of its pull requests runs: deliveries under the new name are
 * the same pull request's, and its sign-off evaluations wait for the running job, as they would under
 * the old name — never two at once, never an older one finishing last. The real app, real webhook
 * payloads, the loopback fake GitHub (which answers under every name of the repository).
 */
import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import type { BurstPull, BurstRepository } from './support/burst.js';
import {
  burstRepository,
  GitHubServer,
  REVIEW_CHECK,
  SIGNOFF_CHECK,
  webhookPayload,
} from './support/burst.js';
import { loopbackApp, receivePullRequest } from './support/loopback-app.js';

let repository: BurstRepository;
let gh: GitHubServer;
let app: BlueprintReviewApp;
let probot: Probot;

beforeAll(async () => {
  repository = burstRepository(1, 1, 1);
  gh = await new GitHubServer(repository.dir, repository.baseSha, 'blueprints: [blueprint]\n').start();
  gh.teams.set('org0/integration-platform', ['rex']);
  ({ app, probot } = await loopbackApp(gh.port));
}, 60_000);

afterAll(async () => {
  await app?.runtime()?.close(0);
  await gh?.stop();
  repository?.remove();
});

/** GitHub's delivery that someone labeled `pull`, naming its repository `owner/repo`. */
async function labeledAs(pull: BurstPull, owner: string, repo: string): Promise<void> {
  const body = webhookPayload(pull, pull.heads[0]!, 'opened', repository.baseSha) as {
    action: string;
    label?: unknown;
    repository: { name: string; full_name: string; owner: { login: string } };
    sender: unknown;
  };
  body.action = 'labeled';
  body.label = { name: 'ready' };
  body.repository.name = repo;
  body.repository.full_name = `${owner}/${repo}`;
  body.repository.owner.login = owner;
  body.sender = { login: 'ann', type: 'User', id: 7 };
  await probot.receive({ id: randomUUID(), name: 'pull_request', payload: body } as never);
}

describe('a repository renamed while a job of its pull request runs', () => {
  it('runs the sign-off evaluations delivered under its new name, and in another case, after that job', async () => {
    const pull = repository.pulls[0]!;
    const head = pull.heads[0]!;
    gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
    // The review, queued under the old name, is caught reading the changed files.
    const reading = gh.hold(/\/pulls\/1\/files$/);
    await receivePullRequest(probot, repository, pull, 0, 'opened', 'ann');
    await reading.arrived;

    gh.renamed.set(`${pull.owner}/store`, `${pull.owner}/${pull.repo}`);
    await labeledAs(pull, pull.owner, 'store');
    await labeledAs(pull, pull.owner.toUpperCase(), 'Store');
    // One job of the pull request runs; the evaluation waits in its lane (the second request is
    // answered by it).
    expect(await app.runtime()!.queue.stats()).toMatchObject({ running: 1, waiting: 1 });

    reading.release();
    await app.runtime()!.queue.idle();
    const requested = gh.requested;
    const reviewDone = requested.findLastIndex((r) => r.startsWith('PATCH /repos/org0/shop/check-runs/'));
    const evaluation = requested.findIndex((r) => /^GET \/repos\/org0\/store\/pulls\/1$/i.test(r));
    expect(reviewDone).toBeGreaterThan(-1);
    expect(evaluation).toBeGreaterThan(reviewDone);
    expect(gh.checkRuns.filter((r) => r.name === REVIEW_CHECK && r.head_sha === head)).toHaveLength(1);
    expect(gh.checkRuns.find((r) => r.name === SIGNOFF_CHECK && r.head_sha === head)).toMatchObject({
      status: 'completed',
    });
    expect(gh.unknown).toEqual([]);
  }, 120_000);
});
