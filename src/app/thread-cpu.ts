/**
 * A worker thread's CPU time, read by the main thread — a thread stuck in a synchronous loop cannot
 * report its own, and Node 20 has no `process.threadCpuUsage`. On Linux each thread is a task of the
 * process: the thread tells its task id when it has loaded (`/proc/thread-self` names it), and the
 * main thread reads the task's user and system time from `/proc/self/task/<tid>/stat`. Elsewhere
 * (or where /proc is not mounted) there is no reading, and the job's budget falls back to the wall clock.
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

/** Milliseconds of CPU time task `tid` of this process has used, or undefined when it cannot be read. */
export function taskCpuMs(tid: number): number | undefined {
  try {
    return cpuMsOfStat(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The user plus system time in a `/proc/…/stat` line, in milliseconds; undefined if it is not one. */
export function cpuMsOfStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[UTIME_AFTER_NAME]);
  const stime = Number(fields[UTIME_AFTER_NAME + 1]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) return undefined;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
