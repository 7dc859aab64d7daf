/**
 * What a pushed tree can hold besides files (gate14, attempt 1), tried through the app's door against
 * trees listed as GitHub lists them, modes included: a finalized contract's path made a symbolic link
 * to a copy the pull request breaks is merged as the broken copy, so it must ask for everything a
 * breaking change of that contract asks, whoever owns the contract approves.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES, CHANGE_TYPE, edit } from './fixtures.js';
import { deliverApproval, harness, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const CONTRACT = 'blueprint/contracts/orders.yaml';

describe('a finalized contract the head turns into a symbolic link', () => {
  it("to a copy it breaks: the owner's approval alone does not pass, and its consumers are asked", async () => {
    const head = {
      ...BASE_FILES,
      'blueprint/contracts/orders-v2.yaml': edit(BASE_FILES, CONTRACT, [CHANGE_TYPE])[CONTRACT]!,
    };
    const h = await harness({}, { head, headLinks: { [CONTRACT]: 'orders-v2.yaml' } });
    await deliverApproval(h, 'olivia', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).not.toBe('success');
    const said = `${shown.output?.summary}\n${shown.output?.text ?? ''}`;
    // GitHub lists the link (mode 120000); the app reads no link, so the contract's document is one it
    // cannot compare: a breaking change, under change control, asking its consumers.
    expect(said).toContain('contract orders-api has a breaking change');
    expect(said).toContain('Still needs: 1 approval from `@acme/billing`');
    expect(said).toContain('change control needs a change record');
  });
});
