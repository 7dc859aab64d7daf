/**
 * Merge queues: GitHub asks for the required checks on each merge group it builds
 * (`merge_group.checks_requested`), and a person may ask to re-run them (`check_run.rerequested`,
 * `check_suite.rerequested` on a queue branch's commit). The group's checks are written by a queued
 * job in the lane of the pull request its branch names (merge-group-job.ts; src/signoff/merge-group.ts
 * says when they pass), so they follow that pull request's evaluations already queued. A branch that
 * names no pull request is still queued (lane 0): its checks are written as failures with the reason.
 */
import type { Probot } from 'probot';
import type { MergeGroupEvent } from '../../signoff/merge-group.js';
import { groupBase, groupOfQueueBranch } from '../../signoff/merge-group.js';
import { checkNameFor } from '../check-name.js';
import { mergeGroupRequest, mergeGroupSettings } from '../jobs.js';
import type { AppRuntime } from '../runtime.js';
import { enqueueFromEvent } from './enqueue.js';

export function registerMergeGroupHandlers(app: Probot, runtime: AppRuntime): void {
  app.on('merge_group.checks_requested', async (context) => {
    const group = mergeGroupOf(context.payload.merge_group as unknown as Record<string, unknown>);
    await enqueueFromEvent(context, runtime, mergeGroupRequest(group));
  });

  // "Re-run" on a group's check (GitHub sends it to the app that made the run): the group is checked
  // again, found from its queue branch (no `merge_group` delivery describes it).
  app.on('check_run.rerequested', async (context) => {
    const { check_run: run, sender } = context.payload;
    const group = groupOfCheck(run);
    const base = group && groupBase(group);
    if (base === undefined || !ownCheckNames(runtime, base).includes(run.name)) return;
    if (await runtime.isOwnEvent(sender)) return;
    await enqueueFromEvent(context, runtime, mergeGroupRequest(group!));
  });

  app.on('check_suite.rerequested', async (context) => {
    const { check_suite: suite, sender } = context.payload;
    const group = groupOfCheck(suite);
    if (!group) return;
    if (await runtime.isOwnEvent(sender)) return;
    await enqueueFromEvent(context, runtime, mergeGroupRequest(group));
  });
}

/** The names of the checks the app writes on a group into `base`. */
function ownCheckNames(runtime: AppRuntime, base: string): string[] {
  return mergeGroupSettings(runtime.jobSettings).checks.map((check) => checkNameFor(check, base));
}

/**
 * The merge group a check run or check suite delivery is about, when its commit is a queue branch's
 * (handled here, not as a pull request's). Read defensively: a field missing reads as no group.
 */
export function groupOfCheck(subject: {
  head_sha?: unknown;
  head_branch?: unknown;
  check_suite?: { head_branch?: unknown } | null;
}): MergeGroupEvent | undefined {
  const branch = subject.head_branch ?? subject.check_suite?.head_branch;
  if (typeof branch !== 'string' || typeof subject.head_sha !== 'string') return undefined;
  return groupOfQueueBranch(branch, subject.head_sha);
}

/** The group as the delivery states it; a field missing or of another type reads as '' (unreadable). */
function mergeGroupOf(payload: Record<string, unknown>): MergeGroupEvent {
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  return {
    headSha: text('head_sha'),
    headRef: text('head_ref'),
    baseSha: text('base_sha'),
    baseRef: text('base_ref'),
  };
}
