/**
 * A file in a blueprint folder that no blueprint can read — Markdown outside `adr/`, an image — cannot
 * change what the blueprint says, so it needs nobody's sign-off: changed alone (the pull request touches
 * no blueprint, by the changed files' names) or beside a blueprint change. Before, the two disagreed:
 * alone it needed nothing, beside a change to the blueprint it was a change of its own that the
 * blueprint's owner had to approve. Real deliveries through the Probot app, GitHub faked with nock.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES, edit } from './fixtures.js';
import type { Files } from './fixtures.js';
import { checkText, harness, labeledEvent, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const BLUEPRINT = 'blueprint/blueprint.yaml';
const TEAMS_WITH_ARCHITECTS = {
  teams: {
    orders: ['olivia', 'oscar'],
    billing: ['bill'],
    security: ['sam'],
    'integration-platform': ['ivy'],
    'architecture-board': ['ada', 'alan'],
    architects: ['arthur'],
  },
};

/** Notes and a diagram no loader reads, in the blueprint folder. */
const UNREAD: Files = {
  'blueprint/README.md': '# Order to cash\n\nHow billing reads orders.\n',
  'blueprint/diagrams/topology.png': 'not really a png\n',
};

/** The sign-off shown on the head of mallory's pull request of `head` once labelled (an evaluation). */
async function judged(head: Files) {
  const h = await harness(TEAMS_WITH_ARCHITECTS, { base: BASE_FILES, head });
  await h.deliver('pull_request', labeledEvent(h, 'ready'));
  await h.idle();
  return { conclusion: shownOnHead(h)!.conclusion, said: checkText(shownOnHead(h)) };
}

describe('files in a blueprint folder that no blueprint reads', () => {
  it('changed alone, need no sign-off', async () => {
    const { conclusion, said } = await judged({ ...BASE_FILES, ...UNREAD });
    expect(conclusion).toBe('success');
    expect(said).toContain('No blueprint change needs sign-off');
  });

  it('changed beside a blueprint change, add nothing to what it needs', async () => {
    const renamed = edit(BASE_FILES, BLUEPRINT, [
      ['metadata: { name: order-to-cash,', 'metadata: { name: order-to-cash-v2,'],
    ]);
    const { conclusion, said } = await judged({ ...renamed, ...UNREAD });
    expect(conclusion).toBe('action_required');
    expect(said).toContain('blueprint order-to-cash-v2 metadata changes (name)');
    expect(said).not.toContain('README.md');
    expect(said).not.toContain('topology.png');
  });

  it('still asks for a YAML file no element claims, which a blueprint may read', async () => {
    const { conclusion, said } = await judged({ ...BASE_FILES, 'blueprint/notes/runbook.yaml': 'a: b\n' });
    expect(conclusion).toBe('action_required');
    expect(said).toContain('file blueprint/notes/runbook.yaml is added');
  });
});
