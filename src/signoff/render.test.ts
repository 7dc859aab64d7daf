import { describe, expect, it } from 'vitest';
import type { GateDecision } from './evaluate.js';
import { decisionTitle, MAX_SUMMARY_CHARS, renderSummaryMarkdown } from './render.js';

function blockedBy(logins: string[]): GateDecision {
  return {
    state: 'failure',
    headSha: 'a'.repeat(40),
    rules: [],
    blockers: logins.map((login) => ({ login, sha: 'a'.repeat(40), as: 'security' })),
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
