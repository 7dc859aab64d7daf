import { describe, expect, it } from 'vitest';
import type { GateDecision } from './evaluate.js';
import { decisionTitle } from './render.js';

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
