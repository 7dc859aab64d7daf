/**
 * Review and sign-off read one derivation of what a pull request changed: which contracts changed
 * (and how), who owns and who consumes them, and the diff's verdict on each. Each case below is one
 * the two pipelines once answered differently; the sign-off must not depend on which door (or which
 * event) produced its input.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { parseConfig } from '../../src/load/load-config.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import type { Review } from '../../src/review/types.js';
import { unreviewedFacts } from '../support/signoff-fixture.js';
import { contractDiffsFromReview } from '../../src/signoff/from-review.js';
import { signoffFromSnapshots } from '../../src/signoff/pipeline.js';
import type { Change } from '../../src/signoff/types.js';
import { RULE_SET } from '../../rules/index.js';
import type { Files } from './fixtures.js';
import { BASE_FILES, CHANGE_TYPE, changedFilesBetween, edit, runScenario } from './fixtures.js';

const CONFIG = '.github/blueprint-review.yml';
const CONTRACT = 'blueprint/contracts/orders.yaml';
const BLUEPRINT = 'blueprint/blueprint.yaml';
const validator = createSchemaValidator();

async function reviewOf(base: Files, head: Files): Promise<Review> {
  const parsed = parseConfig(CONFIG, base[CONFIG] ?? '', validator);
  if (parsed.kind !== 'ok') throw new Error('fixture config is invalid');
  return reviewPullRequest({
    base: new InMemoryFileSource(base, 'base'),
    head: new InMemoryFileSource(head, 'head'),
    changedFiles: changedFilesBetween(base, head),
    config: { ...parsed.config, blueprints: ['blueprint'] },
    ruleSet: RULE_SET,
    validator,
  });
}

function contractChange(changes: readonly Change[], id: string): Change {
  const change = changes.find((c) => c.subject.kind === 'contract' && c.subject.id === id);
  if (!change) throw new Error(`no change to contract ${id}`);
  return change;
}

/** Who the review names as the contract's owner and consumers, and who the sign-off asks. */
async function ownersBothWays(base: Files, head: Files, id: string) {
  const review = await reviewOf(base, head);
  const { changes } = await runScenario({
    base,
    head,
    contractDiffs: contractDiffsFromReview(review.contracts),
  });
  const change = contractChange(changes.changes, id);
  const named = (kind: string) =>
    review.owners
      .filter((o) => o.reasons.some((r) => r.kind === kind && 'contract' in r && r.contract === id))
      .map((o) => o.owner)
      .sort();
  return {
    review: { contract: named('contract-owner'), consumers: named('contract-consumer') },
    signoff: {
      contract: (change.owners.contract ?? []).map((o) => o.owner).sort(),
      consumers: [...new Set((change.owners.consumers ?? []).map((o) => o.owner))].sort(),
    },
    review_: review,
  };
}

describe('one derivation: owners of a changed contract', () => {
  it('a contract without an owner: the review and the gate both name its provider', async () => {
    const unowned = edit(BASE_FILES, BLUEPRINT, [
      ['    owner: acme/orders\n    provider: orders', '    provider: orders'],
    ]);
    const { review, signoff } = await ownersBothWays(
      unowned,
      edit(unowned, CONTRACT, [CHANGE_TYPE]),
      'orders-api',
    );
    expect(signoff.contract).toEqual(['acme/orders']);
    expect(review).toEqual(signoff);
  });

  it('a consumer known only from a flow over the contract: both name it', async () => {
    const unlisted = edit(BASE_FILES, BLUEPRINT, [['consumers: [billing]', 'consumers: []']]);
    const { review, signoff } = await ownersBothWays(
      unlisted,
      edit(unlisted, CONTRACT, [CHANGE_TYPE]),
      'orders-api',
    );
    expect(signoff.consumers).toEqual(['acme/billing']);
    expect(review).toEqual(signoff);
  });

  it('an event flow over a contract with no provider: its reader is the consumer everywhere', async () => {
    const event = edit(BASE_FILES, BLUEPRINT, [
      ['    provider: orders\n', ''],
      ['consumers: [billing]', 'consumers: []'],
      [
        '    from: billing\n    to: orders\n    pattern: request-response',
        '    from: orders\n    to: billing\n    pattern: event',
      ],
    ]);
    const { review, signoff, review_ } = await ownersBothWays(
      event,
      edit(event, CONTRACT, [CHANGE_TYPE]),
      'orders-api',
    );
    expect(signoff.consumers).toEqual(['acme/billing']);
    expect(review).toEqual(signoff);
    // The diff names the same consumer in its message.
    const breaking = review_.contracts[0]!.changes.map((f) => f.message).join('\n');
    expect(breaking).toContain('consumer billing');
  });
});

describe('one derivation: which contracts changed, and how', () => {
  it('a removed contract is a removal in both', async () => {
    const head: Files = edit(BASE_FILES, BLUEPRINT, [
      [
        '  - id: orders-api\n    file: contracts/orders.yaml\n    owner: acme/orders\n    provider: orders\n    status: finalized\n    consumers: [billing]\n',
        '',
      ],
    ]);
    delete head[CONTRACT];
    const review = await reviewOf(BASE_FILES, head);
    const { changes } = await runScenario({ head, contractDiffs: contractDiffsFromReview(review.contracts) });
    expect(review.contracts.map((c) => [c.id, c.kind])).toEqual([['orders-api', 'removed']]);
    expect(contractChange(changes.changes, 'orders-api')).toMatchObject({ breaking: true });
    expect(contractChange(changes.changes, 'orders-api').categories).toContain('removal');
  });

  it('a contract whose document moves is a document change in both, judged by the diff', async () => {
    const moved: Files = {
      ...edit(BASE_FILES, BLUEPRINT, [['file: contracts/orders.yaml', 'file: contracts/orders-v1.yaml']]),
      'blueprint/contracts/orders-v1.yaml': BASE_FILES[CONTRACT]!,
    };
    delete moved[CONTRACT];
    const review = await reviewOf(BASE_FILES, moved);
    const own = await runScenario({ head: moved });
    const viaReview = await runScenario({
      head: moved,
      contractDiffs: contractDiffsFromReview(review.contracts),
    });
    expect(review.contracts.map((c) => [c.id, c.kind])).toEqual([['orders-api', 'document-changed']]);
    expect(contractChange(own.changes.changes, 'orders-api')).toMatchObject({ breaking: false });
    expect(own.decision.rules).toEqual(viaReview.decision.rules);
  });

  it('a shared file two contracts $ref changes both contracts, and asks both owners', async () => {
    const shared: Files = {
      ...edit(BASE_FILES, BLUEPRINT, [
        [
          'flows:\n',
          '  - id: billing-api\n    file: contracts/billing.yaml\n    owner: acme/billing\n    provider: billing\n    consumers: [webshop]\nflows:\n',
        ],
      ]),
      [CONTRACT]: BASE_FILES[CONTRACT]!.replace(
        '              schema:\n                type: object\n                properties:\n                  orderId: { type: string }\n                  total: { type: number }\n',
        "              schema: { $ref: 'common.yaml#/Order' }\n",
      ),
      'blueprint/contracts/billing.yaml': BASE_FILES[CONTRACT]!.replace('Orders API', 'Billing API')
        .replace('/orders/{orderId}', '/invoices/{orderId}')
        .replace('getOrder', 'getInvoice')
        .replace(
          '              schema:\n                type: object\n                properties:\n                  orderId: { type: string }\n                  total: { type: number }\n',
          "              schema: { $ref: 'common.yaml#/Order' }\n",
        ),
      'blueprint/contracts/common.yaml':
        'Order:\n  type: object\n  properties:\n    orderId: { type: string }\n    total: { type: number }\n',
    };
    const head = edit(shared, 'blueprint/contracts/common.yaml', [
      ['total: { type: number }', 'total: { type: string }'],
    ]);
    const review = await reviewOf(shared, head);
    const { changes } = await runScenario({
      base: shared,
      head,
      contractDiffs: contractDiffsFromReview(review.contracts),
    });
    expect(review.contracts.map((c) => c.id).sort()).toEqual(['billing-api', 'orders-api']);
    expect(
      changes.changes.filter((c) => c.subject.kind === 'contract').map((c) => [c.subject.id, c.breaking]),
    ).toEqual([
      ['billing-api', true],
      ['orders-api', true],
    ]);
    const asked = (id: string) =>
      (contractChange(changes.changes, id).owners.contract ?? []).map((o) => o.owner);
    expect([...asked('billing-api'), ...asked('orders-api')]).toEqual(['acme/billing', 'acme/orders']);
    expect(review.owners.map((o) => o.owner)).toEqual(
      expect.arrayContaining(['acme/billing', 'acme/orders']),
    );
  });
});

describe("one derivation: the diff's verdict", () => {
  // The base config names the sunset extension `x-retire-on`: removing the operation before that
  // date breaks its consumers. Read without the config, the operation is merely deprecated.
  const base: Files = edit(
    { ...BASE_FILES, [CONFIG]: 'signoff: {}\ndiff:\n  extensions:\n    sunset: x-retire-on\n' },
    CONTRACT,
    [
      [
        '      operationId: getOrder\n',
        "      operationId: getOrder\n      deprecated: true\n      x-retire-on: '2099-01-01'\n",
      ],
      [
        'paths:\n',
        "paths:\n  /health:\n    get:\n      operationId: health\n      responses:\n        '200': { description: ok }\n",
      ],
    ],
  );
  const head: Files = {
    ...base,
    [CONTRACT]: base[CONTRACT]!.slice(0, base[CONTRACT]!.indexOf('  /orders/{orderId}:')),
  };

  it('is the same whether the gate follows a review or evaluates alone (a review event, the CLI)', async () => {
    const review = await reviewOf(base, head);
    expect(review.contracts[0]!.changes.map((f) => f.severity)).toEqual(['error']);
    const viaReview = await runScenario({
      base,
      head,
      contractDiffs: contractDiffsFromReview(review.contracts),
    });
    const alone = await runScenario({ base, head });
    expect(contractChange(alone.changes.changes, 'orders-api').breaking).toBe(true);
    expect(alone.decision.rules).toEqual(viaReview.decision.rules);
    expect(alone.decision.rules.map((r) => r.ruleId)).toContain('consumers-approve-breaking-changes');
  });
});

describe('one derivation: how a blueprint is loaded', () => {
  it("loads under the config's limits, as the review does: a blueprint the review reads is one the gate reads", async () => {
    // 150 aliases: over the default limit (100), within the one the base config sets.
    const aliases = `x-anchor: &owner acme/orders\nx-aliases: [${Array(150).fill('*owner').join(', ')}]\n`;
    const base = edit(
      { ...BASE_FILES, [CONFIG]: 'signoff: {}\nlimits:\n  maxAliasCount: 200\n' },
      BLUEPRINT,
      [['kind: Blueprint\n', `kind: Blueprint\n${aliases}`]],
    );
    const head = edit(base, CONTRACT, [CHANGE_TYPE]);
    const review = await reviewOf(base, head);
    expect(review.newFindings.map((f) => f.ruleId)).not.toContain('schema/yaml-syntax');
    const { decision, changes } = await runScenario({
      base,
      head,
      contractDiffs: contractDiffsFromReview(review.contracts),
    });
    expect(changes.problems).toEqual([]);
    expect(contractChange(changes.changes, 'orders-api').breaking).toBe(true);
    expect(decision.rules.map((r) => r.ruleId)).toContain('consumers-approve-breaking-changes');
  });

  it('loads nothing when no changed file can belong to a blueprint, and asks nobody', async () => {
    const head = {
      ...BASE_FILES,
      'README.md': '# order to cash\n\nNow with a changelog.\n',
      'src/app.ts': 'x',
    };
    const reads: string[] = [];
    class Recording extends InMemoryFileSource {
      override async read(path: string) {
        reads.push(path);
        return super.read(path);
      }
      override async list(folder: string) {
        reads.push(`${folder}/`);
        return super.list(folder);
      }
    }
    const { decision, changes } = await signoffFromSnapshots({
      base: new Recording(BASE_FILES, 'base'),
      head: new Recording(head, 'head'),
      changedFiles: changedFilesBetween(BASE_FILES, head),
      facts: unreviewedFacts(),
      org: 'acme',
      validator,
    });
    expect(changes).toEqual({ changes: [], problems: [] });
    expect(decision.state).toBe('success');
    // The base config only: no blueprint was listed or read on either side.
    expect(reads.filter((p) => p !== CONFIG && !p.startsWith('.github/'))).toEqual([]);
  });
});
