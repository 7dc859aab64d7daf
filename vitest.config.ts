import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that get a module graph of their own: those that replace a module with `vi.mock`, and
 * the app's (test/app), which run Probot apps against loopback and nock'd GitHubs in the test
 * process. Sharing a graph, test/app/api-calls.test.ts once saw its app write no check at all after
 * other files had run in its worker (a clean-clone run at 7a4939e; not reproduced alone or in pairs).
 */
const ISOLATED = ['**/*.isolated.test.ts', 'test/app/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, where
    // most of the slow files wait rather than compute (a real Redis, child processes, the fake
    // GitHub's retries and lease timers). One worker per core: a third worker on 2 cores made tests
    // time out once the machine was busy with other work.
    maxWorkers: availableParallelism(),
    // One temporary folder per run, removed at the end (see the file).
    globalSetup: ['test/support/temp-root.ts'],
    // Per file: what a file left changed in the process is put back (see the file).
    setupFiles: ['test/support/each-file.ts'],
    projects: [
      {
        // (Each project names its own files: a project that extends the root config would add its
        // lists to the root's.) Files share one module graph per worker: the engine, Probot, ajv and the parsers are
        // imported once per worker, not once per file (a third of the suite's time went to imports).
        // So a test leaves no global state behind and a support module registers no hook of its own
        // at its top level (test/suite-conventions.test.ts holds both).
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ISOLATED],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
