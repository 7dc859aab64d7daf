/**
 * The GitHub API calls the app makes per pull-request event, review and sign-off together, on a
 * generated blueprint in which the pull request changes one contract: the first event (`opened`),
 * a later push (`synchronize`, another contract changed), and a force-push that leaves the pull
 * request changing no blueprint file. The app runs in this process under
 * Probot, against a loopback GitHub (fake-github-server.ts) serving a real git repository. The
 * bench's `api` section prints the figures; test/app/api-calls.test.ts asserts the calls.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Probot, ProbotOctokit } from 'probot';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { FakeGitHubServer } from './fake-github-server.js';
import { addResponseField, generateBlueprint, writeBlueprint } from './generate-blueprint.js';
import { ROOT } from './process-usage.js';

const CONFIG = 'blueprints: [blueprints/org]\npreset: recommended\n';

export interface EventCalls {
  /** Every request, in the order made, as `METHOD /route/:template`. */
  calls: string[];
  /** What the app concluded on the event's head, per check run (calls of a run that failed early would flatter the count). */
  checks: { name: string; conclusion: string; line: string }[];
  seconds: number;
}

export interface ApiCalls {
  /** Files in the repository (the blueprint and the config). */
  files: number;
  first: EventCalls;
  later: EventCalls;
  /** The branch force-pushed to a commit that changes no blueprint file (a README): the pull request's own. */
  codeOnly: EventCalls;
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

function commit(dir: string, message: string): string {
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', message]);
  return git(dir, ['rev-parse', 'HEAD']);
}

function pullRequestEvent(
  action: string,
  sha: string,
  baseSha: string,
  before?: string,
): Record<string, unknown> {
  const event = JSON.parse(
    readFileSync(path.join(ROOT, `test/fixtures/webhooks/pull_request.${action}.json`), 'utf8'),
  ) as Record<string, unknown> & { pull_request: { head: { sha: string }; base: { sha: string } } };
  event.pull_request.head.sha = sha;
  event.pull_request.base.sha = baseSha;
  // A push names the head it replaced: the sign-off follows the recorded pushes back from it, and a
  // `before` it never saw makes it fail closed (as it should), which would skew the count.
  if (action === 'synchronize') Object.assign(event, { after: sha, before });
  return event;
}

/** Builds a repository of `contracts` generated contracts in `dir` (emptied first) and counts the calls of both events. */
export async function apiCallsPerEvent(contracts: number, dir: string): Promise<ApiCalls> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const generated = generateBlueprint({ contracts });
  writeBlueprint(dir, generated);
  mkdirSync(path.join(dir, '.github'));
  writeFileSync(path.join(dir, '.github/blueprint-review.yml'), CONFIG);
  const baseSha = commit(dir, 'base');
  const files = git(dir, ['ls-files']).split('\n').length;
  git(dir, ['checkout', '-q', '-b', 'feature']);
  const openApis = generated.contractFiles.filter((f) => f.endsWith('.openapi.yaml'));
  addResponseField(path.join(dir, openApis[0]!), 'nickname');
  const firstHead = commit(dir, 'change one contract');

  const server = new FakeGitHubServer(dir, 'acme', 'shop', {
    number: 7,
    baseRef: 'main',
    headRef: 'feature',
    author: 'octocat',
  });
  const baseUrl = await server.start();
  try {
    const app = createBlueprintReviewApp({});
    const probot = new Probot({
      appId: 1,
      privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs1',
        format: 'pem',
      }) as string,
      secret: 'bench',
      logLevel: 'fatal',
      baseUrl,
      // No write spacing or retries: the calls are counted, GitHub's limits are not waited on.
      Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        retry: { enabled: false },
        throttle: { ...(options.throttle as object), enabled: false },
      })),
    });
    await probot.load(app.app);
    const event = async (action: string, head: string, before?: string): Promise<EventCalls> => {
      server.resetCounts();
      const start = performance.now();
      await probot.receive({
        id: randomUUID(),
        name: 'pull_request',
        payload: pullRequestEvent(action, head, baseSha, before),
      } as never);
      await app.runtime()!.queue.idle();
      await app.runtime()!.queue.idle();
      return {
        calls: [...server.calls],
        checks: server.checkRunsOn(head),
        seconds: (performance.now() - start) / 1000,
      };
    };
    const first = await event('opened', firstHead);
    addResponseField(path.join(dir, openApis[1]!), 'nickname');
    const secondHead = commit(dir, 'change another contract');
    const later = await event('synchronize', secondHead, firstHead);
    git(dir, ['reset', '-q', '--hard', baseSha]);
    writeFileSync(path.join(dir, 'README.md'), '# The order-to-cash blueprint\n');
    const codeHead = commit(dir, 'a README, nothing else');
    const codeOnly = await event('synchronize', codeHead, secondHead);
    return { files, first, later, codeOnly };
  } finally {
    await server.stop();
  }
}
