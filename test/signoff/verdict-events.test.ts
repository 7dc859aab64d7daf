/**
 * Deliveries that could flip a verdict (gate13, attempt 3): the gate reads every fact from GitHub when
 * it evaluates, never from the delivery that woke it.
 */
import { describe, expect, it } from 'vitest';
import { approve, harness, reviewEvent, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

describe('an edited review', () => {
  it('is read from GitHub, where editing a comment leaves it a comment: no approval', async () => {
    const h = await harness();
    // olivia (acme/orders, the changed contract's owner team) commented on the head. Editing the text
    // of a review never changes its state on GitHub; the delivery of the edit says "approved" all the same.
    approve(h, 'olivia', 1, 'COMMENTED');
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved', 'edited'));
    await h.idle();
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output?.summary).toContain('@acme/orders');
  });
});
