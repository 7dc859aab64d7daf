/**
 * The GitHub App under test, Probot's way: a real Probot instance with the app loaded, webhook
 * deliveries through `probot.receive`, and a FakeGitHub (nock) answering every request.
 */
import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import { pino } from 'pino';
import { expect, onTestFinished } from 'vitest';
import { changedFilesBetween } from '../../../src/adapters/git-changes.js';
import { createBlueprintReviewApp } from '../../../src/app/index.js';
import type { BlueprintReviewApp } from '../../../src/app/index.js';
import type { AppOptions } from '../../../src/app/runtime.js';
import type { ChangedFile } from '../../../src/review/types.js';
import { APP_ID, FakeGitHub, payload, testPrivateKey } from './fake-github.js';
import { twoCommitRepo } from './git-repo.js';
import type { TwoCommitRepo } from './git-repo.js';
import type { Files } from './shop.js';
import { testProbot } from './test-probot.js';

export const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

/** One key for the whole test file: generating an RSA key costs ~100 ms. */
let privateKey: string | undefined;

export interface Harness {
  repo: TwoCommitRepo;
  files: ChangedFile[];
  gh: FakeGitHub;
  app: BlueprintReviewApp;
  probot: Probot;
  /** What the app logged as errors: each line's message, and the reason it gives (a job given up). */
  errors: string[];
  deliver(name: string, body: Record<string, unknown>): Promise<void>;
  idle(): Promise<void>;
  close(): Promise<void>;
  done(): void;
}

export async function harness(base: Files, head: Files, sleeps: number[] = []): Promise<Harness> {
  const repo = twoCommitRepo(base, head);
  return harnessFor(repo, await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha), sleeps);
}

export async function harnessFor(
  repo: TwoCommitRepo,
  files: ChangedFile[],
  sleeps: number[] = [],
  /** null: the app looks its login up. */
  botLogin: string | null = 'blueprint-review[bot]',
  options: AppOptions = {},
): Promise<Harness> {
  privateKey ??= testPrivateKey();
  const gh = new FakeGitHub(repo);
  const app = createBlueprintReviewApp({
    // A job that throws is retried at once (tests never wait on the backoff).
    retry: { attempts: 4, backoffMs: 1 },
    ...options,
    ...(botLogin ? { botLogin, appId: APP_ID } : {}),
    client: { sleep: async (ms) => void sleeps.push(ms) },
    signoff: false, // the sign-off gate's requests are tested in test/signoff/app.test.ts
  });
  const errors: string[] = [];
  const probot = testProbot({ privateKey, log: errorsInto(errors) });
  await probot.load(app.app);
  const h: Harness = {
    repo,
    files,
    gh,
    app,
    probot,
    errors,
    deliver: (name, body) => probot.receive({ id: randomUUID(), name, payload: body } as never),
    idle: () => app.runtime()!.queue.idle(),
    close: () => app.runtime()!.close(1_000),
    done() {
      expect(gh.unmatched).toEqual([]);
      expect(gh.scope.pendingMocks()).toEqual([]);
    },
  };
  // Registered by the test that made it (not a module-level hook, which would run for the first test
  // file only when files share one module graph).
  onTestFinished(() => {
    void h.close();
    h.gh.dispose();
    h.repo.remove();
  });
  return h;
}

/**
 * A logger that keeps each error line in `errors` (what an operator reads when nothing can be written
 * on GitHub), and prints at TEST_LOG_LEVEL when that is set.
 */
export function errorsInto(errors: string[]): pino.Logger {
  const kept = {
    write(line: string) {
      const { msg, reason } = JSON.parse(line) as { msg?: string; reason?: string };
      errors.push([msg, reason].filter(Boolean).join(': '));
    },
  };
  const level = process.env.TEST_LOG_LEVEL;
  const streams: pino.StreamEntry[] = [{ level: 'error', stream: kept }];
  if (level) streams.push({ level: level as pino.Level, stream: process.stdout });
  return pino(
    { level: level && pino.levels.values[level]! < 50 ? level : 'error' },
    pino.multistream(streams),
  );
}

export function pullRequestEvent(
  repo: TwoCommitRepo,
  action = 'opened',
  patch: (p: Record<string, unknown>) => void = () => {},
): Record<string, unknown> {
  return payload(`pull_request.${action}`, (p) => {
    const pr = p.pull_request as { head: { sha: string }; base: { sha: string } };
    pr.head.sha = repo.headSha;
    pr.base.sha = repo.baseSha;
    if (action === 'synchronize') p.after = repo.headSha;
    patch(p);
  });
}

/** The requests of a review that touches the blueprint, up to the check-run completion. */
export async function expectBlueprintReview(h: Harness, first = true, config = CONFIG): Promise<void> {
  // Probot caches the installation token, and the app the blobs: only the first run fetches them.
  if (first) h.gh.token();
  h.gh.findCheck(h.repo.headSha).createCheck().getPull().config(config).files(h.files).compare();
  await h.gh.tree(h.repo.headSha);
  await h.gh.tree(h.repo.baseSha);
  if (first) await h.gh.blobs('blueprint');
}

export interface CheckBody {
  name?: string;
  head_sha?: string;
  status?: string;
  conclusion?: string;
  output?: {
    title: string;
    summary: string;
    annotations?: {
      path: string;
      start_line: number;
      title: string;
      annotation_level: string;
      message: string;
    }[];
  };
}
