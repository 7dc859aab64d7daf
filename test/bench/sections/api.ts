/**
 * GitHub API calls per pull-request event, review and sign-off together, on a generated blueprint of
 * 294 files in which the pull request changes one contract: the first event (`opened`) and a later
 * push (`synchronize`, another contract changed). The app runs in this process under Probot, against
 * a loopback GitHub (fake-github-server.ts) serving a real git repository.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Probot, ProbotOctokit } from 'probot';
import { createBlueprintReviewApp } from '../../../src/app/index.js';
import { FakeGitHubServer } from '../fake-github-server.js';
import { addResponseField, generateBlueprint, writeBlueprint } from '../generate-blueprint.js';
import { CACHE, ROOT } from '../process-usage.js';
import type { Section } from './section.js';

/** 282 contracts + 6 include files + blueprint.yaml + 2 policies + 2 ADRs + the config = 294 files. */
const CONTRACTS = 282;
const CONFIG = 'blueprints: [blueprints/org]\npreset: recommended\n';

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

export const apiSection = (): Section => ({
  name: 'api',
  title: `api: GitHub API calls per pull-request event, ${CONTRACTS} contracts (294 files), one contract changed`,
  async run() {
    const dir = path.join(CACHE, 'api-repo');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    const generated = generateBlueprint({ contracts: CONTRACTS });
    writeBlueprint(dir, generated);
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github/blueprint-review.yml'), CONFIG);
    const baseSha = commit(dir, 'base');
    const fileCount = git(dir, ['ls-files']).split('\n').length;
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
      // No write spacing or retries: the bench counts calls, it does not wait on GitHub's limits.
      Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        retry: { enabled: false },
        throttle: { ...(options.throttle as object), enabled: false },
      })),
    });
    await probot.load(app.app);
    const event = async (action: string, head: string, before?: string) => {
      server.resetCounts();
      const start = performance.now();
      await probot.receive({
        id: randomUUID(),
        name: 'pull_request',
        payload: pullRequestEvent(action, head, baseSha, before),
      } as never);
      await app.runtime()!.queue.idle();
      await app.runtime()!.queue.idle();
      const ms = performance.now() - start;
      const routes = [...server.counts].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} ${r}`);
      console.log(`  ${action}: ${server.total} calls in ${(ms / 1000).toFixed(1)} s — ${routes.join(', ')}`);
      const checks = server.checkRunsOn(head);
      for (const check of checks) console.log(`    ${check.line}`);
      // The conclusions go with the count: calls of a review that failed early would flatter it.
      return `${server.total} (${checks.map((c) => `${c.name} ${c.conclusion}`).join(', ')})`;
    };
    try {
      const first = await event('opened', firstHead);
      addResponseField(path.join(dir, openApis[1]!), 'nickname');
      const secondHead = commit(dir, 'change another contract');
      const later = await event('synchronize', secondHead, firstHead);
      return [
        {
          what: `app: API calls, ${fileCount}-file blueprint, one contract changed, first event`,
          now: first,
          before: '614',
          target: '≤ 30 + changed files (31)',
        },
        {
          what: 'app: API calls, later push (one more contract changed)',
          now: later,
          before: '319',
          target: '≤ 30 + changed files (32)',
        },
      ];
    } finally {
      await server.stop();
    }
  },
});
