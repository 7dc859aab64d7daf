import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../core/file-source.js';
import type { Finding } from '../core/finding.js';
import {
  addEventFlowWithoutDeadLetter,
  BLUEPRINT,
  editReadme,
  insertSystemAtTop,
  ORDERS_API,
  removeOrderIdFromResponse,
  shopFiles,
  RULE_SET,
  DEAD_LETTER_RULE,
} from '../../test/app/support/shop.js';
import type { Files } from '../../test/app/support/shop.js';
import { reviewPullRequest } from './review-pull-request.js';
import { contractDiffsFromReview } from '../signoff/from-review.js';
import { changedFilesBetween } from '../../test/support/review-fixture.js';
import type { ContractDiffer, ReviewInput } from './types.js';

/** A FileSource that records what was read, to check that work stays proportional to the change. */
class CountingSource extends InMemoryFileSource {
  readonly reads: string[] = [];
  listed = 0;
  override async read(path: string) {
    this.reads.push(path);
    return super.read(path);
  }
  override async list(folder: string) {
    this.listed++;
    return super.list(folder);
  }
}

function input(base: Files, head: Files, extra: Partial<ReviewInput> = {}): ReviewInput {
  return {
    base: new CountingSource(base, 'base'),
    head: new CountingSource(head, 'head'),
    changedFiles: changedFilesBetween(base, head),
    config: { blueprints: ['blueprint'] },
    ruleSet: RULE_SET,
    ...extra,
  };
}

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('reviewPullRequest', () => {
  it('answers a pull request that touches no blueprint file from the file list alone', async () => {
    const base = shopFiles();
    const args = input(base, editReadme(base));
    const review = await reviewPullRequest(args);
    expect(review.outcome).toEqual({ kind: 'not-touched' });
    expect(review.conclusion).toBe('success');
    expect((args.head as CountingSource).reads).toEqual([]);
    expect((args.head as CountingSource).listed).toBe(0);
  });

  it('reports a finding the pull request introduces as new, with the flows, systems and additions it touches', async () => {
    const base = shopFiles();
    const review = await reviewPullRequest(input(base, addEventFlowWithoutDeadLetter(base)));
    expect(review.outcome).toEqual({ kind: 'reviewed' });
    expect(review.blueprints).toEqual(['blueprint']);
    const dlq = review.newFindings.find((f) => f.ruleId === DEAD_LETTER_RULE)!;
    expect(dlq).toMatchObject({ file: BLUEPRINT, pointer: '/flows/2/errorHandling' });
    expect(dlq.range.start.line).toBe(
      lineOf(addEventFlowWithoutDeadLetter(base)[BLUEPRINT]!, 'id: order-shipped'),
    );
    // Whatever else the catalogue says, it is about the new flow only.
    expect(review.newFindings.every((f) => f.pointer.startsWith('/flows/2'))).toBe(true);
    expect(review.preExisting).toEqual([]);
    expect(review.conclusion).toBe('failure');
    expect(review.touched.flows).toEqual([
      {
        id: 'order-shipped',
        blueprint: 'blueprint',
        from: 'orders',
        to: 'webshop',
        pattern: 'event',
        change: 'added',
      },
    ]);
    expect(review.touched.systems.map((s) => [s.id, s.change])).toEqual([
      ['orders', 'flow-endpoint'],
      ['webshop', 'flow-endpoint'],
    ]);
    expect(review.additions).toEqual([{ kind: 'flow', id: 'order-shipped', blueprint: 'blueprint' }]);
    expect(review.flows.map((f) => f.id)).toEqual(['order-created', 'order-shipped', 'place-order']);
  });

  it('judges a policy by its first declaration: a copy appended under its id does not hide an edit of it', async () => {
    const base = shopFiles();
    const policies = 'blueprint/policies/security.yaml';
    const original = base[policies]!;
    const scram = original.slice(original.indexOf('  - id: kafka-scram'));
    // The head drops the first declaration's TLS and appends the old one, untouched, under the same
    // id: flows resolve kafka-scram to the first, so the flow using it is touched by the edit.
    const head = {
      ...base,
      [policies]:
        original.replace(
          "transport: { encryption: tls, minVersion: '1.2' }",
          'transport: { encryption: none }',
        ) + scram,
    };
    const review = await reviewPullRequest(input(base, head));
    expect(review.touched.flows.find((f) => f.id === 'order-created')).toMatchObject({
      change: 'policy-changed',
    });
  });

  it('keeps a finding present at base pre-existing when lines shift and elements are reordered', async () => {
    const flawed = addEventFlowWithoutDeadLetter(shopFiles());
    const review = await reviewPullRequest(input(flawed, insertSystemAtTop(flawed)));
    expect(review.newFindings.map((f) => f.ruleId)).not.toContain(DEAD_LETTER_RULE);
    expect(ids(review.preExisting)).toContain(DEAD_LETTER_RULE);
    expect(review.preExisting.find((f) => f.ruleId === DEAD_LETTER_RULE)!.range.start.line).toBe(
      lineOf(insertSystemAtTop(flawed)[BLUEPRINT]!, 'id: order-shipped'),
    );
    expect(review.conclusion).toBe(
      review.newFindings.some((f) => f.severity === 'error') ? 'failure' : 'success',
    );
  });

  it('counts a finding the pull request removes as fixed', async () => {
    const flawed = addEventFlowWithoutDeadLetter(shopFiles());
    const review = await reviewPullRequest(input(flawed, shopFiles()));
    expect(ids(review.fixed)).toContain(DEAD_LETTER_RULE);
    expect(review.newFindings).toEqual([]);
    expect(review.conclusion).toBe('success');
  });

  it('diffs only the contracts whose documents changed and names the owners affected at base', async () => {
    const base = shopFiles();
    const calls: string[] = [];
    const differ: ContractDiffer = (b, h) => {
      calls.push(`${b.entry.id}:${h.entry.id}`);
      const findings: Finding[] = [
        {
          ruleId: 'breaking/response-property-removed',
          severity: 'error',
          message: 'Response field `orderId` of `POST /orders` was removed.',
          file: h.entry.path!,
          pointer: '/paths/~1orders/post/responses/201',
          range: { start: { line: 30, column: 9 }, end: { line: 30, column: 14 } },
        },
      ];
      return { findings, problems: [] };
    };
    const args = input(base, removeOrderIdFromResponse(base), { contractDiffer: differ });
    const review = await reviewPullRequest(args);
    expect(calls).toEqual(['orders-api:orders-api']);
    expect(review.contracts).toHaveLength(1);
    expect(review.contracts[0]).toMatchObject({
      id: 'orders-api',
      kind: 'document-changed',
      status: 'finalized',
      owner: 'acme/orders',
      consumers: ['webshop'],
      file: ORDERS_API,
    });
    expect(ids(review.newFindings)).toEqual(['breaking/response-property-removed']);
    expect(review.touched.flows.map((f) => [f.id, f.change])).toEqual([['place-order', 'contract-changed']]);
    expect(review.owners).toEqual([
      {
        owner: 'acme/orders',
        reasons: [
          { kind: 'contract-owner', contract: 'orders-api' },
          { kind: 'contract-provider', contract: 'orders-api', system: 'orders' },
          { kind: 'flow-endpoint', flow: 'place-order', system: 'orders' },
        ],
      },
      {
        owner: 'acme/web',
        reasons: [
          { kind: 'contract-consumer', contract: 'orders-api', system: 'webshop', breaking: true },
          { kind: 'flow-endpoint', flow: 'place-order', system: 'webshop' },
        ],
      },
    ]);
    expect(review.stats).toMatchObject({ contractsDiffed: 1, contractsUnchanged: 1 });
    expect(review.conclusion).toBe('failure');
  });

  it('reports breaking changes with the contract diff by default, judged with the base consumers', async () => {
    const base = shopFiles();
    const review = await reviewPullRequest(input(base, removeOrderIdFromResponse(base)));
    const breaking = review.newFindings.find(
      (f) => f.ruleId === 'breaking/response-required-property-removed',
    )!;
    expect(breaking).toMatchObject({ file: ORDERS_API, severity: 'error', side: 'head' });
    expect(breaking.message).toContain('consumer webshop reads it');
    expect(review.contracts[0]!.changes.map((f) => f.ruleId)).toContain(
      'breaking/response-required-property-removed',
    );
    expect(review.conclusion).toBe('failure');
  });

  it('reports a change once when two contract entries register the same document', async () => {
    // A second entry for the orders API (another owner): both are diffed, and both owners asked.
    const twice = (files: Files): Files => ({
      ...files,
      [BLUEPRINT]: files[BLUEPRINT]!.replace(
        '  - id: order-events\n',
        '  - id: orders-api-again\n    file: contracts/orders.openapi.yaml\n    owner: acme/billing\n    provider: orders\n    status: finalized\n    consumers: [webshop]\n    versioning: { strategy: semver }\n  - id: order-events\n',
      ),
    });
    const base = twice(shopFiles());
    const review = await reviewPullRequest(input(base, removeOrderIdFromResponse(base)));
    expect(review.contracts.map((c) => c.id).sort()).toEqual(['orders-api', 'orders-api-again']);
    const removed = review.newFindings.filter(
      (f) => f.ruleId === 'breaking/response-required-property-removed',
    );
    expect(removed).toHaveLength(1);
    expect(new Set(review.newFindings.map((f) => f.id)).size).toBe(review.newFindings.length);
    expect(review.conclusion).toBe('failure');
  });

  it('reports a removed contract as breaking for its consumers', async () => {
    const base = shopFiles();
    const head = { ...base };
    delete head[ORDERS_API];
    head[BLUEPRINT] = head[BLUEPRINT]!.replace(/ {2}- id: orders-api\n( {4}.*\n)+?(?= {2}- id:)/, '');
    const review = await reviewPullRequest(input(base, head));
    expect(review.contracts.map((c) => [c.id, c.kind])).toEqual([['orders-api', 'removed']]);
    expect(review.newFindings.find((f) => f.ruleId === 'breaking/contract-removed')).toMatchObject({
      side: 'base',
      file: ORDERS_API,
      severity: 'error',
    });
  });

  it('reads owners from the base, so a pull request cannot re-assign what it changes', async () => {
    const base = shopFiles();
    const head = removeOrderIdFromResponse(base);
    head[BLUEPRINT] = head[BLUEPRINT]!.replace(
      '  - { id: webshop, owner: acme/web }',
      '  - { id: webshop, owner: mallory }',
    );
    const review = await reviewPullRequest(input(base, head));
    expect(review.owners.map((o) => o.owner)).toEqual(['acme/orders', 'acme/web']);
  });

  it('validates a changed contract at both sides, so an error it already had is not new', async () => {
    const broken = shopFiles();
    broken[ORDERS_API] = broken[ORDERS_API]!.replace('openapi: 3.1.0', 'openapi: 3.1.0\nbogus: true');
    const review = await reviewPullRequest(input(broken, removeOrderIdFromResponse(broken)));
    expect(ids(review.preExisting)).toContain('schema/contract-invalid');
    expect(ids(review.newFindings)).not.toContain('schema/contract-invalid');
  });

  it('reports a contract made invalid by the pull request', async () => {
    const base = shopFiles();
    const head = {
      ...base,
      [ORDERS_API]: base[ORDERS_API]!.replace('openapi: 3.1.0', 'openapi: 3.1.0\nbogus: true'),
    };
    const review = await reviewPullRequest(input(base, head));
    expect(ids(review.newFindings)).toContain('schema/contract-invalid');
    expect(review.conclusion).toBe('failure');
  });

  it('says a changed contract the head cannot load was not compared, and the gate counts it unjudged', async () => {
    const base = shopFiles();
    const head = { ...base, [ORDERS_API]: 'openapi: 3.1.0\ninfo: {title: [unclosed\n' };
    const review = await reviewPullRequest(input(base, head));
    expect(ids(review.newFindings)).toContain('schema/yaml-syntax');
    const orders = review.contracts.find((c) => c.file === ORDERS_API)!;
    expect(orders.kind).toBe('document-changed');
    expect(orders.changes).toEqual([]);
    // Nothing to diff is not "no breaking changes".
    expect(orders.problems).toEqual([`the head's \`${ORDERS_API}\` does not load (its finding says why)`]);
    expect(contractDiffsFromReview(review.contracts)).toEqual([
      expect.objectContaining({ contractId: orders.id, breaking: true }),
    ]);
  });

  it('says a changed contract whose merge base document does not load was not compared', async () => {
    const head = shopFiles();
    const base = { ...head, [ORDERS_API]: 'openapi: 3.1.0\ninfo: {title: [unclosed\n' };
    const review = await reviewPullRequest(input(base, head));
    const orders = review.contracts.find((c) => c.file === ORDERS_API)!;
    expect(orders.kind).toBe('document-changed');
    // Nothing to compare the head with is not "no breaking changes" either: the gate's verdict too.
    expect(orders.problems).toEqual([
      `the merge base's \`${ORDERS_API}\` does not load (a symbolic link or submodule there, or a file that does not parse), so this change could not be compared with it`,
    ]);
    expect(review.conclusion).toBe('failure');
    expect(contractDiffsFromReview(review.contracts)).toEqual([
      expect.objectContaining({ contractId: orders.id, breaking: true }),
    ]);
  });

  it('fails on an invalid rule configuration and says what is wrong', async () => {
    const base = shopFiles();
    const review = await reviewPullRequest(
      input(base, addEventFlowWithoutDeadLetter(base), { config: { rules: { 'no/such-rule': 'error' } } }),
    );
    expect(review.outcome).toEqual({
      kind: 'config-invalid',
      problems: ['rules: "no/such-rule" is not a rule (see `blueprint-review rules`)'],
    });
    expect(review.conclusion).toBe('failure');
  });

  it('reviews a blueprint added by the pull request: everything is new, nobody owns it yet', async () => {
    const head = addEventFlowWithoutDeadLetter(shopFiles());
    const base = Object.fromEntries(Object.entries(head).filter(([p]) => !p.startsWith('blueprint/')));
    const review = await reviewPullRequest(input(base, head));
    expect(review.additions).toEqual([{ kind: 'blueprint', id: 'shop', blueprint: 'blueprint' }]);
    expect(review.owners).toEqual([]);
    expect(ids(review.newFindings)).toContain(DEAD_LETTER_RULE);
    expect(review.contracts.map((c) => [c.id, c.kind])).toEqual([
      ['order-events', 'added'],
      ['orders-api', 'added'],
    ]);
  });

  it('never reads a document under a name it would not see change: $ref to money.schema is reported, not followed', async () => {
    const base = shopFiles();
    const schema = '                  orderId: { type: string }\n        default:';
    base[ORDERS_API] = base[ORDERS_API]!.replace(
      schema,
      `                  orderId: { type: string }\n                  total: { $ref: './money.schema' }\n        default:`,
    );
    base['blueprint/contracts/money.schema'] = 'type: object\nproperties:\n  amount: { type: integer }\n';
    const head = { ...base, 'blueprint/contracts/money.schema': 'type: string\n' };
    const atBase = await reviewPullRequest(input(shopFiles(), base));
    const named = atBase.newFindings.filter((f) => f.ruleId === 'schema/file-name');
    expect(named.map((f) => [f.file, f.range.start.line])).toEqual([
      [ORDERS_API, lineOf(base[ORDERS_API]!, "total: { $ref: './money.schema' }")],
    ]);
    expect(named[0]!.message).toContain('must be named .yaml, .yml or .json');
    // What the blueprint never reads, a change to it cannot change: answered from the file list.
    const args = input(base, head);
    expect((await reviewPullRequest(args)).outcome).toEqual({ kind: 'not-touched' });
    expect((args.head as CountingSource).reads).toEqual([]);
  });

  it('reviews a change to an ADR in a folder below adr/, as the loader reads it', async () => {
    const base = shopFiles();
    const adr = 'blueprint/adr/2025/0002-retries.md';
    base[adr] = base['blueprint/adr/0001-shop-integration-patterns.md']!;
    const head = { ...base, [adr]: base[adr]!.replace('status: accepted', 'status: [accepted') };
    const review = await reviewPullRequest(input(base, head));
    expect(review.outcome).toEqual({ kind: 'reviewed' });
    expect(review.newFindings.map((f) => [f.ruleId, f.file])).toContainEqual([
      'schema/adr-front-matter',
      adr,
    ]);
  });

  it('finds a blueprint through a contract that lives outside its folder', async () => {
    const base = shopFiles();
    base['shared/orders.openapi.yaml'] = base[ORDERS_API]!;
    base[BLUEPRINT] = base[BLUEPRINT]!.replace(
      'file: contracts/orders.openapi.yaml',
      'file: ../shared/orders.openapi.yaml',
    );
    const head = {
      ...base,
      'shared/orders.openapi.yaml': removeOrderIdFromResponse(base)[ORDERS_API]!.replace('x', 'x'),
    };
    head['shared/orders.openapi.yaml'] = removeOrderIdFromResponse({
      ...base,
      [ORDERS_API]: base['shared/orders.openapi.yaml']!,
    })[ORDERS_API]!;
    const review = await reviewPullRequest(input(base, head));
    expect(review.outcome).toEqual({ kind: 'reviewed' });
    expect(review.contracts.map((c) => [c.id, c.kind])).toEqual([['orders-api', 'document-changed']]);
  });
});
