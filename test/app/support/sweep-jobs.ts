/**
 * Sweep jobs as the app queues them, for tests that hand one to the job handlers directly.
 */
import { randomUUID } from 'node:crypto';
import type { JobDescriptor } from '../../../src/app/jobs.js';
import type { Sweep } from '../../../src/app/sweep.js';
import { INSTALLATION } from './fake-github.js';

/** acme/shop, as the installation's repositories list it. */
export const SHOP = { owner: 'acme', repo: 'shop', id: 1 };

/** A stale sweep's page that walks acme/shop through GraphQL (its REST listing failed before). */
export function graphqlPageJob(): JobDescriptor & { sweep: Sweep } {
  return {
    kind: 'signoff',
    installationId: INSTALLATION,
    repositoryId: 1,
    owner: 'acme',
    repo: 'shop',
    pullNumber: 0,
    headSha: '',
    base: 'main',
    force: true,
    deliveryId: randomUUID(),
    sweep: {
      mode: 'stale',
      limit: 20,
      delivery: randomUUID(),
      only: [SHOP],
      from: { repository: 'acme/shop', id: 1, through: 'graphql' },
    },
  };
}
