/**
 * GitHub logins are one account whatever their case (gate18, attempt 3: held; pinned here). A config
 * or blueprint may name a user in another case than GitHub prints it, and an account may be renamed in
 * case only (`olivia` → `Olivia`) after its push was recorded: the approval of the named user counts,
 * and the pusher stays excluded from approving.
 */
import { describe, expect, it } from 'vitest';
import { ADD_FIELD, BASE_FILES, edit, HEAD, review, runScenario } from './fixtures.js';

const CONTRACT = 'blueprint/contracts/orders.yaml';
const HEAD_FILES = edit(BASE_FILES, CONTRACT, [ADD_FIELD]);
const ONLY_EVE = `signoff:
  rules:
    - id: eve-approves-contracts
      when: { categories: [contract] }
      require: { users: [EVE] }
`;

describe('a login that differs from the one named only by case', () => {
  it('approves as the user the config names', async () => {
    const base = { ...BASE_FILES, '.github/blueprint-review.yml': ONLY_EVE };
    const { decision } = await runScenario({
      base,
      head: { ...HEAD_FILES, '.github/blueprint-review.yml': ONLY_EVE },
      reviews: [review('eve', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('success');
  });

  it('cannot approve what it pushed under the login in another case', async () => {
    const { decision } = await runScenario({
      head: HEAD_FILES,
      facts: { pushers: ['OLIVIA'] },
      reviews: [review('olivia', 'APPROVED', HEAD, 1), review('sam', 'APPROVED', HEAD, 2)],
    });
    expect(decision.state).not.toBe('success');
    expect(decision.rules.find((r) => r.ruleId === 'contract-owner')).toMatchObject({ satisfied: false });
    expect(decision.notes.join('\n')).toContain('one of those who pushed to this pull request');
  });
});
