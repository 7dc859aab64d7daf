/**
 * Reviews for the tests of what renders or posts one: a test states only what it is about (its
 * findings, contracts, owners…) over a review that has nothing else in it.
 */
import type { Finding } from '../../src/core/finding.js';
import type { ContractReview, Review } from '../../src/review/types.js';

/** A reviewed pull request of one changed file in one blueprint, nothing found: a failing check. */
export function emptyReview(over: Partial<Review> = {}): Review {
  return {
    outcome: { kind: 'reviewed' },
    baseLabel: 'main',
    headLabel: 'feature',
    blueprints: ['blueprint'],
    newFindings: [],
    preExisting: [],
    fixed: [],
    contracts: [],
    touched: { flows: [], systems: [] },
    flows: [],
    owners: [],
    additions: [],
    conclusion: 'failure',
    stats: { changedFiles: 1, blueprints: 1, contractsDiffed: 0, contractsUnchanged: 0 },
    ...over,
  };
}

/** The finalized `orders-api` contract (owned by acme/orders, consumed by webshop) changed by `breaking`. */
export function ordersApiChange(breaking: Finding): ContractReview {
  return {
    id: 'orders-api',
    blueprint: 'blueprint',
    kind: 'document-changed',
    file: breaking.file,
    status: 'finalized',
    owner: 'acme/orders',
    consumers: ['webshop'],
    changes: [breaking],
    problems: [],
  };
}
