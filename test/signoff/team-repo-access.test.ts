/**
 * A team named by the config or a blueprint counts only if it has access to the repository, as
 * CODEOWNERS takes it. A team is asked by its slug; once a team is renamed, anyone allowed to create
 * teams can take the old slug, and without this rule the members of that new team would approve for
 * every `@org/old-slug` the config and blueprints still name (DESIGN.md invariant 3: team membership
 * is checked at evaluation time — of the team the repository trusts, not of any team with that name).
 */
import { describe, expect, it } from 'vitest';
import { deliverApproval, harness, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** The sign-off's newest run once olivia (of acme/orders) approved, with GitHub in `state`. */
async function oliviaApproved(state: Parameters<typeof harness>[0] = {}) {
  const h = await harness(state);
  await deliverApproval(h, 'olivia', 1);
  return { h, run: signoffRuns(h).at(-1)! };
}

/** The orders team renamed away; mallory's friend eve created a team under the old slug. */
const SQUATTED = { orders: ['eve'], 'orders-team': ['olivia', 'oscar'] };

describe("a team's slug taken after a rename", () => {
  it("does not count the new team's members, and the check names the team and how to fix it", async () => {
    const h = await harness({ teamRepositories: { orders: [] } });
    h.gh.state.teams = { ...h.gh.state.teams, ...SQUATTED };
    await deliverApproval(h, 'eve', 1);
    const run = signoffRuns(h).at(-1)!;
    expect(run.conclusion).toBe('failure');
    const summary = run.output!.summary!.replace(/\n\s+/g, ' ');
    expect(summary).toContain('@acme/orders');
    expect(summary).toContain('has no access to this repository (or does not exist)');
    expect(summary).toContain('grant the team write access to this repository');
    // Where the team is named, said once: the base blueprint names it as the contract's owner.
    expect(summary).toContain("Team `@acme/orders` (the base blueprint's owner of contract orders-api)");
    expect(summary).not.toMatch(/approved by[^\n]*eve/i);
  });

  it('still fails closed when GitHub does not answer whether the team has access', async () => {
    const { run } = await oliviaApproved({ failingTeamAccess: ['orders'] });
    expect(run.conclusion).not.toBe('success');
    expect(run.output!.summary).toContain('@acme/orders');
  });

  it('counts the members of the team that has access to the repository', async () => {
    const { h, run } = await oliviaApproved();
    expect(run.conclusion).toBe('success');
    expect(h.gh.find('GET', '/orgs/acme/teams/orders/repos/acme/shop')).not.toEqual([]);
  });
});

/**
 * GitHub's CODEOWNERS ignores a team that cannot write to the repository: the team itself needs
 * write access (push, maintain or admin), whatever its members can do on their own. A team given
 * read (or triage) only is an owner the repository's admins did not trust with its content.
 */
describe('a team that can only read the repository', () => {
  it('does not count its members, and the check says the team can only read', async () => {
    const h = await harness({ teamRoles: { orders: 'pull' } });
    await deliverApproval(h, 'olivia', 1);
    const run = signoffRuns(h).at(-1)!;
    expect(run.conclusion).toBe('failure');
    const summary = run.output!.summary!.replace(/\n\s+/g, ' ');
    expect(summary).toContain("Team `@acme/orders` (the base blueprint's owner of contract orders-api)");
    expect(summary).toContain('can only read this repository');
    expect(summary).toContain('give the team write access to this repository');
    expect(summary).not.toContain('has no access to this repository');
    // Nor is the team asked for a review it cannot give.
    expect(h.gh.state.requested.teams).not.toContain('orders');
  });

  it('does not count a team that can triage either', async () => {
    const h = await harness({ teamRoles: { orders: 'triage' } });
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h).at(-1)!.conclusion).toBe('failure');
  });

  it('counts the members of a team that maintains the repository', async () => {
    const h = await harness({ teamRoles: { orders: 'maintain' } });
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h).at(-1)!.conclusion).toBe('success');
  });
});

/**
 * GitHub's CODEOWNERS ignores a team that is secret (visible only to its members and the
 * organization's owners): a code owner team must be visible. A secret team that can write owns
 * nothing here either, and a privacy GitHub did not say is no visible team.
 */
describe('a secret team', () => {
  it('does not count its members, and the check says the team is secret', async () => {
    const h = await harness({ secretTeams: ['orders'] });
    await deliverApproval(h, 'olivia', 1);
    const run = signoffRuns(h).at(-1)!;
    expect(run.conclusion).toBe('failure');
    const summary = run.output!.summary!.replace(/\n\s+/g, ' ');
    expect(summary).toContain("Team `@acme/orders` (the base blueprint's owner of contract orders-api)");
    expect(summary).toContain('is secret');
    expect(summary).toContain('make the team visible');
    expect(h.gh.state.requested.teams).not.toContain('orders');
  });

  it('still fails closed when GitHub does not answer whether the team is secret', async () => {
    const { run } = await oliviaApproved({ failingTeamPrivacy: ['orders'] });
    expect(run.conclusion).not.toBe('success');
    expect(run.output!.summary).toContain('@acme/orders');
  });

  it('counts the members of a visible team, asking its privacy once per evaluation', async () => {
    const { h, run } = await oliviaApproved();
    expect(run.conclusion).toBe('success');
    expect(h.gh.find('GET', '/orgs/acme/teams/orders')).toHaveLength(1);
  });
});
