/**
 * A test hook, loaded only by tests (`node --require` preloads, ESM included, run in every worker thread too; `--import` ones do not): in the
 * app's worker threads, a job for the pull request numbered `TEST_HANG_PULL` blocks its thread in a
 * synchronous loop forever, and one for `TEST_HOG_PULL` allocates until the thread runs out of heap —
 * the two ways a hostile contract can hold a review that no abort reaches. Its listener is the
 * thread's first (a preload runs before the entry), so the job never reaches the app's own.
 */
import { isMainThread, parentPort } from 'node:worker_threads';

const hang = Number(process.env.TEST_HANG_PULL);
const hog = Number(process.env.TEST_HOG_PULL);

if (!isMainThread && parentPort) {
  parentPort.on('message', (message) => {
    if (message?.type !== 'run') return;
    if (message.job.pullNumber === hang) for (;;);
    if (message.job.pullNumber === hog) {
      const kept = [];
      for (;;) kept.push(new Array(100_000).fill(kept.length));
    }
  });
}
