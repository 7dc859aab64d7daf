import { describe, expect, it } from 'vitest';
import type { GateDecision } from './evaluate.js';
import { decisionTitle, MAX_SUMMARY_CHARS, renderSummaryMarkdown } from './render.js';

function blockedBy(logins: string[]): GateDecision {
  return {
    state: 'failure',
    headSha: 'a'.repeat(40),
    rules: [],
    blockers: logins.map((login) => ({
      kind: 'changes-requested' as const,
      login,
      sha: 'a'.repeat(40),
      as: 'security',
    })),
    problems: [],
    notes: [],
    unanswered: false,
    invalidated: [],
    reviewRequests: { users: [], teams: [] },
  };
}

describe('decisionTitle', () => {
  it('names every blocker while there are few', () => {
    expect(decisionTitle(blockedBy(['oscar', 'olivia']))).toBe('Blocked: @oscar, @olivia requested changes');
  });

  it('names the first three blockers and counts the rest, however many approvers block', () => {
    const logins = Array.from({ length: 40 }, (_, i) => `approver-with-a-long-login-${i}`);
    const title = decisionTitle(blockedBy(logins));
    expect(title).toBe(
      'Blocked: @approver-with-a-long-login-0, @approver-with-a-long-login-1, @approver-with-a-long-login-2 and 37 more requested changes',
    );
  });
});

describe('renderSummaryMarkdown past GitHub\u2019s limit', () => {
  // Problems quote repository text: here a long reason with a team in a code span, thirty of them:
  // well past the 65,535 characters of a check-run summary.
  const problems = Array.from(
    { length: 30 },
    (_, i) =>
      `Problem ${i}: ${'a long reason '.repeat(250)}for \`@acme/security\` cannot be read at the head.`,
  );
  const decision: GateDecision = {
    ...blockedBy([]),
    state: 'failure',
    problems,
    rules: [
      {
        ruleId: 'contract-owner',
        description: 'A contract\u2019s owner approves every change to it',
        origin: 'default',
        because: ['contract orders-api changed'],
        groups: [
          { label: '@acme/orders', approvers: [], needed: 1, approvedBy: [], missing: 1, reasons: ['owner'] },
        ],
        changeRecords: [],
        satisfied: false,
      },
    ],
  };
  const full = renderSummaryMarkdown({ ...decision, problems: problems.slice(0, 1) });
  const summary = renderSummaryMarkdown(decision);

  it('keeps who still has to approve, ahead of the problems', () => {
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary).toContain('- Still needs: 1 approval from `@acme/orders`');
    expect(summary.indexOf('Still needs')).toBeLessThan(summary.indexOf('cannot be read'));
    expect(full).toContain('Still needs');
  });

  it('cuts between lines, so no code span is left open to unquote a mention', () => {
    const [kept, note] = summary.split('\n\n… Truncated: ');
    expect(note).toMatch(/^\d+ more characters\. Run `blueprint-review signoff` locally/);
    const wholeLines = new Set(renderSummaryMarkdown({ ...decision }).split('\n'));
    for (const line of kept!.split('\n')) expect(wholeLines.has(line)).toBe(true);
    for (const line of kept!.split('\n')) expect((line.match(/`/g) ?? []).length % 2).toBe(0);
  });
});

describe('renderSummaryMarkdown for a rule matching thousands of elements', () => {
  // One reason per element: 3,000 changed flows make a "why it applies" cell longer than the whole
  // summary, and a row too long for the summary was cut whole, taking the rule that asks for the
  // approval with it.
  const because = Array.from({ length: 3_000 }, (_, i) => `flow \`orders-flow-${i}\` changed its contract`);
  const decision: GateDecision = {
    ...blockedBy([]),
    state: 'action_required',
    rules: [
      {
        ruleId: 'flow-owners',
        description: 'Owners of both ends approve a changed flow',
        origin: 'default',
        because,
        groups: [
          { label: '@acme/orders', approvers: [], needed: 1, approvedBy: [], missing: 1, reasons: ['owner'] },
        ],
        changeRecords: [],
        satisfied: false,
      },
    ],
  };
  const summary = renderSummaryMarkdown(decision);
  const row = summary.split('\n').find((line) => line.startsWith('| `flow-owners`'));

  it('keeps the rule\u2019s row, within the summary', () => {
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary).not.toContain('Truncated');
    expect(row).toBeDefined();
    expect(row).toMatch(/\| `@acme\/orders` \| — \| 1 approval \|$/);
  });

  it('shows the first reasons and says how many more there are', () => {
    expect(row).toContain('flow `orders-flow-0` changed its contract<br>');
    const shown = (row!.match(/changed its contract/g) ?? []).length;
    expect(shown).toBeGreaterThan(1);
    expect(row).toContain(`… and ${(3_000 - shown).toLocaleString('en')} more`);
  });

  it('lists every reason while they fit', () => {
    const few = renderSummaryMarkdown({
      ...decision,
      rules: [{ ...decision.rules[0]!, because: because.slice(0, 3) }],
    });
    expect(few).toContain(
      '| `flow-owners` | flow `orders-flow-0` changed its contract<br>flow `orders-flow-1` changed its contract<br>flow `orders-flow-2` changed its contract |',
    );
    expect(few).not.toContain('more');
  });
});
