/**
 * A group that can never give the approvals a rule asks of it says so and fails. A rule asking
 * `require: { approvals: 3 }` of a team of one, or of the approvers of additions when the author is
 * their only member, or of a list of users where the author is one, waited "for approval" forever:
 * `action_required`, asking people who could not make up the count. Now the check fails naming the
 * group, how many can approve for it, how many it needs and what an admin can do — and a group that
 * can reach its count still simply waits. Real deliveries through the Probot app, GitHub faked with
 * nock (its team member listings).
 */
import { describe, expect, it } from 'vitest';
import { UNCONSUMED, UNCONSUMED_BROKEN } from './fixtures.js';
import {
  approve,
  checkText,
  harness,
  labeledEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';
import type { GitHubState } from './support/signoff-github.js';

useSignoffApp();

const BROKEN = UNCONSUMED_BROKEN;

/** A rule asking `approvals` of the consumers, whom the base does not name: the approvers of additions. */
function consumersSign(approvals: number, additions = ''): string {
  return `signoff:
  rules:
    - id: consumers-sign
      when: { categories: [breaking] }
      require: { ownersOf: [consumers], approvals: ${approvals} }
${additions}`;
}

/** mallory's breaking change under `config`, with `approvers` having approved its head; the check shown. */
async function judged(config: string, state: Partial<GitHubState> = {}, approvers: string[] = []) {
  const h = await harness({ config, ...state }, { base: UNCONSUMED, head: BROKEN });
  approvers.forEach((login, i) => approve(h, login, i + 1));
  await h.deliver('pull_request', labeledEvent(h, 'ready'));
  await h.idle();
  return { h, conclusion: shownOnHead(h)!.conclusion, said: checkText(shownOnHead(h)) };
}

const TEAM_OF = (...members: string[]) => ({
  teams: {
    orders: ['olivia', 'oscar'],
    billing: ['bill'],
    security: ['sam'],
    'integration-platform': members,
    'architecture-board': ['ada', 'alan'],
  },
});

describe('a group that cannot reach its count', () => {
  it('fails when the rule asks more approvals than the team it falls back to has members', async () => {
    const { conclusion, said } = await judged(consumersSign(3), {}, ['ivy']);
    expect(conclusion).toBe('failure');
    expect(said).toContain(
      '`@acme/integration-platform` can never give the 3 approvals rule consumers-sign asks of it: only 1 person can approve for it (`@ivy`).',
    );
    expect(said).toContain(
      'An admin can add people who can write to the repository to the team, name more approvers on the base branch or ask fewer approvals there (require.approvals); until then this check fails.',
    );
  });

  it('fails when the author is the only member of that team', async () => {
    const { conclusion, said } = await judged(consumersSign(1), TEAM_OF('mallory'), ['mallory']);
    expect(conclusion).toBe('failure');
    expect(said).toContain(
      '`@acme/integration-platform` can never give the 1 approval rule consumers-sign asks of it: nobody can approve for it (`@mallory` is the author of this pull request).',
    );
  });

  // A team that can write but has no members (all left, or none added yet) is as unable as one whose
  // only member is the author: asking it waits for nobody.
  it('fails when the team it falls back to has no members at all', async () => {
    const { conclusion, said } = await judged(consumersSign(1), TEAM_OF());
    expect(conclusion).toBe('failure');
    expect(said).toContain(
      '`@acme/integration-platform` can never give the 1 approval rule consumers-sign asks of it: nobody can approve for it (`@acme/integration-platform` has no members).',
    );
  });

  it('fails when the approvers of additions are users and the author is one of too few', async () => {
    const config = consumersSign(2, '  additions: { users: [ada, mallory] }\n');
    const { conclusion, said } = await judged(config, {}, ['ada']);
    expect(conclusion).toBe('failure');
    expect(said).toContain(
      '`@ada` or `@mallory` can never give the 2 approvals rule consumers-sign asks of it: only 1 person can approve for it (`@ada`; `@mallory` is the author of this pull request).',
    );
  });

  it('does not count a named user who cannot write to the repository', async () => {
    const config = consumersSign(2, '  additions: { users: [ada, bob] }\n');
    const { conclusion, said } = await judged(config, { permissions: { bob: 'read' } });
    expect(conclusion).toBe('failure');
    expect(said).toContain(
      'only 1 person can approve for it (`@ada`; `@bob` has no write access to the repository).',
    );
  });

  it('holds for every group, not only the fallback: an owner team too small for the count', async () => {
    const config = `signoff:
  rules:
    - id: two-contract-owners
      when: { categories: [contract] }
      require: { ownersOf: [contract-owner], approvals: 3 }
`;
    const { conclusion, said } = await judged(config);
    expect(conclusion).toBe('failure');
    expect(said).toContain(
      '`@acme/orders` can never give the 3 approvals rule two-contract-owners asks of it: only 2 people can approve for it (`@olivia`, `@oscar`).',
    );
  });
});

describe('a group that can reach its count', () => {
  it('waits for approval, as before', async () => {
    const { conclusion, said } = await judged(consumersSign(2), TEAM_OF('ivy', 'iris', 'mallory'), ['ivy']);
    expect(conclusion).toBe('action_required');
    expect(said).not.toContain('can never give');
  });

  it('passes once it gave them', async () => {
    const { conclusion } = await judged(consumersSign(2), TEAM_OF('ivy', 'iris'), ['ivy', 'iris']);
    expect(conclusion).toBe('success');
  });

  it('waits, claiming nothing, while its members cannot be listed', async () => {
    const { conclusion, said } = await judged(consumersSign(3), { failingTeams: ['integration-platform'] });
    expect(conclusion).toBe('action_required');
    expect(said).not.toContain('can never give');
  });
});
