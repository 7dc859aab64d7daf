/**
 * Under the default rules no blueprint change merges with nobody's approval. A change whose only
 * categories are `error-handling`, `decision`, `requirements` or `other` matched no default rule: a
 * flow's retries cut to nothing, its decision record swapped, a requirement dropped, a file no element
 * claims — each passed with the author's word alone. Now one owner of what it touches approves it
 * (`owners-approve-other-changes`), or the integration platform team when nobody owns it. Real
 * deliveries through the Probot app, GitHub faked with nock.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import {
  checkText,
  deliverApproval,
  harness,
  labeledEvent,
  shownOnHead,
  TEAMS,
  useSignoffApp,
} from './support/signoff-app.js';
import type { Harness } from './support/signoff-app.js';

useSignoffApp();

const BLUEPRINT = 'blueprint/blueprint.yaml';
const POLICIES = 'blueprint/policies/security.yaml';
const ADR = 'blueprint/adr/0001-bill-by-request.md';

const adr = (outcome: string) => `---
status: accepted
date: 2025-01-01
decision-makers: [acme/architects]
---
# Bill by request

## Context and Problem Statement
Billing needs each order once.

## Considered Options
* request
* event

## Decision Outcome
${outcome}

## Consequences
Billing calls orders.
`;

/**
 * The fixture's repository with what the default rules left unowned: the flow bill-order (billing →
 * orders) names an error-handling policy, a decision record and a requirement billing owns.
 */
const OWNED: Files = {
  ...edit(BASE_FILES, BLUEPRINT, [
    [
      '    security: service-auth\n',
      '    security: service-auth\n    errorHandling: billing-retries\n' +
        '    decision: adr/0001-bill-by-request.md\n    requirements: [bills-once]\n',
    ],
    [
      'flows:\n',
      'requirements:\n  - { id: bills-once, description: Every order is billed once, owner: acme/billing }\nflows:\n',
    ],
  ]),
  [POLICIES]:
    BASE_FILES[POLICIES]! +
    'errorHandling:\n  - id: billing-retries\n    retry: { maxAttempts: 5 }\n' +
    '    deadLetter: { destination: billing.dlq, owner: acme/billing }\n',
  [ADR]: adr('Request it.'),
};

/** The architects own the blueprint (`metadata.owner`): a team of the fake GitHub too. */
const WITH_ARCHITECTS = { teams: { ...TEAMS, architects: ['arthur'] } };

/** The sign-off shown on the head once mallory's pull request of `head` was labelled (an evaluation). */
async function judged(head: Files, base: Files = OWNED): Promise<{ h: Harness; said: string }> {
  const h = await harness(WITH_ARCHITECTS, { base, head });
  await h.deliver('pull_request', labeledEvent(h, 'ready'));
  await h.idle();
  return { h, said: checkText(shownOnHead(h)) };
}

const RETRIES_CUT = edit(OWNED, POLICIES, [
  [
    'retry: { maxAttempts: 5 }\n    deadLetter: { destination: billing.dlq, owner: acme/billing }\n',
    'retry: { maxAttempts: 0 }\n',
  ],
]);

describe('a change no other default rule covers', () => {
  it("asks an owner of a flow's ends when the error-handling policy it uses is weakened", async () => {
    const { h, said } = await judged(RETRIES_CUT);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/billing` or `@acme/orders` (system billing, system orders — error handling policy billing-retries changes (deadLetter, retry); rule owners-approve-other-changes)',
    );
    expect(h.gh.pull(7).requested.teams).toEqual(expect.arrayContaining(['billing', 'orders']));
  });

  it('passes once any one of those owners approves', async () => {
    const h = await harness(WITH_ARCHITECTS, { base: OWNED, head: RETRIES_CUT });
    await deliverApproval(h, 'bill', 1);
    expect(shownOnHead(h)!.conclusion).toBe('success');
  });

  it("asks an owner of the flow's ends when the flow drops its error handling", async () => {
    const head = edit(OWNED, BLUEPRINT, [['    errorHandling: billing-retries\n', '']]);
    const { h, said } = await judged(head);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/billing` or `@acme/orders` (system billing, system orders — flow bill-order changes (errorHandling); rule owners-approve-other-changes)',
    );
  });

  it("asks an owner of the flow's ends when the flow names another decision record", async () => {
    const head = {
      ...edit(OWNED, BLUEPRINT, [['decision: adr/0001-bill-by-request.md', 'decision: adr/0002-other.md']]),
      'blueprint/adr/0002-other.md': adr('Anything goes.'),
    };
    const { h, said } = await judged(head);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/billing` or `@acme/orders` (system billing, system orders — flow bill-order changes (decision); rule owners-approve-other-changes)',
    );
  });

  it("asks the blueprint's owner when a decision record's outcome is rewritten", async () => {
    const { h, said } = await judged({ ...OWNED, [ADR]: adr('Never bill.') });
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/architects` (blueprint order-to-cash — decision record blueprint/adr/0001-bill-by-request.md is edited; rule owners-approve-other-changes)',
    );
  });

  it("asks the requirement's owner when a requirement is dropped", async () => {
    const head = edit(OWNED, BLUEPRINT, [
      ['  - { id: bills-once, description: Every order is billed once, owner: acme/billing }\n', ''],
      ['    requirements: [bills-once]\n', ''],
    ]);
    const { h, said } = await judged(head);
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/billing` (requirement bills-once — requirement bills-once is removed',
    );
  });

  it("asks the blueprint's owner for a file in the blueprint folder that no element claims", async () => {
    const { h, said } = await judged({ ...OWNED, 'blueprint/notes/runbook.yaml': 'anything: goes\n' });
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/architects` (blueprint order-to-cash — file blueprint/notes/runbook.yaml is added; rule owners-approve-other-changes)',
    );
  });

  it('asks the integration platform team when nobody owns what changed, never nobody', async () => {
    const unowned = edit(OWNED, BLUEPRINT, [
      ['metadata: { name: order-to-cash, owner: acme/architects }', 'metadata: { name: order-to-cash }'],
    ]);
    const { h, said } = await judged(
      { ...unowned, 'blueprint/notes/runbook.yaml': 'anything: goes\n' },
      unowned,
    );
    expect(shownOnHead(h)!.conclusion).toBe('action_required');
    expect(said).toContain(
      'Still needs: 1 approval from `@acme/integration-platform` (blueprint order-to-cash (no owner in the base blueprint) — file blueprint/notes/runbook.yaml is added; the base names no owner, so the integration platform team approves; rule owners-approve-other-changes)',
    );
  });
});

describe('the author who owns what she changes', () => {
  it('cannot approve it alone: her approval does not count, as for a contract she owns', async () => {
    const base = edit(OWNED, BLUEPRINT, [
      ['billed once, owner: acme/billing }', 'billed once, owner: mallory }'],
    ]);
    const head = edit(base, BLUEPRINT, [
      ['  - { id: bills-once, description: Every order is billed once, owner: mallory }\n', ''],
      ['    requirements: [bills-once]\n', ''],
    ]);
    const h = await harness(WITH_ARCHITECTS, { base, head });
    await deliverApproval(h, 'mallory', 1);
    const shown = shownOnHead(h)!;
    // Nobody else can ever approve for her: the check fails saying so, rather than wait for nobody.
    expect(shown.conclusion).toBe('failure');
    expect(checkText(shown)).toContain('Still needs: 1 approval from `@mallory` (requirement bills-once');
    expect(checkText(shown)).toContain(
      '`@mallory` can never give the 1 approval rule owners-approve-other-changes asks of it: nobody can approve for it (`@mallory` is the author of this pull request). An admin can name more approvers on the base branch;',
    );
  });
});

describe('owners the base branch names now', () => {
  it("asks the tip's owner too: a branch from an old commit cannot pick the end's owner who approves", async () => {
    // At the merge base mallory's crew owned billing; the base branch has given it to acme/billing since.
    const crewed = edit(OWNED, BLUEPRINT, [
      ['{ id: billing, owner: acme/billing }', '{ id: billing, owner: acme/crew }'],
    ]);
    const head = edit(RETRIES_CUT, BLUEPRINT, [
      ['{ id: billing, owner: acme/billing }', '{ id: billing, owner: acme/crew }'],
    ]);
    const h = await harness(
      { teams: { ...WITH_ARCHITECTS.teams, crew: ['mort'] } },
      { base: crewed, head, baseTip: OWNED },
    );
    await deliverApproval(h, 'mort', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(checkText(shown)).toContain(
      'Still needs: 1 approval from `@acme/billing` (system billing, as the base branch names it now — error handling policy billing-retries changes',
    );
  });
});

describe('a config of its own rules', () => {
  it('leaves the rule out, as every default rule, unless it includes the defaults', async () => {
    const config = `signoff:
  rules:
    - id: contracts-only
      when: { categories: [contract] }
      require: { roles: [integrationPlatform] }
`;
    const h = await harness({ ...WITH_ARCHITECTS, config }, { base: OWNED, head: RETRIES_CUT });
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    expect(shownOnHead(h)!.conclusion).toBe('success');
    expect(checkText(shownOnHead(h))).toContain('No blueprint change needs sign-off');
  });
});
