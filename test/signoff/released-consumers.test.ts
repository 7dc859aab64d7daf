/**
 * A consumer taken off a contract under change control approves its release. Else a breaking change
 * splits over two pull requests, each without the consumer: the first drops it (off `consumers`, its
 * flow no longer over the contract) with the contract owner's and the platform team's approval, the
 * second breaks the contract, which the base then says nobody consumes.
 */
import { describe, expect, it } from 'vitest';
import type { GateDecision } from '../../src/signoff/evaluate.js';
import { BASE_FILES, HEAD, TEAMS, edit, review, runScenario } from './fixtures.js';
import type { Files } from './fixtures.js';

const BLUEPRINT = 'blueprint/blueprint.yaml';
const LISTED = '    consumers: [billing]\n';
const FLOW_USES = '    contract: { ref: orders-api, operation: getOrder }\n';

function groups(decision: GateDecision): Record<string, string[]> {
  return Object.fromEntries(
    decision.rules.map((r) => [r.ruleId, r.groups.map((g) => `${g.label}×${g.needed}`)]),
  );
}

/** Billing no longer consumes orders-api: off its list, and its flow no longer over it. */
const released = (files: Files) =>
  edit(files, BLUEPRINT, [
    [LISTED, ''],
    [FLOW_USES, ''],
  ]);
const ownerAndPlatform = [review('oscar', 'APPROVED', HEAD, 1), review('ivy', 'APPROVED', HEAD, 2)];

describe('a consumer taken off a finalized contract', () => {
  it('approves its release: the contract owner and the platform team alone do not pass', async () => {
    const { decision } = await runScenario({ head: released(BASE_FILES), reviews: ownerAndPlatform });
    expect(groups(decision)).toEqual({
      'contract-owner': ['@acme/orders×1'],
      'integration-platform-review': ['@acme/integration-platform×1'],
      'consumers-approve-release': ['@acme/billing×1'],
    });
    expect(decision.state).toBe('action_required');
    const release = decision.rules.find((r) => r.ruleId === 'consumers-approve-release')!;
    expect(release.groups[0]!.reasons).toEqual([
      'consumer billing of orders-api, released by this PR — contract orders-api (finalized) is no longer consumed by billing',
    ]);
  });

  it('passes once the consumer approves, with no change record', async () => {
    const reviews = [...ownerAndPlatform, review('bill', 'APPROVED', HEAD, 3)];
    const { decision } = await runScenario({ head: released(BASE_FILES), reviews });
    expect(decision.problems).toEqual([]);
    expect(decision.state).toBe('success');
  });

  it('is released too when the provider moves to its end', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [
      ['    provider: orders\n', '    provider: billing\n'],
      [LISTED, ''],
    ]);
    const { decision } = await runScenario({ head, reviews: ownerAndPlatform });
    expect(groups(decision)['consumers-approve-release']).toEqual(['@acme/billing×1']);
  });

  it('still off its list but over a flow is not released: nobody more is asked', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [[LISTED, '']]);
    const { decision } = await runScenario({ head });
    expect(Object.keys(groups(decision))).toEqual(['contract-owner']);
  });

  it('of a draft contract, is not asked: a draft promises its consumers nothing', async () => {
    const draft = edit(BASE_FILES, BLUEPRINT, [['    status: finalized\n', '    status: draft\n']]);
    const { decision } = await runScenario({ base: draft, head: released(draft) });
    expect(Object.keys(groups(decision))).not.toContain('consumers-approve-release');
  });

  it('is asked whatever rules the config names (the rule is built in)', async () => {
    const base = { ...BASE_FILES, '.github/blueprint-review.yml': 'signoff:\n  rules: []\n' };
    const { decision } = await runScenario({ base, head: released(base) });
    expect(groups(decision)).toEqual({ 'consumers-approve-release': ['@acme/billing×1'] });
  });
});

describe('a consumer taken off a contract the base branch finalized after the merge base', () => {
  it('approves its release: the old merge base does not decide the contract is a draft', async () => {
    const draft = edit(BASE_FILES, BLUEPRINT, [['    status: finalized\n', '    status: draft\n']]);
    const { decision } = await runScenario({ base: draft, head: released(draft), baseTip: BASE_FILES });
    expect(groups(decision)['consumers-approve-release']).toEqual(['@acme/billing×1']);
  });
});

describe('a consumer released from a contract whose consumer the base branch handed on since the merge base', () => {
  // main moved billing from acme/billing to acme/finance after the branch started: finance is who
  // billing's approval means now, so it is asked beside the merge base's owner, as for every change.
  const handedOn = edit(BASE_FILES, BLUEPRINT, [
    ['  - { id: billing, owner: acme/billing }\n', '  - { id: billing, owner: acme/finance }\n'],
  ]);
  const teams = { facts: { teams: { ...TEAMS, 'acme/finance': ['fiona'] } } };

  it('asks the owner the tip names too', async () => {
    const { decision } = await runScenario({ head: released(BASE_FILES), baseTip: handedOn, ...teams });
    expect(groups(decision)['consumers-approve-release']).toEqual(['@acme/billing×1', '@acme/finance×1']);
    const release = decision.rules.find((r) => r.ruleId === 'consumers-approve-release')!;
    expect(release.groups[1]!.reasons).toEqual([
      'consumer billing of orders-api, released by this PR, as the base branch names it now — contract orders-api (finalized) is no longer consumed by billing',
    ]);
  });

  it('does not pass on the former owner’s approval alone', async () => {
    const reviews = [...ownerAndPlatform, review('bill', 'APPROVED', HEAD, 3)];
    const { decision } = await runScenario({
      head: released(BASE_FILES),
      baseTip: handedOn,
      reviews,
      ...teams,
    });
    expect(decision.state).toBe('action_required');
  });

  it('asks the tip’s owner of a contract the tip finalized since, too', async () => {
    const draft = edit(BASE_FILES, BLUEPRINT, [['    status: finalized\n', '    status: draft\n']]);
    const { decision } = await runScenario({
      base: draft,
      head: released(draft),
      baseTip: handedOn,
      ...teams,
    });
    expect(groups(decision)['consumers-approve-release']).toEqual(['@acme/billing×1', '@acme/finance×1']);
  });

  it('asks the tip’s contract owner too, when the tip handed the contract on', async () => {
    // Billing consumes orders-api through its flow alone: the pull request leaves the contract's
    // entry as it was, so the release is the only change that names the contract.
    const overFlow = edit(BASE_FILES, BLUEPRINT, [[LISTED, '']]);
    const contractHandedOn = edit(overFlow, BLUEPRINT, [
      ['    owner: acme/orders\n    provider', '    owner: acme/finance\n    provider'],
    ]);
    const { decision } = await runScenario({
      base: overFlow,
      head: edit(overFlow, BLUEPRINT, [[FLOW_USES, '']]),
      baseTip: contractHandedOn,
      ...teams,
    });
    expect(groups(decision)['contract-owner']).toEqual(['@acme/orders×1', '@acme/finance×1']);
  });
});
