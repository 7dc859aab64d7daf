/** Who must approve what: the default rules, change control, additions, config-named teams. */
import { describe, expect, it } from 'vitest';
import type { GateDecision } from '../../src/signoff/evaluate.js';
import { renderSummaryMarkdown, stillNeeds } from '../../src/signoff/render.js';
import {
  ADD_FIELD,
  BASE_FILES,
  BREAKING,
  HEAD,
  NON_BREAKING,
  CHANGE_TYPE,
  TEAMS,
  edit,
  review,
  runScenario,
} from './fixtures.js';

const CONTRACT = 'blueprint/contracts/orders.yaml';
const BLUEPRINT = 'blueprint/blueprint.yaml';

function groups(decision: GateDecision): Record<string, string[]> {
  return Object.fromEntries(
    decision.rules.map((r) => [r.ruleId, r.groups.map((g) => `${g.label}×${g.needed}`)]),
  );
}

const ADR = `---
status: accepted
date: 2025-01-01
decision-makers: [acme/architecture-board]
---
# Drop total from the order

## Context and Problem Statement
Totals moved to billing.

## Considered Options
* keep
* drop

## Decision Outcome
Drop it in v2.

## Consequences
Billing reads totals from invoices.
`;

describe('change control of a finalized contract', () => {
  const breakingHead = edit(BASE_FILES, CONTRACT, [CHANGE_TYPE]);

  it('fails without a change record and still lists every approval needed', async () => {
    const { decision } = await runScenario({ head: breakingHead, contractDiffs: BREAKING });
    expect(decision.state).toBe('failure');
    expect(decision.problems).toEqual([
      "Contract orders-api is finalized and has a breaking change: change control needs a change record (an ADR or change note) added or edited in this PR and linked from the contract's `changeRecord`; the contract links none.",
    ]);
    expect(groups(decision)).toEqual({
      'contract-owner': ['@acme/orders×1'],
      'consumers-approve-breaking-changes': ['@acme/billing×1'],
      'architecture-board-finalized-breaking': ['@acme/architecture-board×2'],
      'change-control': ['@acme/billing×1'],
    });
  });

  it('is satisfied by a linked change record added in the PR and every approval', async () => {
    const head = {
      ...edit(breakingHead, BLUEPRINT, [
        [
          '    consumers: [billing]\n',
          '    consumers: [billing]\n    changeRecord: adr/0002-drop-total.md\n',
        ],
      ]),
      'blueprint/adr/0002-drop-total.md': ADR,
    };
    const reviews = [
      review('oscar', 'APPROVED', HEAD, 1),
      review('bill', 'APPROVED', HEAD, 2),
      review('ada', 'APPROVED', HEAD, 3),
    ];
    const waiting = await runScenario({ head, contractDiffs: BREAKING, reviews });
    expect(waiting.decision.state).toBe('action_required');
    expect(stillNeeds(waiting.decision)).toEqual([
      'Still needs: 1 approval from @acme/architecture-board (contract orders-api has a breaking change; its registry entry changes (changeRecord); rule architecture-board-finalized-breaking)',
    ]);

    const done = await runScenario({
      head,
      contractDiffs: BREAKING,
      reviews: [...reviews, review('alan', 'APPROVED', HEAD, 4)],
    });
    expect(done.decision.state).toBe('success');
    const summary = renderSummaryMarkdown(done.decision);
    expect(summary).toContain('Change record for `orders-api`: `blueprint/adr/0002-drop-total.md`');
    expect(summary).toContain('@bill approved `' + HEAD + '` as `@acme/billing` under');
  });

  it('lets one person count in each group they belong to, but only once per group', async () => {
    const head = {
      ...edit(breakingHead, BLUEPRINT, [
        [
          '    consumers: [billing]\n',
          '    consumers: [billing]\n    changeRecord: adr/0002-drop-total.md\n',
        ],
      ]),
      'blueprint/adr/0002-drop-total.md': ADR,
    };
    // olivia owns the contract and sits on the board: her one approval counts for both, and the
    // board still needs a second member.
    const { decision } = await runScenario({
      head,
      contractDiffs: BREAKING,
      reviews: [review('olivia', 'APPROVED', HEAD, 1), review('bill', 'APPROVED', HEAD, 2)],
    });
    expect(decision.state).toBe('action_required');
    const board = decision.rules.find((r) => r.ruleId === 'architecture-board-finalized-breaking')!
      .groups[0]!;
    expect(board.approvedBy.map((a) => a.login)).toEqual(['olivia']);
    expect(board.missing).toBe(1);
  });

  it('does not accept a change record the PR does not add or edit', async () => {
    const base = { ...BASE_FILES, 'blueprint/adr/0001-old.md': ADR };
    const head = edit(edit(base, CONTRACT, [CHANGE_TYPE]), BLUEPRINT, [
      ['    consumers: [billing]\n', '    consumers: [billing]\n    changeRecord: adr/0001-old.md\n'],
    ]);
    const { decision } = await runScenario({ base, head, contractDiffs: BREAKING });
    expect(decision.problems[0]).toContain(
      'its `changeRecord` blueprint/adr/0001-old.md is not added or edited by this PR',
    );
  });

  it('cannot be escaped by moving the contract back to draft in the same PR', async () => {
    const head = edit(breakingHead, BLUEPRINT, [['    status: finalized\n', '    status: draft\n']]);
    const { decision } = await runScenario({ head, contractDiffs: BREAKING });
    expect(decision.rules.map((r) => r.ruleId)).toContain('change-control');
    expect(decision.state).toBe('failure');
  });

  it('does not apply to a non-breaking change of a finalized contract', async () => {
    const { decision } = await runScenario({
      head: edit(BASE_FILES, CONTRACT, [ADD_FIELD]),
      contractDiffs: NON_BREAKING,
    });
    expect(Object.keys(groups(decision))).toEqual(['contract-owner']);
  });

  it('treats removing a finalized contract as breaking for its consumers', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [
      [
        '  - id: orders-api\n    file: contracts/orders.yaml\n    owner: acme/orders\n    provider: orders\n    status: finalized\n    consumers: [billing]\n',
        '',
      ],
    ]);
    const { changes, decision } = await runScenario({ head });
    expect(changes.changes.find((c) => c.subject.id === 'orders-api')?.categories).toEqual([
      'contract',
      'removal',
      'breaking',
    ]);
    expect(decision.rules.map((r) => r.ruleId)).toContain('consumers-approve-breaking-changes');
  });

  describe('removed', () => {
    const ENTRY =
      '  - id: orders-api\n    file: contracts/orders.yaml\n    owner: acme/orders\n    provider: orders\n    status: finalized\n    consumers: [billing]\n';
    const linkedBase = {
      ...edit(BASE_FILES, BLUEPRINT, [[ENTRY, `${ENTRY}    changeRecord: adr/0002-drop-total.md\n`]]),
      'blueprint/adr/0002-drop-total.md': ADR,
    };
    const removedFrom = (base: Record<string, string>, entry: string) => edit(base, BLUEPRINT, [[entry, '']]);
    const everyone = [
      review('oscar', 'APPROVED', HEAD, 1),
      review('bill', 'APPROVED', HEAD, 2),
      review('ada', 'APPROVED', HEAD, 3),
      review('alan', 'APPROVED', HEAD, 4),
    ];

    it('takes the change record its base entry links, when the PR edits it', async () => {
      const head = {
        ...removedFrom(linkedBase, `${ENTRY}    changeRecord: adr/0002-drop-total.md\n`),
        'blueprint/adr/0002-drop-total.md': `${ADR}\nRemoved in v3: billing reads invoices.\n`,
      };
      const { decision } = await runScenario({ base: linkedBase, head, reviews: everyone });
      expect(decision.problems).toEqual([]);
      expect(decision.state).toBe('success');
      expect(renderSummaryMarkdown(decision)).toContain(
        'Change record for `orders-api`: `blueprint/adr/0002-drop-total.md`',
      );
    });

    it('does not take the change record its base entry links when the PR leaves it as it was', async () => {
      const head = removedFrom(linkedBase, `${ENTRY}    changeRecord: adr/0002-drop-total.md\n`);
      const { decision } = await runScenario({ base: linkedBase, head, reviews: everyone });
      expect(decision.state).not.toBe('success');
      expect(decision.problems.join('\n')).toContain(
        'its `changeRecord` blueprint/adr/0002-drop-total.md is not added or edited by this PR',
      );
    });

    it('says how to remove it when its base entry links no change record', async () => {
      const { decision } = await runScenario({ head: removedFrom(BASE_FILES, ENTRY), reviews: everyone });
      expect(decision.state).not.toBe('success');
      expect(decision.problems.join('\n')).toContain(
        "Contract orders-api is finalized and is removed: change control needs a change record (an ADR or change note) added or edited in this PR and linked from the contract's `changeRecord` on the base branch; its entry there links none. Link one from it in a pull request of its own first, then edit it here to say why the contract goes.",
      );
    });
  });
});

describe('security, topology and additions', () => {
  it('asks the security team when masking changes in a security policy', async () => {
    const head = edit(BASE_FILES, 'blueprint/policies/security.yaml', [['strategy: hash', 'strategy: none']]);
    const { decision } = await runScenario({ head, reviews: [review('sam', 'APPROVED', HEAD, 1)] });
    expect(groups(decision)).toEqual({ 'security-review': ['@acme/security×1'] });
    expect(decision.state).toBe('success');
  });

  it('asks the security team when a flow’s data classification changes', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [
      ['    security: service-auth\n', '    security: service-auth\n    dataClassification: restricted\n'],
    ]);
    const { decision } = await runScenario({ head });
    expect(Object.keys(groups(decision))).toEqual(['security-review']);
  });

  it('asks the integration platform team for a new flow, and the additions approvers for a new system', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [
      [
        '  - { id: webshop, owner: acme/web }\n',
        '  - { id: webshop, owner: acme/web }\n  - { id: crm, owner: mallory }\n',
      ],
      [
        '    security: service-auth\n',
        '    security: service-auth\n  - { id: sync-crm, from: orders, to: crm, pattern: event }\n',
      ],
    ]);
    const { decision, changes } = await runScenario({ head });
    expect(changes.changes.map((c) => `${c.subject.kind}:${c.subject.id}:${c.categories.join('+')}`)).toEqual(
      ['system:crm:addition+topology', 'flow:sync-crm:addition+topology'],
    );
    expect(groups(decision)).toEqual({ 'integration-platform-review': ['@acme/integration-platform×1'] });
  });

  it('gives a new contract to the approvers of additions, not to the owner the PR names', async () => {
    const base = {
      ...BASE_FILES,
      '.github/blueprint-review.yml': 'signoff:\n  additions: { users: [ada] }\n',
    };
    const head = {
      ...edit(base, BLUEPRINT, [
        ['flows:\n', '  - { id: billing-api, file: contracts/orders.yaml, owner: mallory }\nflows:\n'],
      ]),
    };
    const { decision } = await runScenario({ base, head, reviews: [review('mallory', 'APPROVED', HEAD, 1)] });
    expect(groups(decision)['contract-owner']).toEqual(['@ada×1']);
    expect(decision.state).toBe('action_required');
  });
});

describe('teams the config names', () => {
  it('fails, naming the team, when the config names a team without access to the repository', async () => {
    const base = {
      ...BASE_FILES,
      '.github/blueprint-review.yml': 'signoff:\n  teams: { security: acme/secops }\n',
    };
    const { decision } = await runScenario({ base, head: { ...base, 'README.md': 'changed' } });
    expect(decision.state).toBe('failure');
    expect(decision.problems).toEqual([
      "The config names team @acme/secops (signoff.teams.security), which has no access to this repository (or does not exist), so nobody can approve for it. A team counts only if it can write to the repository, since a new team can take a renamed team's old name: grant the team write access to this repository, or fix the config on the base branch.",
    ]);
  });

  it('fails, naming the organization, when a blueprint names an owner team of another organization', async () => {
    const toOther: [string, string] = ['owner: acme/orders', 'owner: other-org/orders'];
    const base = edit(BASE_FILES, 'blueprint/blueprint.yaml', [toOther, toOther]);
    const { decision } = await runScenario({ base, head: edit(base, CONTRACT, [ADD_FIELD]) });
    expect(decision.state).toBe('failure');
    expect(decision.problems).toEqual([
      expect.stringMatching(
        /^Team @other-org\/orders \(.+\) is not a team of acme, the organization that owns this repository: the app can see and count only the teams of acme, so nobody can approve for it\.$/,
      ),
    ]);
  });

  it('fails, naming the setting, when a default team needed by a change does not exist', async () => {
    const { ['acme/security']: _gone, ...teams } = TEAMS;
    const head = edit(BASE_FILES, 'blueprint/policies/security.yaml', [['strategy: hash', 'strategy: none']]);
    const { decision } = await runScenario({ head, facts: { teams } });
    expect(decision.state).toBe('failure');
    expect(decision.problems[0]).toBe(
      "Team @acme/security (the default security team (set signoff.teams.security)) has no access to this repository (or does not exist), so nobody can approve for it. A team counts only if it can write to the repository, since a new team can take a renamed team's old name: grant the team write access to this repository, or name a team that can write to it on the base branch.",
    );
  });
});

describe('rule conditions', () => {
  const config = `signoff:
  includeDefaultRules: true
  rules:
    - id: labelled-security
      when: { labels: [needs-security-review] }
      require: { roles: [security] }
    - id: payments-paths
      when: { paths: ['blueprint/contracts/**'], breaking: false }
      require: { users: [wendy], approvals: 1 }
`;
  const base = { ...BASE_FILES, '.github/blueprint-review.yml': config };
  const head = edit(base, CONTRACT, [ADD_FIELD]);

  it('applies a label rule only when the PR carries the label', async () => {
    const without = await runScenario({ base, head, contractDiffs: NON_BREAKING });
    expect(Object.keys(groups(without.decision))).toEqual(['contract-owner', 'payments-paths']);
    const labelled = await runScenario({
      base,
      head,
      contractDiffs: NON_BREAKING,
      facts: { labels: ['needs-security-review'] },
    });
    expect(Object.keys(groups(labelled.decision))).toEqual([
      'contract-owner',
      'labelled-security',
      'payments-paths',
    ]);
  });

  it('matches paths and the breaking flag', async () => {
    const breaking = await runScenario({ base, head, contractDiffs: BREAKING });
    expect(Object.keys(groups(breaking.decision))).not.toContain('payments-paths');
  });
});

describe('untrusted input stays inert', () => {
  it('treats a __proto__ field in a blueprint element as plain data', async () => {
    const head = edit(BASE_FILES, BLUEPRINT, [
      [
        '  - { id: orders, owner: acme/orders }\n',
        '  - { id: orders, owner: acme/orders, __proto__: { polluted: true } }\n',
      ],
    ]);
    const { changes } = await runScenario({ head });
    expect(changes.changes.find((c) => c.subject.id === 'orders')?.categories).toEqual(['topology']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('escapes HTML from the blueprint in the summary', async () => {
    const head = { ...BASE_FILES, 'blueprint/notes/<img src=x>.md': 'x' };
    const { decision } = await runScenario({ head });
    expect(renderSummaryMarkdown(decision)).not.toContain('<img');
  });
});

describe('the review pipeline’s contract verdicts', () => {
  it('maps breaking, consented and unjudged diff findings to verdicts', async () => {
    const { contractDiffsFromReview } = await import('../../src/signoff/from-review.js');
    const finding = (ruleId: string, severity: 'error' | 'warning' | 'info', extra = {}) => ({
      ruleId,
      severity,
      message: `${ruleId} happened`,
      ...extra,
    });
    expect(
      contractDiffsFromReview([
        {
          id: 'a',
          blueprint: 'bp',
          kind: 'document-changed',
          changes: [finding('breaking/operation-added', 'info', { breaking: false })],
        },
        {
          id: 'b',
          blueprint: 'bp',
          kind: 'document-changed',
          changes: [
            finding('breaking/operation-removed', 'warning', {
              breaking: true,
              intended: { reason: 'major bump' },
            }),
          ],
        },
        {
          id: 'c',
          blueprint: 'bp',
          kind: 'document-changed',
          changes: [finding('schema/contract-invalid', 'error')],
        },
        { id: 'd', blueprint: 'bp', kind: 'entry-changed', changes: [] },
        {
          id: 'e',
          blueprint: 'bp',
          kind: 'document-changed',
          changes: [],
          problems: ['$ref x cannot be resolved'],
        },
      ]),
    ).toEqual([
      {
        blueprint: 'bp',
        contractId: 'a',
        breaking: false,
        consented: false,
        changes: ['breaking/operation-added happened'],
      },
      {
        blueprint: 'bp',
        contractId: 'b',
        breaking: true,
        consented: true,
        changes: ['breaking/operation-removed happened'],
      },
      {
        blueprint: 'bp',
        contractId: 'c',
        breaking: true,
        consented: false,
        changes: ['could not be compared: schema/contract-invalid happened'],
      },
      {
        blueprint: 'bp',
        contractId: 'e',
        breaking: true,
        consented: false,
        changes: ['could not be compared: $ref x cannot be resolved'],
      },
    ]);
  });
});

describe('verdicts from the contract diff (when the caller brings none)', () => {
  it('finds a new optional response field harmless and a removed one breaking', async () => {
    const harmless = await runScenario({ head: edit(BASE_FILES, CONTRACT, [ADD_FIELD]) });
    expect(harmless.changes.changes[0]).toMatchObject({ breaking: false, categories: ['contract'] });
    const breaking = await runScenario({ head: edit(BASE_FILES, CONTRACT, [CHANGE_TYPE]) });
    expect(breaking.changes.changes[0]).toMatchObject({
      breaking: true,
      categories: ['contract', 'breaking'],
    });
    expect(breaking.changes.changes[0]?.details.join('\n')).toContain('total');
  });

  it('judges consent by the base versioning strategy, not one the PR adds', async () => {
    const head = edit(
      edit(BASE_FILES, CONTRACT, [CHANGE_TYPE, ['version: 1.0.0', 'version: 2.0.0']]),
      BLUEPRINT,
      [['    consumers: [billing]\n', '    consumers: [billing]\n    versioning: { strategy: semver }\n']],
    );
    const { changes } = await runScenario({ head });
    const change = changes.changes.find((c) => c.subject.id === 'orders-api')!;
    expect(change.breaking).toBe(true);
    expect(change.details).not.toContain('the versioning strategy consents to the break');
  });

  it('notes the base strategy’s consent to a major bump, and still asks the consumers', async () => {
    const base = edit(BASE_FILES, BLUEPRINT, [
      ['    consumers: [billing]\n', '    consumers: [billing]\n    versioning: { strategy: semver }\n'],
    ]);
    const head = edit(base, CONTRACT, [CHANGE_TYPE, ['version: 1.0.0', 'version: 2.0.0']]);
    const { changes, decision } = await runScenario({ base, head });
    const change = changes.changes.find((c) => c.subject.id === 'orders-api')!;
    expect(change.breaking).toBe(true);
    expect(change.details).toContain('the versioning strategy consents to the break');
    expect(decision.rules.map((r) => r.ruleId)).toContain('consumers-approve-breaking-changes');
  });
});
