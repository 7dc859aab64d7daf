/**
 * A worker thread's first import (worker-thread.ts): reviews yield the CPU to the main thread, which
 * answers webhooks and health probes — with the worker threads busy on every core, a webhook would
 * otherwise wait its turn among them. It runs before the thread loads its rules and parsers (ES
 * modules evaluate their imports in order), so a thread starting up yields too. On Linux a thread's
 * nice value is its own, so this lowers this thread only (elsewhere the whole process, which changes
 * nothing between its threads). 10 is `nice`'s default.
 */
import { setPriority } from 'node:os';

const WORKER_NICENESS = 10;
try {
  setPriority(WORKER_NICENESS);
} catch {
  // not allowed here: the threads share the CPU evenly
}
