/**
 * A contract's status is part of what it promises its consumers. Lowering it (finalized → deprecated,
 * or to draft) is a change under change control; a deprecated contract stays under it until it goes.
 * Else one pull request lowers the status with the contract owner's approval alone, and the next
 * breaks or removes the contract without a change record or its consumers.
 */
import { describe, expect, it } from 'vitest';
import type { GateDecision } from '../../src/signoff/evaluate.js';
import {
  ADD_FIELD,
  BASE_FILES,
  BREAKING,
  CHANGE_TYPE,
  HEAD,
  NON_BREAKING,
  edit,
  review,
  runScenario,
} from './fixtures.js';
import type { Files } from './fixtures.js';

const BLUEPRINT = 'blueprint/blueprint.yaml';
const CONTRACT = 'blueprint/contracts/orders.yaml';
const STATUS = '    status: finalized\n';
const RECORD = 'blueprint/changes/0001-sunset-orders-v1.md';
const LINK = `    changeRecord: ../blueprint/changes/0001-sunset-orders-v1.md\n`;

function groups(decision: GateDecision): Record<string, string[]> {
  return Object.fromEntries(
    decision.rules.map((r) => [r.ruleId, r.groups.map((g) => `${g.label}×${g.needed}`)]),
  );
}

const withStatus = (files: Files, status: string): Files =>
  edit(files, BLUEPRINT, [[STATUS, `    status: ${status}\n`]]);
const withoutContract = (files: Files, status: string): Files =>
  edit(files, BLUEPRINT, [
    [
      `  - id: orders-api\n    file: contracts/orders.yaml\n    owner: acme/orders\n    provider: orders\n    status: ${status}\n    consumers: [billing]\n`,
      '',
    ],
  ]);
const everyone = [
  review('oscar', 'APPROVED', HEAD, 1),
  review('bill', 'APPROVED', HEAD, 2),
  review('ada', 'APPROVED', HEAD, 3),
  review('alan', 'APPROVED', HEAD, 4),
];

describe('lowering a finalized contract’s status', () => {
  it('deprecating it needs change control, its consumers and the board, not only its owner', async () => {
    const { decision, changes } = await runScenario({ head: withStatus(BASE_FILES, 'deprecated') });
    const change = changes.changes.find((c) => c.subject.id === 'orders-api')!;
    expect(change.summary).toBe(
      'contract orders-api: its status moves from finalized to deprecated, which promises its consumers less',
    );
    expect(groups(decision)).toEqual({
      'contract-owner': ['@acme/orders×1'],
      'consumers-approve-breaking-changes': ['@acme/billing×1'],
      'architecture-board-finalized-breaking': ['@acme/architecture-board×2'],
      'change-control': ['@acme/billing×1'],
    });
    expect(decision.problems).toEqual([
      "Contract orders-api is finalized and has a breaking change: change control needs a change record (an ADR or change note) added or edited in this PR and linked from the contract's `changeRecord`; the contract links none.",
    ]);
    expect(decision.state).toBe('failure');
  });

  it('passes with a linked change record added in the PR and every approval', async () => {
    const head = {
      ...edit(withStatus(BASE_FILES, 'deprecated'), BLUEPRINT, [
        ['    consumers: [billing]\n', `    consumers: [billing]\n${LINK}`],
      ]),
      [RECORD]: '# Sunset of orders v1\n\nBilling moves to v2 by March.\n',
    };
    const { decision } = await runScenario({ head, reviews: everyone });
    expect(decision.problems).toEqual([]);
    expect(decision.state).toBe('success');
  });

  it.each(['draft', 'in-review'])('moving it back to %s needs change control too', async (status) => {
    const { decision } = await runScenario({ head: withStatus(BASE_FILES, status), reviews: everyone });
    expect(decision.rules.map((r) => r.ruleId)).toContain('change-control');
    expect(decision.state).toBe('failure');
  });

  it('dropping its status needs change control too', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [[STATUS, '']]);
    const { decision } = await runScenario({ head, reviews: everyone });
    expect(decision.rules.map((r) => r.ruleId)).toContain('change-control');
    expect(decision.state).toBe('failure');
  });

  it('finalizing a deprecated contract again promises more: its owner approves alone', async () => {
    const base = withStatus(BASE_FILES, 'deprecated');
    const { decision } = await runScenario({ base, head: BASE_FILES });
    expect(groups(decision)).toEqual({ 'contract-owner': ['@acme/orders×1'] });
  });
});

describe('a deprecated contract stays under change control', () => {
  const deprecated = withStatus(BASE_FILES, 'deprecated');

  it('removing it needs a change record and its consumers', async () => {
    const { decision } = await runScenario({
      base: deprecated,
      head: withoutContract(deprecated, 'deprecated'),
    });
    expect(groups(decision)).toMatchObject({ 'change-control': ['@acme/billing×1'] });
    expect(decision.problems.join('\n')).toContain(
      "Contract orders-api is deprecated and is removed: change control needs a change record (an ADR or change note) added or edited in this PR and linked from the contract's `changeRecord` on the base branch; its entry there links none.",
    );
    expect(decision.state).toBe('failure');
  });

  it('a breaking change to it needs a change record and its consumers', async () => {
    const head = edit(deprecated, CONTRACT, [CHANGE_TYPE]);
    const { decision } = await runScenario({
      base: deprecated,
      head,
      contractDiffs: BREAKING,
      reviews: everyone,
    });
    expect(groups(decision)).toMatchObject({ 'change-control': ['@acme/billing×1'] });
    expect(decision.problems[0]).toContain('Contract orders-api is deprecated and has a breaking change');
    expect(decision.state).toBe('failure');
  });

  // The board signed the deprecation (a lowering from finalized); the sunset it announced is the same
  // promise taken back, so the board signs its removal, and any break before it, too.
  it('removing it needs the board as well: its deprecation did not sign its removal', async () => {
    const { decision } = await runScenario({
      base: deprecated,
      head: withoutContract(deprecated, 'deprecated'),
      reviews: [review('bill', 'APPROVED', HEAD, 1), review('oscar', 'APPROVED', HEAD, 2)],
    });
    expect(groups(decision)['architecture-board-finalized-breaking']).toEqual(['@acme/architecture-board×2']);
    const board = decision.rules.find((r) => r.ruleId === 'architecture-board-finalized-breaking')!;
    expect(board.satisfied).toBe(false);
    expect(board.groups[0]!.reasons).toEqual(['contract orders-api is removed, which breaks its consumers']);
  });

  it('a breaking change to it needs the board as well', async () => {
    const { decision } = await runScenario({
      base: deprecated,
      head: edit(deprecated, CONTRACT, [CHANGE_TYPE]),
      contractDiffs: BREAKING,
    });
    expect(groups(decision)['architecture-board-finalized-breaking']).toEqual(['@acme/architecture-board×2']);
  });

  it('a change that breaks nothing in it does not need the board', async () => {
    const head = edit(deprecated, CONTRACT, [ADD_FIELD]);
    const { decision } = await runScenario({ base: deprecated, head, contractDiffs: NON_BREAKING });
    expect(Object.keys(groups(decision))).toEqual(['contract-owner']);
  });

  it('is under change control when the base branch’s tip deprecated it after the merge base', async () => {
    const mergeBase = withStatus(BASE_FILES, 'draft');
    const head = withoutContract(mergeBase, 'draft');
    const { decision } = await runScenario({
      base: mergeBase,
      head,
      reviews: everyone,
      baseTip: deprecated,
    });
    expect(decision.rules.map((r) => r.ruleId)).toContain('change-control');
    expect(decision.state).toBe('failure');
  });
});

describe('the status move in words', () => {
  it('is said once, beside the other fields of the entry that change', async () => {
    const head = edit(withStatus(BASE_FILES, 'draft'), BLUEPRINT, [
      ['    owner: acme/orders\n    provider', '    owner: acme/web\n    provider'],
    ]);
    const { changes } = await runScenario({ head });
    expect(changes.changes.find((c) => c.subject.id === 'orders-api')?.summary).toBe(
      'contract orders-api: its registry entry changes (owner); its status moves from finalized to draft, which promises its consumers less',
    );
  });
});
