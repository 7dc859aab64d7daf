/**
 * A test hook, loaded only by tests (`node --require` preloads, ESM included, run in every worker thread too; `--import` ones do not): in the
 * app's worker threads, a job for the pull request numbered `TEST_HANG_PULL` blocks its thread in a
 * synchronous loop forever, and one for `TEST_HOG_PULL` allocates until the thread runs out of heap —
 * the two ways a hostile contract can hold a review that no abort reaches. Its listener is the
 * thread's first (a preload runs before the entry), so the job never reaches the app's own.
 *
 * With `TEST_RUNS_FILE`, each job a thread is handed is written there (a JSON line: its pull request,
 * and which contract parsers the thread had loaded by then — a job's budget must not pay for them).
 *
 * A job for `TEST_SLOW_PULL` is slow but legitimate: on a host made busy (a CPU hog per core, started
 * here, at the default priority the app's worker threads yield to), it spends `TEST_SLOW_CPU_MS` of
 * its thread's CPU time, writes how long that took on the wall clock to `TEST_SLOW_FILE`, stops the
 * hogs and goes on to the app's own review of it.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort } from 'node:worker_threads';

const hang = Number(process.env.TEST_HANG_PULL);
const hog = Number(process.env.TEST_HOG_PULL);
const slow = Number(process.env.TEST_SLOW_PULL);
const slowCpuMs = Number(process.env.TEST_SLOW_CPU_MS);
const slowFile = process.env.TEST_SLOW_FILE;
const runsFile = process.env.TEST_RUNS_FILE;

/** A busy loop that ends when its parent (the app) is gone — it cannot be stopped if this thread is — or after two minutes. */
const HOG = `const parent = process.ppid, end = Date.now() + 120000; for (let i = 0; ; i++) if (i % 1e6 === 0 && (process.ppid !== parent || Date.now() > end)) process.exit();`;

/** This thread's CPU time in milliseconds (utime + stime, in hundredths of a second). */
function threadCpuMs() {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Spends `cpuMs` of this thread's CPU time with every core busy; how long that took on the wall clock. */
function burnUnderHogs(cpuMs) {
  const hogs = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', HOG], { stdio: 'ignore' }),
  );
  try {
    const started = performance.now();
    const until = threadCpuMs() + cpuMs;
    while (threadCpuMs() < until) for (let i = 0; i < 1e5; i++);
    return performance.now() - started;
  } finally {
    for (const child of hogs) child.kill('SIGKILL');
  }
}
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
    if (message.job.pullNumber === slow) appendFileSync(slowFile, `${burnUnderHogs(slowCpuMs)}\n`);
    if (message.job.pullNumber === hog) {
      // Arrays of doubles, 8 MB each: the heap fills in a few dozen steps, with nothing in them for
      // GC to trace, so little CPU goes before the thread runs out of memory.
      const kept = [];
      for (;;) kept.push(new Array(1_000_000).fill(kept.length + 0.5));
    }
  });
}
