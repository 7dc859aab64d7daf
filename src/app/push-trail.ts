/**
 * The pushes a job records on the sign-off check (the app's own record of who pushed each head, see
 * src/adapters/github/pushes.ts), and how an evaluation reads them with the records it holds for its
 * head's verdict.
 */
import { PushesNotRecorded, recordPushes } from '../adapters/github/pushes.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import type { GitHubClient } from '../adapters/github/client.js';
import type { EntriesAt, Push } from '../signoff/pushes.js';
import { checkNameFor } from './check-name.js';
import { explain } from './job-errors.js';
import type { PushRecord } from './jobs.js';
import type { SignoffSettings } from './signoff-job.js';

/**
 * Records each push on the sign-off check of its base, one base at a time, in the order given. With
 * `holdFor`, the records for that head on that base are held back and returned: they go with the
 * verdict the caller writes there. Any failure is `PushesNotRecorded`: the job fails, and the queue
 * forgets the pushes only once a job has succeeded (jobs.ts `trail`).
 */
export async function recordTrail(
  client: GitHubClient,
  records: readonly PushRecord[],
  settings: Pick<SignoffSettings, 'checkName' | 'appId'>,
  holdFor?: { base: string; head: string },
): Promise<Push[]> {
  if (records.length === 0) return [];
  let held: Push[] = [];
  try {
    const appId = await settings.appId();
    for (const [base, group] of groupedBy(records, (r) => r.base)) {
      const name = checkNameFor(settings.checkName, base);
      const pushes = group.map((r) => ({ after: r.headSha, ...r.push }));
      const hold = base === holdFor?.base ? { holdFor: holdFor.head } : {};
      const recorded = await recordPushes(client, appId, name, pushes, hold);
      if (base === holdFor?.base) held = recorded.held;
    }
  } catch (error) {
    if (error instanceof PushesNotRecorded) throw error;
    throw new PushesNotRecorded(holdFor?.head ?? records[0]!.headSha, explain(error));
  }
  return held;
}

/** A push held for the head's verdict, as a record of the pull request's base. */
export function headRecord(pr: PullRequestRef): (push: Push) => PushRecord {
  return ({ after, ...push }) => ({ headSha: after, base: pr.baseRef, push });
}

function groupedBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** What is recorded on `head`, with the record about to be written there with its verdict. */
export function withHeld(entriesAt: EntriesAt, head: string, held: readonly Push[]): EntriesAt {
  if (held.length === 0) return entriesAt;
  return async (sha) => {
    const entries = await entriesAt(sha);
    return sha === head && entries.kind === 'ok'
      ? { kind: 'ok', value: [...entries.value, ...held] }
      : entries;
  };
}
