import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, where
    // most of the slow files wait rather than compute (a real Redis, child processes, the fake
    // GitHub's retries and lease timers). One worker per core: a third worker on 2 cores made tests
    // time out once the machine was busy with other work.
    maxWorkers: availableParallelism(),
    // One temporary folder per run, removed at the end (see the file).
    globalSetup: ['test/support/temp-root.ts'],
  },
});
