/**
 * Merge queues: GitHub asks for the required checks on each merge group it builds
 * (`merge_group.checks_requested`). The group's checks are written by a queued job in the lane of the
 * pull request its branch names (merge-group-job.ts; src/signoff/merge-group.ts says when they pass),
 * so they follow that pull request's evaluations already queued. A branch that names no pull request
 * is still queued (lane 0): its checks are written as failures with the reason.
 */
import type { Probot } from 'probot';
import type { MergeGroupEvent } from '../../signoff/merge-group.js';
import { queueEntryOf } from '../../signoff/merge-group.js';
import type { AppRuntime } from '../runtime.js';
import { enqueueFromEvent } from './enqueue.js';

export function registerMergeGroupHandlers(app: Probot, runtime: AppRuntime): void {
  app.on('merge_group.checks_requested', async (context) => {
    const group = mergeGroupOf(context.payload.merge_group as unknown as Record<string, unknown>);
    const entry = queueEntryOf(group);
    await enqueueFromEvent(context, runtime, {
      kind: 'merge-group',
      pullNumber: entry.kind === 'entry' ? entry.pullNumber : 0,
      headSha: group.headSha,
      base: entry.kind === 'entry' ? entry.base : '',
      force: true,
      mergeGroup: group,
    });
  });
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
