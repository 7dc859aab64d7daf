import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // One temporary folder per run, removed at the end (see the file).
    globalSetup: ['test/support/temp-root.ts'],
  },
});
