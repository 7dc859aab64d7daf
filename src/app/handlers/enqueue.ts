/**
 * From an event to a queued job descriptor: the installation, repository and delivery come from the
 * event, the rest from the handler. Every log line about the job carries the delivery id, the
 * repository, the pull request and the head. When the queue cannot take the job, the checks say the
 * review is delayed (delayed-checks.ts) and the delivery fails.
 */
import type { Context } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { markDelayed } from '../delayed-checks.js';
import type { JobDescriptor } from '../jobs.js';
import { logBindings } from '../jobs.js';
import type { EnqueueResult } from '../queue.js';
import type { AppRuntime } from '../runtime.js';

export type JobRequest = Pick<
  JobDescriptor,
  'kind' | 'pullNumber' | 'headSha' | 'base' | 'force' | 'push' | 'mergeGroup' | 'left' | 'recheck'
>;

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
  const log = context.log.child(logBindings(job));
  try {
    return await runtime.enqueue(job, log);
  } catch (error) {
    log.error({ err: error }, 'could not queue the job; marking the checks delayed');
    await markDelayed(context.octokit as Octokit, job, runtime.delayedChecks, log);
    throw error; // the webhook is answered with an error: the delivery can be redelivered
  }
}
