/**
 * A test hook, loaded only by tests (`node --require` preloads, ESM included, run in every worker thread too; `--import` ones do not): in the
 * app's worker threads, a job for the pull request numbered `TEST_HANG_PULL` blocks its thread in a
 * synchronous loop forever, and one for `TEST_HOG_PULL` allocates until the thread runs out of heap —
 * the two ways a hostile contract can hold a review that no abort reaches. Its listener is the
 * thread's first (a preload runs before the entry), so the job never reaches the app's own.
 *
 * With `TEST_RUNS_FILE`, each job a thread is handed is written there (a JSON line: its pull request,
 * and which contract parsers the thread had loaded by then — a job's budget must not pay for them).
 */
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isMainThread, parentPort } from 'node:worker_threads';

const hang = Number(process.env.TEST_HANG_PULL);
const hog = Number(process.env.TEST_HOG_PULL);
const runsFile = process.env.TEST_RUNS_FILE;
const PARSERS = ['@apidevtools/swagger-parser', '@asyncapi/parser'];

/** The parsers this thread has loaded (both are CommonJS: the thread's require cache lists them). */
function loadedParsers() {
  const files = Object.keys(createRequire(import.meta.url).cache);
  return PARSERS.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));
}

if (!isMainThread && parentPort) {
  parentPort.on('message', (message) => {
    if (message?.type !== 'run') return;
    if (runsFile)
      appendFileSync(
        runsFile,
        `${JSON.stringify({ pull: message.job.pullNumber, parsers: loadedParsers() })}\n`,
      );
    if (message.job.pullNumber === hang) for (;;);
    if (message.job.pullNumber === hog) {
      // Arrays of doubles, 8 MB each: the heap fills in a few dozen steps, with nothing in them for
      // GC to trace, so little CPU goes before the thread runs out of memory.
      const kept = [];
      for (;;) kept.push(new Array(1_000_000).fill(kept.length + 0.5));
    }
  });
}
