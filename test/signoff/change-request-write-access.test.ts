/**
 * Invariants 4 and 10: a change request blocks when it comes from a designated approver, and only
 * people with write access count, as in GitHub's own required reviews. Someone who requested changes
 * and has lost write access since (removed as a collaborator, say) is no approver now — their approval
 * would not count — so their change request no longer blocks, and the gate still waits for an approval
 * from someone who can write. While their write access cannot be looked up, it blocks (fail closed).
 */
import { describe, expect, it } from 'vitest';
import { HEAD, edit, ADD_FIELD, BASE_FILES, review, runScenario } from './fixtures.js';
import {
  approve,
  deliverApproval,
  deliverReview,
  harness,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

const HEAD_FILES = edit(BASE_FILES, 'blueprint/contracts/orders.yaml', [ADD_FIELD]);

describe('a change request from a designated approver without write access', () => {
  it('does not block, says why, and the gate still needs an approval from someone who can write', async () => {
    const waiting = await runScenario({
      head: HEAD_FILES,
      reviews: [review('oscar', 'CHANGES_REQUESTED', HEAD, 1)],
      facts: { writers: ['olivia'] },
    });
    expect(waiting.decision.blockers).toEqual([]);
    expect(waiting.decision.state).toBe('action_required');
    expect(waiting.decision.notes.join('\n')).toMatch(/@oscar requested changes.*no write access/);

    const approved = await runScenario({
      head: HEAD_FILES,
      reviews: [review('oscar', 'CHANGES_REQUESTED', HEAD, 1), review('olivia', 'APPROVED', HEAD, 2)],
      facts: { writers: ['olivia'] },
    });
    expect(approved.decision.state).toBe('success');
  });

  it('still blocks while the reviewer can write', async () => {
    const { decision } = await runScenario({
      head: HEAD_FILES,
      reviews: [review('oscar', 'CHANGES_REQUESTED', HEAD, 1), review('olivia', 'APPROVED', HEAD, 2)],
      facts: { writers: ['olivia', 'oscar'] },
    });
    expect(decision.state).toBe('failure');
    expect(decision.blockers.map((b) => b.login)).toEqual(['oscar']);
  });

  it('through the app: lifted once GitHub says the reviewer can only read, kept while it does not answer', async () => {
    const h = await harness({ permissions: { oscar: 'fail' } });
    approve(h, 'olivia', 1);
    await deliverReview(h, 'oscar', 2, 'CHANGES_REQUESTED');
    const unknown = signoffRuns(h).at(-1)!;
    expect(unknown.conclusion).toBe('failure');
    expect(unknown.output!.title).toContain('@oscar requested changes');

    h.gh.state.permissions = { oscar: 'read' };
    await deliverApproval(h, 'olivia', 3);
    const lifted = signoffRuns(h).at(-1)!;
    expect(lifted.conclusion).toBe('success');
    expect(`${lifted.output!.summary}\n${lifted.output!.text ?? ''}`).toMatch(
      /@oscar`? requested changes.*no write access/,
    );
  });
});
