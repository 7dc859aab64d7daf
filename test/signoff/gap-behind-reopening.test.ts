/**
 * A gap in the app's records behind a person's reopening is accepted (whoever reopened answers for
 * what came before), but it never erases a push the app does know of behind that reopening. Real
 * deliveries through the Probot app, GitHub faked with nock over a real git repository.
 */
import { describe, expect, it } from 'vitest';
import { serializePushes } from '../../src/signoff/pushes.js';
import { deliverApproval, harness, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** Commits that were heads once, force-pushed away since: GitHub no longer serves their trees. */
const GAP = 'a'.repeat(40);
const OSCARS = 'b'.repeat(40);

describe('a reopening after a gap in the records', () => {
  it('leaves whoever the app knows pushed behind it a pusher, who cannot approve', async () => {
    // oscar (of the owning team) pushed his content on a commit the app has no record of (GAP),
    // under mallory's name; mallory pushed the head on top, and ivy reopened the pull request there,
    // as the check told her to. oscar then approves.
    const h = await harness({}, { openedBy: null });
    h.gh.state.checkRuns.unshift(
      {
        id: 901,
        name: 'Blueprint sign-off: main',
        head_sha: h.headSha,
        status: 'queued',
        conclusion: null,
        external_id: serializePushes([
          { after: h.headSha, by: 'mallory', before: OSCARS },
          { after: h.headSha, by: 'ivy', before: null },
        ]),
      },
      {
        id: 902,
        name: 'Blueprint sign-off: main',
        head_sha: OSCARS,
        status: 'completed',
        conclusion: 'failure',
        external_id: serializePushes([{ after: OSCARS, by: 'oscar', before: GAP }]),
      },
    );
    for (const gone of [GAP, OSCARS]) h.gh.serveNoTree(gone);
    await deliverApproval(h, 'oscar', 1);
    const shown = shownOnHead(h)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain('`@oscar` is one of those who pushed to this pull request');
  });
});
