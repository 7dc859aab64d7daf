/**
 * From an event to a queued job descriptor: the installation, repository and delivery come from the
 * event, the rest from the handler. Every log line about the job carries the delivery id, the
 * repository, the pull request and the head.
 */
import type { Context } from 'probot';
import type { JobDescriptor } from '../jobs.js';
import { logBindings } from '../jobs.js';
import type { EnqueueResult } from '../queue.js';
import type { AppRuntime } from '../runtime.js';

export type JobRequest = Pick<JobDescriptor, 'kind' | 'pullNumber' | 'headSha' | 'base' | 'force'>;

export async function enqueueFromEvent(
  context: Context,
  runtime: AppRuntime,
  request: JobRequest,
): Promise<EnqueueResult> {
  const installationId = (context.payload as { installation?: { id?: number } }).installation?.id;
  if (installationId === undefined)
    throw new Error(`${context.name} delivery ${context.id} names no installation`);
  const { owner, repo } = context.repo();
  const job: JobDescriptor = { ...request, installationId, owner, repo, deliveryId: context.id };
  return runtime.enqueue(job, context.log.child(logBindings(job)));
}
