/**
 * A pull request whose branch started from an older commit of its base, where the owner the merge base
 * names cannot approve (its team was renamed, or replaced) and the base branch's tip names another one
 * now. The gate fails closed, rightly; the check says that the tip names someone else and that updating
 * the branch from its base asks them instead — not to grant the old team access, which is no fix.
 */
import { describe, expect, it } from 'vitest';
import type { GateDecision } from '../../src/signoff/evaluate.js';
import { ADD_FIELD, BASE_FILES, CHANGE_TYPE, HEAD, edit, review, runScenario } from './fixtures.js';
import type { Files } from './fixtures.js';
import { deliverApproval, harness, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const BLUEPRINT = 'blueprint/blueprint.yaml';
const CONTRACT = 'blueprint/contracts/orders.yaml';

/** The fixture with orders-api owned by `owner`, and system billing (its consumer) by `billing`. */
function owned(owner: string, billing = 'acme/billing'): Files {
  return edit(BASE_FILES, BLUEPRINT, [
    ['    owner: acme/orders\n    provider: orders', `    owner: ${owner}\n    provider: orders`],
    ['  - { id: billing, owner: acme/billing }', `  - { id: billing, owner: ${billing} }`],
  ]);
}

/** Each group the gate asks, as `rule: who`, sorted. */
function groupLabels(decision: GateDecision): string[] {
  return decision.rules.flatMap((r) => r.groups.map((g) => `${r.ruleId}: ${g.label}`)).sort();
}

const UPDATE =
  /Update the branch from its base \(merge or rebase\), and the gate asks @acme\/orders instead\./;

describe('an owner only the merge base names, where the base branch names another now', () => {
  it('says whom the tip names and that updating the branch asks them, not to grant the old team access', async () => {
    const old = owned('acme/orders-legacy');
    const { decision } = await runScenario({
      base: old,
      head: edit(old, CONTRACT, [ADD_FIELD]),
      baseTip: BASE_FILES,
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('failure');
    const [problem, ...others] = decision.problems;
    expect(others).toEqual([]);
    expect(problem).toContain('Team @acme/orders-legacy');
    expect(problem).toContain('its tip names @acme/orders instead');
    expect(problem).toMatch(UPDATE);
    expect(problem).not.toContain('grant the team write access');
  });

  it('passes once the branch is updated: the merge base is the tip, which asks the team it names', async () => {
    const { decision } = await runScenario({
      head: edit(BASE_FILES, CONTRACT, [ADD_FIELD]),
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('success');
  });

  it('keeps the team-side fix for a team the tip still names elsewhere: updating would ask it still', async () => {
    // The tip moved the contract to acme/orders, but billing (its consumer) is still acme/orders-legacy's.
    const old = owned('acme/orders-legacy', 'acme/orders-legacy');
    const { decision } = await runScenario({
      base: old,
      head: edit(old, CONTRACT, [CHANGE_TYPE]),
      baseTip: owned('acme/orders', 'acme/orders-legacy'),
    });
    expect(decision.state).toBe('failure');
    const legacy = decision.problems.filter((p) => p.includes('@acme/orders-legacy'));
    expect(legacy).toHaveLength(1);
    expect(legacy[0]).toContain('grant the team write access to this repository');
    expect(legacy[0]).not.toContain('Update the branch');
  });

  it('takes a team the tip spells another way (`@`, case) for the one the merge base names', async () => {
    const old = owned('"@acme/orders-legacy"');
    const { decision } = await runScenario({
      base: old,
      head: edit(old, CONTRACT, [ADD_FIELD]),
      baseTip: owned('acme/Orders-Legacy'),
    });
    expect(decision.state).toBe('failure');
    expect(decision.problems).toHaveLength(1);
    expect(decision.problems[0]).toContain('Team @acme/orders-legacy');
    expect(decision.problems[0]).toContain('grant the team write access to this repository');
    expect(decision.problems[0]).not.toContain('Update the branch');
  });

  it('names as its replacement only the owner the tip names for the same consumer, not a consumer it added', async () => {
    // The tip renamed billing's team and added webshop (acme/web) as a consumer besides.
    const old = owned('acme/orders', 'acme/billing-legacy');
    const tip = edit(owned('acme/orders', 'acme/billing'), BLUEPRINT, [
      ['    consumers: [billing]', '    consumers: [billing, webshop]'],
    ]);
    const { decision } = await runScenario({
      base: old,
      head: edit(old, CONTRACT, [CHANGE_TYPE]),
      baseTip: tip,
    });
    // Who is asked is what it was: every owner either commit names, the one that cannot approve too.
    expect(groupLabels(decision)).toEqual([
      'architecture-board-finalized-breaking: @acme/architecture-board',
      'change-control: @acme/billing',
      'change-control: @acme/billing-legacy',
      'change-control: @acme/web',
      'consumers-approve-breaking-changes: @acme/billing',
      'consumers-approve-breaking-changes: @acme/billing-legacy',
      'consumers-approve-breaking-changes: @acme/web',
      'contract-owner: @acme/orders',
    ]);
    const legacy = decision.problems.filter((p) => p.includes('@acme/billing-legacy'));
    expect(legacy).toHaveLength(1);
    expect(legacy[0]).toContain('its tip names @acme/billing instead');
    expect(legacy[0]).toContain('and the gate asks @acme/billing instead.');
    expect(legacy[0]).not.toContain('@acme/web');
  });

  it('says that updating stops asking a team the tip dropped with no owner in its place, not to grant it access', async () => {
    // The merge base lists webshop (whose team cannot write here) as a consumer; the tip no longer does.
    const old = edit(owned('acme/orders'), BLUEPRINT, [
      ['    consumers: [billing]', '    consumers: [billing, webshop]'],
      ['  - { id: webshop, owner: acme/web }', '  - { id: webshop, owner: acme/web-legacy }'],
    ]);
    const { decision } = await runScenario({
      base: old,
      head: edit(old, CONTRACT, [CHANGE_TYPE]),
      baseTip: edit(old, BLUEPRINT, [['    consumers: [billing, webshop]', '    consumers: [billing]']]),
    });
    expect(groupLabels(decision)).toEqual([
      'architecture-board-finalized-breaking: @acme/architecture-board',
      'change-control: @acme/billing',
      'change-control: @acme/web-legacy',
      'consumers-approve-breaking-changes: @acme/billing',
      'consumers-approve-breaking-changes: @acme/web-legacy',
      'contract-owner: @acme/orders',
    ]);
    const legacy = decision.problems.filter((p) => p.includes('@acme/web-legacy'));
    expect(legacy).toHaveLength(1);
    expect(legacy[0]).toContain(
      'The base branch no longer names it here: its tip names no owner in its place',
    );
    expect(legacy[0]).toContain(
      'Update the branch from its base (merge or rebase), and the gate no longer asks it.',
    );
    expect(legacy[0]).not.toContain('grant the team write access');
  });

  it('says the same through the app for a team the merge base names that GitHub keeps secret', async () => {
    const old = owned('acme/billing');
    const h = await harness(
      { secretTeams: ['billing'] },
      { base: old, head: edit(old, CONTRACT, [ADD_FIELD]), baseTip: BASE_FILES },
    );
    await deliverApproval(h, 'olivia', 1);
    const run = signoffRuns(h).at(-1)!;
    expect(run).toMatchObject({ conclusion: 'failure' });
    const text = `${run.output!.summary}\n${run.output!.text ?? ''}`;
    expect(text).toContain('is secret');
    expect(text).toMatch(/its tip names `?@acme\/orders`? instead/);
    expect(text).not.toContain('make the team visible');
  });
});
