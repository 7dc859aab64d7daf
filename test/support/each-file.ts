/**
 * Vitest set-up file: runs for every test file, also where files share one module graph (project
 * `shared`, vitest.config.ts). What a file may leave changed in the process for its own tests is put
 * back after it, so the next file in the worker starts as it would in a process of its own: nock's
 * interceptors and a network it shut (several files shut it and leave it to the process's end).
 */
import nock from 'nock';
import { afterAll, vi } from 'vitest';

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
