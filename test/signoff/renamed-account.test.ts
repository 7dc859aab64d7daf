/**
 * A GitHub account keeps its id when its login is renamed, and anyone may rename theirs at any time.
 * Who pushed is recorded as GitHub named them then (src/signoff/pushes.ts); their review or dismissal
 * comes later, under the login they have then. The gate must still know them as one who pushed.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from './support/signoff-app.js';
import {
  approve,
  dismiss,
  harness,
  pushEvent,
  reviewEvent,
  shownOnHead,
  TEAMS,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

/** oscar's account: the id GitHub gave it, kept when oscar renames it. */
const OSCAR_ID = 7_001;
const RENAMED = 'oscar-renamed';

/** oscar (of the owning team) pushed the head; his account has been renamed since. */
async function pushedThenRenamed(): Promise<Harness> {
  const h = await harness({ teams: { ...TEAMS, orders: ['olivia', RENAMED] } });
  await h.deliver(
    'pull_request',
    pushEvent(h, 'oscar', (p) => {
      p.sender = { login: 'oscar', id: OSCAR_ID, type: 'User' };
    }),
  );
  await h.idle();
  return h;
}

/** The renamed account reviews the head: its reviews now name it by its new login, with its id. */
async function reviewAsRenamed(
  h: Harness,
  minute: number,
  state: 'APPROVED' | 'CHANGES_REQUESTED',
): Promise<void> {
  approve(h, RENAMED, minute, state);
  h.gh.pull(7).reviews.at(-1)!.userId = OSCAR_ID;
  const event = state === 'APPROVED' ? 'approved' : 'changes_requested';
  await h.deliver('pull_request_review', reviewEvent(h, RENAMED, event));
  await h.idle();
}

describe('a team member who pushed, then renamed their account', () => {
  it('cannot approve the change they pushed under the new login', async () => {
    const h = await pushedThenRenamed();
    await reviewAsRenamed(h, 1, 'APPROVED');
    const run = shownOnHead(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain(
      `\`@${RENAMED}\`'s approval does not count: \`@${RENAMED}\` is one of those who pushed to this pull request`,
    );
  });

  it("cannot lift a designated approver's change request by dismissing it under the new login", async () => {
    const h = await pushedThenRenamed();
    approve(h, 'olivia', 1, 'CHANGES_REQUESTED');
    dismiss(h, 1, RENAMED);
    (h.gh.pull(7).events.at(-1)!.actor as { id?: number }).id = OSCAR_ID;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', RENAMED));
    await h.idle();
    const run = shownOnHead(h);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(run!.output!.summary).toContain('is one of those who pushed to this pull request');
  });
});
