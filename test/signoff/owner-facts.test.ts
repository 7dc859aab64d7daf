/**
 * Owner facts the pull request itself could bend (gate13, attempt 4), tried through the app's door:
 * the contract registry, owners and config as the head writes them must not choose who approves.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES } from './fixtures.js';
import { deliverApproval, harness, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

describe('the gate config deleted by the pull request', () => {
  it("still needs the config's approvers: the base's config judges, and deleting it is a change to it", async () => {
    const { ['.github/blueprint-review.yml']: _config, ...head } = BASE_FILES;
    const h = await harness({}, { head });
    // ivy approves for the integration platform; the config's approvers are the board.
    await deliverApproval(h, 'ivy', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output?.summary).toContain('gate-config-change');
  });
});
