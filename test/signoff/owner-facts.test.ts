/**
 * Owner facts the pull request itself could bend (gate13, attempt 4), tried through the app's door:
 * the contract registry, owners and config as the head writes them must not choose who approves.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES, CHANGE_TYPE, edit } from './fixtures.js';
import { deliverApproval, harness, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const BLUEPRINT = 'blueprint/blueprint.yaml';
const CONTRACT = 'blueprint/contracts/orders.yaml';

describe('a contract id declared a second time by the pull request', () => {
  it('does not carry a breaking change to the first declaration past its consumers and change control', async () => {
    // orders-api is finalized at the base and consumed by billing. The head breaks its document and
    // appends a second registry entry with the same id, owned by the author, over an untouched copy:
    // every reference resolves to the first declaration (topology/duplicate-id), so the change is
    // the first one's, and the second one is not what is compared.
    const head = edit(edit(BASE_FILES, CONTRACT, [CHANGE_TYPE]), BLUEPRINT, [
      ['flows:\n', '  - { id: orders-api, file: contracts/copy.yaml, owner: mallory }\nflows:\n'],
    ]);
    head['blueprint/contracts/copy.yaml'] = BASE_FILES[CONTRACT]!;
    const h = await harness({}, { head });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output?.summary).toContain('change control needs a change record');
    expect(shown.output?.text ?? shown.output?.summary).toContain('@acme/billing');
  });
});

describe('the gate config deleted by the pull request', () => {
  it("still needs the config's approvers: the base's config judges, and deleting it is a change to it", async () => {
    const { ['.github/blueprint-review.yml']: _config, ...head } = BASE_FILES;
    const h = await harness({}, { head });
    // ivy approves for the integration platform; the config's approvers are the board.
    await deliverApproval(h, 'ivy', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output?.summary).toContain('gate-config-change');
  });
});

describe('a team of another organization', () => {
  const config = 'signoff:\n  teams: { integrationPlatform: other-org/platform }\n';
  // A new system: the topology's approvers are the integration platform team the config names.
  const head = edit(BASE_FILES, BLUEPRINT, [
    [
      '  - { id: webshop, owner: acme/web }\n',
      '  - { id: webshop, owner: acme/web }\n  - { id: crm, owner: acme/web }\n',
    ],
  ]);

  it('fails the check, naming the team and its organization: nobody can approve for it, re-run or not', async () => {
    const h = await harness({ config }, { head });
    await deliverApproval(h, 'ivy', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output?.title).not.toMatch(/not evaluated/i);
    const said = `${shown.output?.summary}\n${shown.output?.text ?? ''}`;
    expect(said).toContain(
      'The config names team `@other-org/platform` (signoff.teams.integrationPlatform), which is not a team of acme, the organization that owns this repository: the app can see and count only the teams of acme. Fix the config on the base branch.',
    );
    expect(said).not.toContain('re-run');
  });

  it('is never asked about: GitHub answers for the installation’s own organization only', async () => {
    const h = await harness({ config }, { head });
    await deliverApproval(h, 'ivy', 1);
    expect(
      h.gh.calls.filter((c) => c.path.startsWith('/orgs/') && !c.path.startsWith('/orgs/acme/')),
    ).toEqual([]);
  });
});

describe("a team of the repository's organization GitHub refuses to show the app (403)", () => {
  it('does not count its members, and does not tell anyone that a re-run would: someone must grant access', async () => {
    const h = await harness({ forbiddenTeams: ['orders'] });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).not.toBe('success');
    const said = `${shown.output?.summary}\n${shown.output?.text ?? ''}`;
    expect(said).toContain("`@olivia`'s approval is not counted for `@acme/orders`");
    expect(said).toContain('Resource not accessible by integration');
    expect(said).not.toContain('re-run the check');
    expect(said).toContain('a re-run alone does not change it');
  });
});
