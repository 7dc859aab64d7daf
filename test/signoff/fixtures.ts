/**
 * A small order-to-cash repository for the sign-off tests, and helpers to derive a PR's head from it.
 * Owners: orders-api → acme/orders, consumer billing → acme/billing; teams below.
 */
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { ContractDiffSummary } from '../../src/signoff/changes.js';
import { changedFilesBetween } from '../support/review-fixture.js';
import type { InMemoryFacts } from '../../src/signoff/facts.js';
import { InMemoryPullRequestFacts } from '../../src/signoff/facts.js';
import { signoffFromSnapshots } from '../../src/signoff/pipeline.js';
import type { SnapshotGateResult } from '../../src/signoff/pipeline.js';
import type { Review } from '../../src/signoff/types.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import type { SignoffConfigSource } from '../../src/signoff/gate.js';

export type Files = Record<string, string>;

export const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: order-to-cash, owner: acme/architects }
systems:
  - { id: orders, owner: acme/orders }
  - { id: billing, owner: acme/billing }
  - { id: webshop, owner: acme/web }
components:
  - { id: gateway, kind: api-gateway, owner: acme/integration-platform }
contracts:
  - id: orders-api
    file: contracts/orders.yaml
    owner: acme/orders
    provider: orders
    status: finalized
    consumers: [billing]
flows:
  - id: bill-order
    from: billing
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: getOrder }
    security: service-auth
`;

export const POLICIES = `apiVersion: blueprint-review/v1
kind: Policies
security:
  - id: service-auth
    auth: { model: oauth2-client-credentials, rationale: one identity per service }
    masking:
      - { field: customer.email, strategy: hash }
`;

export const ORDERS_CONTRACT = `openapi: 3.1.0
info: { title: Orders API, version: 1.0.0 }
paths:
  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: The order
          content:
            application/json:
              schema:
                type: object
                properties:
                  orderId: { type: string }
                  total: { type: number }
`;

export const DEFAULT_CONFIG = `signoff: {}\n`;

export const BASE_FILES: Files = {
  '.github/blueprint-review.yml': DEFAULT_CONFIG,
  'README.md': '# order to cash\n',
  'blueprint/blueprint.yaml': BLUEPRINT,
  'blueprint/policies/security.yaml': POLICIES,
  'blueprint/contracts/orders.yaml': ORDERS_CONTRACT,
};

export const TEAMS: Record<string, string[]> = {
  'acme/orders': ['olivia', 'oscar'],
  'acme/billing': ['bill', 'bella'],
  'acme/web': ['wendy'],
  'acme/security': ['sam'],
  'acme/integration-platform': ['ivy'],
  'acme/architecture-board': ['ada', 'alan', 'olivia'],
  'acme/architects': ['ada'],
};

export function edit(files: Files, path: string, replace: [string, string][]): Files {
  let text = files[path];
  if (text === undefined) throw new Error(`fixture has no ${path}`);
  for (const [from, to] of replace) {
    if (!text.includes(from)) throw new Error(`fixture ${path} has no "${from}"`);
    text = text.replace(from, to);
  }
  return { ...files, [path]: text };
}

// One way of listing a change's files for every test (the review's tests use it too).
export { changedFilesBetween };

/** A review submitted at 10:`minute` (its id is the minute: tests use one review per minute). */
export function review(user: string, state: Review['state'], commitId: string, minute: number): Review {
  return {
    id: minute,
    user,
    state,
    commitId,
    submittedAt: new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString(),
  };
}

export interface Scenario {
  base?: Files;
  head: Files;
  /** Further commits of the PR, by SHA (the head is `head`). */
  commits?: Record<string, Files>;
  author?: string;
  reviews?: Review[];
  facts?: Partial<InMemoryFacts>;
  contractDiffs?: ContractDiffSummary[];
  headProblems?: string[];
  /** The base config as a door read it; else read from the base files. */
  config?: SignoffConfigSource;
  /** The base branch's tip, when it moved past the merge base (`base`). */
  baseTip?: Files;
}

const validator = createSchemaValidator();

export const HEAD = 'ffff000000000000000000000000000000000001';
export const BASE = 'bbbb000000000000000000000000000000000000';

export async function runScenario(
  s: Scenario,
): Promise<SnapshotGateResult & { facts: InMemoryPullRequestFacts }> {
  const base = s.base ?? BASE_FILES;
  const facts = new InMemoryPullRequestFacts({
    author: s.author ?? 'mallory',
    headSha: HEAD,
    commits: [{ sha: HEAD, author: s.author ?? 'mallory', committer: 'web-flow' }],
    reviews: s.reviews ?? [],
    teams: TEAMS,
    snapshots: { [BASE]: base, [HEAD]: s.head, ...s.commits },
    ...s.facts,
  });
  const result = await signoffFromSnapshots({
    base: new InMemoryFileSource(base, 'base'),
    head: new InMemoryFileSource(s.head, 'head'),
    changedFiles: changedFilesBetween(base, s.head),
    facts,
    org: 'acme',
    contractDiffs: s.contractDiffs,
    headProblems: s.headProblems,
    ...(s.config ? { config: s.config } : {}),
    ...(s.baseTip ? { baseTip: async () => new InMemoryFileSource(s.baseTip!, 'base tip') } : {}),
    validator,
  });
  return { ...result, facts };
}

/** A non-breaking change to the orders contract (a new optional response field). */
export const ADD_FIELD: [string, string] = [
  '                  total: { type: number }\n',
  '                  total: { type: number }\n                  currency: { type: string }\n',
];

/** A breaking change to the orders contract (a response field changes type). */
export const CHANGE_TYPE: [string, string] = [
  '                  total: { type: number }\n',
  '                  total: { type: string }\n',
];

/**
 * The fixture's repository where no system consumes orders-api (no `consumers`, no flow uses it): a
 * breaking change to it names no consumer on the base, so it falls to the approvers of additions.
 */
export const UNCONSUMED: Files = edit(BASE_FILES, 'blueprint/blueprint.yaml', [
  ['    status: finalized\n    consumers: [billing]\n', '    status: draft\n'],
  ['    contract: { ref: orders-api, operation: getOrder }\n', ''],
]);

/** `UNCONSUMED` with a breaking change to orders-api. */
export const UNCONSUMED_BROKEN: Files = edit(UNCONSUMED, 'blueprint/contracts/orders.yaml', [CHANGE_TYPE]);

export const NON_BREAKING: ContractDiffSummary[] = [
  {
    blueprint: 'blueprint',
    contractId: 'orders-api',
    breaking: false,
    changes: ['added response field currency'],
  },
];
export const BREAKING: ContractDiffSummary[] = [
  {
    blueprint: 'blueprint',
    contractId: 'orders-api',
    breaking: true,
    changes: ['the type of response field total of GET /orders/{orderId} changed'],
  },
];
