/**
 * The app's webhook deliveries as GitHub recorded them (the client authenticated as the app itself),
 * and asking GitHub to deliver one again. A delivery the app failed (answered with an error, or not
 * within GitHub's 10 s) stays failed in that record, which outlives every replica: the one durable
 * trace of work a replica refused while its queue was unreachable and then lost with the process.
 */
import type { GitHubClient } from './client.js';
import { array, boolean, integer, nullable, object, optional, string } from './shapes.js';

const DELIVERIES = array(
  object({
    id: integer,
    guid: string,
    delivered_at: string,
    redelivery: optional(boolean),
    status_code: optional(nullable(integer)),
  }),
);

/** One attempt to deliver an event (a redelivery is another attempt with the same `guid`). */
export interface Delivery {
  id: number;
  /** The delivery's id as the app received it (`X-GitHub-Delivery`), the same for every attempt. */
  guid: string;
  deliveredAt: string;
  /** GitHub's status of the app's answer; 0 when there was none (a timeout, a refused connection). */
  statusCode: number;
}

/**
 * The attempts delivered at or after `since`, newest first (GitHub's order), read page by page until
 * one is older: bounded by how many deliveries the app had in that time, 100 a request.
 */
export async function deliveriesSince(client: GitHubClient, since: Date): Promise<Delivery[]> {
  const found: Delivery[] = [];
  let cursor: string | undefined;
  for (;;) {
    const label = `GET /app/hook/deliveries${cursor ? `?cursor=${cursor}` : ''}`;
    let link: string | undefined;
    const query = { per_page: 100, ...(cursor ? { cursor } : {}) };
    const data = await client.rest(
      label,
      async () => {
        const response = await client.octokit.request('GET /app/hook/deliveries', query);
        link = response.headers.link;
        return response;
      },
      DELIVERIES,
    );
    for (const d of data) {
      if (Date.parse(d.delivered_at) < since.getTime()) return found;
      found.push({ id: d.id, guid: d.guid, deliveredAt: d.delivered_at, statusCode: d.status_code ?? 0 });
    }
    cursor = nextCursor(link);
    if (data.length === 0 || cursor === undefined) return found;
  }
}

/** The `cursor` of the Link header's `rel="next"`, if there is a next page. */
function nextCursor(link: string | undefined): string | undefined {
  const next = link?.split(',').find((part) => /rel="next"/.test(part));
  const url = next && /<([^>]+)>/.exec(next)?.[1];
  return url ? (new URL(url).searchParams.get('cursor') ?? undefined) : undefined;
}

/**
 * The guids whose latest attempt failed, with that attempt: one that a later attempt delivered is
 * left out. `attempts` newest first.
 */
export function failedDeliveries(attempts: readonly Delivery[]): Delivery[] {
  const latest = new Map<string, Delivery>();
  for (const attempt of attempts) if (!latest.has(attempt.guid)) latest.set(attempt.guid, attempt);
  return [...latest.values()].filter((d) => d.statusCode < 200 || d.statusCode >= 300);
}

/** Asks GitHub to deliver that attempt's event again (202: it will). */
export async function redeliver(client: GitHubClient, delivery: Delivery): Promise<void> {
  await client.call(`POST /app/hook/deliveries/${delivery.id}/attempts`, () =>
    client.octokit.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: delivery.id }),
  );
}
