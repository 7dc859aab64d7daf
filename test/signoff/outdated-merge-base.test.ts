/**
 * A pull request whose branch started from an older commit of its base, where the owner the merge base
 * names cannot approve (its team was renamed, or replaced) and the base branch's tip names another one
 * now. The gate fails closed, rightly; the check says that the tip names someone else and that updating
 * the branch from its base asks them instead — not to grant the old team access, which is no fix.
 */
import { describe, expect, it } from 'vitest';
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
