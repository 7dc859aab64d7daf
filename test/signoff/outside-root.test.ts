/**
 * A contract whose schema lives outside the blueprint folder, reached only through a `$ref` (gate18,
 * attempt 2: held; pinned here). The contract's document tree is every file its `$ref`s reach,
 * wherever in the repository: a pull request that changes only that shared file changes the
 * contract, and is judged by its diff and asks its owners and consumers; an approval given before
 * the shared file changed does not cover it.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES, edit, HEAD, review, runScenario } from './fixtures.js';
import type { Files } from './fixtures.js';

const CONTRACT = 'blueprint/contracts/orders.yaml';
const SHARED = 'shared/order.yaml';
const C1 = 'cccc000000000000000000000000000000000001';
const INLINE_SCHEMA =
  '              schema:\n                type: object\n                properties:\n                  orderId: { type: string }\n                  total: { type: number }\n';

/** The orders contract with its response schema in `shared/order.yaml`, outside the blueprint. */
const BASE: Files = {
  ...edit(BASE_FILES, CONTRACT, [
    [INLINE_SCHEMA, "              schema: { $ref: '../../shared/order.yaml#/Order' }\n"],
  ]),
  [SHARED]:
    'Order:\n  type: object\n  properties:\n    orderId: { type: string }\n    total: { type: number }\n',
};
/** Only the shared file changes: a response field's type, a break for billing. */
const HEAD_FILES = edit(BASE, SHARED, [['total: { type: number }', 'total: { type: string }']]);

describe('a contract schema outside the blueprint folder, changed alone', () => {
  it("is a breaking change of the contract: its owner's approval alone does not pass, its consumers are asked", async () => {
    const { decision, changes } = await runScenario({
      base: BASE,
      head: HEAD_FILES,
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
    });
    const change = changes.changes.find((c) => c.key === 'contract:blueprint#orders-api');
    expect(change).toMatchObject({ breaking: true });
    expect(change!.paths).toContain(SHARED);
    // Finalized: change control asks for a change record too.
    expect(decision.state).not.toBe('success');
    const consumers = decision.rules.find((r) => r.ruleId === 'consumers-approve-breaking-changes');
    expect(consumers).toMatchObject({ satisfied: false });
  });

  it('drops an approval given before the shared file changed', async () => {
    const harmless = edit(BASE, SHARED, [
      ['total: { type: number }\n', 'total: { type: number }\n    currency: { type: string }\n'],
    ]);
    const head = edit(harmless, SHARED, [
      ['currency: { type: string }', 'currency: { type: string, maxLength: 3 }'],
    ]);
    const { decision } = await runScenario({
      base: BASE,
      head,
      commits: { [C1]: harmless },
      reviews: [review('olivia', 'APPROVED', C1, 1), review('sam', 'APPROVED', HEAD, 2)],
    });
    expect(decision.notes).toContain(
      "@olivia's approval on cccc000 does not count: the blueprint changed after it; approve the head commit ffff000.",
    );
    expect(decision.state).not.toBe('success');
  });
});
