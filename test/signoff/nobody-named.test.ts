/**
 * A rule that matched a change is never satisfied by nobody. A rule from the config that asks only for
 * owners (`ownersOf`) added no approver when the base named none for the change — `consumers` of a
 * contract nobody consumes, `system-owner` of a policy no flow uses — so the check listed the rule as
 * matched and passed with the author's word alone. Now such a change falls to the approvers of
 * additions (the integration platform team unless `signoff.additions` names others), as an element
 * without a base owner always did. Real deliveries through the Probot app, GitHub faked with nock.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES, UNCONSUMED, UNCONSUMED_BROKEN, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import {
  checkText,
  deliverApproval,
  harness,
  labeledEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';
import type { Harness } from './support/signoff-app.js';

useSignoffApp();

const BLUEPRINT = 'blueprint/blueprint.yaml';
const POLICIES = 'blueprint/policies/security.yaml';

/** The fixture's repository with an error-handling policy no flow uses. */
const UNUSED_POLICY: Files = {
  ...BASE_FILES,
  [POLICIES]:
    BASE_FILES[POLICIES]! + 'errorHandling:\n  - id: spare-retries\n    retry: { maxAttempts: 5 }\n',
};

const ONLY_CONSUMERS = `signoff:
  rules:
    - id: consumers-sign
      when: { categories: [breaking] }
      require: { ownersOf: [consumers] }
`;

const ONLY_SYSTEM_OWNERS = `signoff:
  rules:
    - id: owners-sign-error-handling
      when: { categories: [error-handling] }
      require: { ownersOf: [system-owner] }
`;

/** mallory's pull request of `head` over `base`, labelled (an evaluation) under `config`. */
async function judged(
  config: string,
  base: Files,
  head: Files,
  teams = {},
): Promise<{ h: Harness; said: string }> {
  const h = await harness({ config, ...teams }, { base, head });
  await h.deliver('pull_request', labeledEvent(h, 'ready'));
  await h.idle();
  return { h, said: checkText(shownOnHead(h)) };
}

const BROKEN = UNCONSUMED_BROKEN;
const RETRIES_CUT = edit(UNUSED_POLICY, POLICIES, [
  ['retry: { maxAttempts: 5 }', 'retry: { maxAttempts: 0 }'],
]);

describe('a rule asking for owners the base does not name', () => {
  it('asks the integration platform team for a breaking change to a contract nobody consumes', async () => {
    const { h, said } = await judged(ONLY_CONSUMERS, UNCONSUMED, BROKEN);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/integration-platform` (contract orders-api has a breaking change; the base names no consumer, so the integration platform team approves; rule consumers-sign)',
    );
    expect(h.gh.pull(7).requested.teams).toContain('integration-platform');
  });

  it('passes once the integration platform team approves', async () => {
    const h = await harness({ config: ONLY_CONSUMERS }, { base: UNCONSUMED, head: BROKEN });
    await deliverApproval(h, 'ivy', 1);
    expect(shownOnHead(h)!.conclusion).toBe('success');
  });

  it('asks the integration platform team for a change to a policy no flow uses', async () => {
    const { h, said } = await judged(ONLY_SYSTEM_OWNERS, UNUSED_POLICY, RETRIES_CUT);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/integration-platform` (error handling policy spare-retries changes (retry); the base names no system owner, so the integration platform team approves; rule owners-sign-error-handling)',
    );
  });

  it('asks the approvers of additions when the config names them', async () => {
    const config = `${ONLY_CONSUMERS}  additions: { users: [ada] }\n`;
    const { h, said } = await judged(config, UNCONSUMED, BROKEN);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@ada` (contract orders-api has a breaking change; the base names no consumer, so the approvers of additions (signoff.additions) approve; rule consumers-sign)',
    );
  });

  it('asks them for a rule that names no approver at all', async () => {
    const config = `signoff:
  rules:
    - id: count-only
      when: { categories: [contract] }
      require: { approvals: 1 }
`;
    const { h, said } = await judged(config, UNCONSUMED, BROKEN);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      '(contract orders-api has a breaking change; the rule names no approver, so the integration platform team approves; rule count-only)',
    );
  });
});

describe('the default rule for other changes', () => {
  it('asks the approvers of additions for what nobody owns, as every rule does', async () => {
    const unowned = edit(BASE_FILES, BLUEPRINT, [
      ['metadata: { name: order-to-cash, owner: acme/architects }', 'metadata: { name: order-to-cash }'],
    ]);
    const config = 'signoff:\n  additions: { users: [ada] }\n';
    const { h, said } = await judged(config, unowned, {
      ...unowned,
      'blueprint/notes/runbook.yaml': 'a: b\n',
    });
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@ada` (blueprint order-to-cash (no owner in the base blueprint) — file blueprint/notes/runbook.yaml is added; the base names no owner, so the approvers of additions (signoff.additions) approve; rule owners-approve-other-changes)',
    );
  });
});
