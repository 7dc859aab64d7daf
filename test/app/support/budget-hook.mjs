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
 * A job for `TEST_SLOW_PULL` is slow but legitimate: on a host made busy (a CPU hog per core), it
 * spends `TEST_SLOW_CPU_MS` of its thread's CPU time, writes how long that took on the wall clock to
 * `TEST_SLOW_FILE`, quiets the hogs and goes on to the app's own review of it. The hogs are started
 * by the main thread, at its default priority, which the app's worker threads (nice 10) yield to, as
 * they yield to a busy host's other work: a child process a worker thread started would inherit the
 * thread's nice 10 and share the CPU with it evenly. They wait, asleep, until the slow job asks for
 * them (a file beside `TEST_SLOW_FILE`), and end with the app.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort } from 'node:worker_threads';

const hang = Number(process.env.TEST_HANG_PULL);
const hog = Number(process.env.TEST_HOG_PULL);
const slow = Number(process.env.TEST_SLOW_PULL);
const slowCpuMs = Number(process.env.TEST_SLOW_CPU_MS);
const slowFile = process.env.TEST_SLOW_FILE;
const runsFile = process.env.TEST_RUNS_FILE;

/**
 * A hog: asleep until `trigger` exists, busy while it does; it ends when its parent (the app) is gone
 * — it cannot be stopped if the thread that asked for it is — or after ten minutes.
 */
const HOG = `const fs = require('node:fs'), [trigger] = process.argv.slice(1), parent = process.ppid, end = Date.now() + 600000;
const nap = new Int32Array(new SharedArrayBuffer(4));
while (process.ppid === parent && Date.now() < end) {
  if (!fs.existsSync(trigger)) { Atomics.wait(nap, 0, 0, 10); continue; }
  const until = Date.now() + 50;
  while (Date.now() < until);
}`;

const trigger = slowFile && `${slowFile}.busy`;

/** This thread's CPU time in milliseconds (utime + stime, in hundredths of a second). */
function threadCpuMs() {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Spends `cpuMs` of this thread's CPU time with every core busy; how long that took on the wall clock. */
function burnUnderHogs(cpuMs) {
  writeFileSync(trigger, '');
  try {
    const started = performance.now();
    const until = threadCpuMs() + cpuMs;
    while (threadCpuMs() < until) for (let i = 0; i < 1e5; i++);
    return performance.now() - started;
  } finally {
    rmSync(trigger, { force: true });
  }
}
const PARSERS = ['@apidevtools/swagger-parser', '@asyncapi/parser'];

/** The parsers this thread has loaded (both are CommonJS: the thread's require cache lists them). */
function loadedParsers() {
  const files = Object.keys(createRequire(import.meta.url).cache);
  return PARSERS.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));
}

if (isMainThread && slow && trigger) {
  for (let i = 0; i < availableParallelism(); i++)
    spawn(process.execPath, ['-e', HOG, trigger], { stdio: 'ignore' }).unref();
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
