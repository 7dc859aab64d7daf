/**
 * A worker thread's CPU time, read by the main thread — a thread stuck in a synchronous loop cannot
 * report its own, and Node 20 has no `process.threadCpuUsage`. On Linux each thread is a task of the
 * process: the thread tells its task id when it has loaded (`/proc/thread-self` names it), and the
 * main thread reads the task's user and system time from `/proc/self/task/<tid>/stat`, and how long
 * it waited, ready to run, for a CPU that busier work held from `/proc/self/task/<tid>/schedstat`.
 * Elsewhere (or where /proc is not mounted) there is no reading, and the job's budget falls back to
 * the wall clock.
 */
import { readFileSync, readlinkSync } from 'node:fs';

/**
 * The kernel's unit for the times in `stat` (USER_HZ): 100 per second on every Linux architecture
 * Node runs on — it is part of the kernel's ABI, whatever the kernel's own tick rate.
 */
const TICKS_PER_SECOND = 100;
/** `stat`'s fields after the command name (which may hold spaces and parentheses): utime is the 12th, stime the 13th. */
const UTIME_AFTER_NAME = 11;

/** This thread's task id, or undefined where the system does not have one to read. */
export function ownTaskId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** A task's time so far, in milliseconds. */
export interface TaskTimes {
  /** On a CPU (user and system time). */
  cpuMs: number;
  /**
   * Ready to run but waiting for a CPU (the scheduler's run delay): the time a thread at nice 10 loses
   * to busier work. Undefined where the kernel does not keep it (no `schedstat`).
   */
  starvedMs: number | undefined;
}

/** Task `tid` of this process: its times, or undefined when they cannot be read. */
export function taskTimes(tid: number): TaskTimes | undefined {
  const cpuMs = readTask(tid, 'stat', cpuMsOfStat);
  return cpuMs === undefined ? undefined : { cpuMs, starvedMs: readTask(tid, 'schedstat', runDelayMsOf) };
}

function readTask(
  tid: number,
  file: string,
  parse: (text: string) => number | undefined,
): number | undefined {
  try {
    return parse(readFileSync(`/proc/self/task/${tid}/${file}`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The run delay in a `schedstat` line (`<ns on the CPU> <ns waiting for one> <timeslices>`), in
 * milliseconds; undefined if it is not one.
 */
export function runDelayMsOf(schedstat: string): number | undefined {
  const fields = schedstat.trim().split(/\s+/);
  if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) return undefined;
  return Number(fields[1]) / 1e6;
}

/** The user plus system time in a `/proc/…/stat` line, in milliseconds; undefined if it is not one. */
export function cpuMsOfStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[UTIME_AFTER_NAME]);
  const stime = Number(fields[UTIME_AFTER_NAME + 1]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) return undefined;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
