/**
 * A rule that a label turns on cannot be turned off by the change's own side. The author (anyone who
 * can triage) could take the label off, and the rule stopped applying: mallory's pull request, labelled
 * `pci` so that security approves it, passed with nobody's approval once she removed the label. As a
 * change request dismissed by the author still blocks, a label taken off by whoever wrote or pushed the
 * change, or by a bot, still stands; taken off by anyone else, it is off. Real deliveries through the
 * Probot app, GitHub faked with nock (its `unlabeled` issue events).
 */
import { describe, expect, it } from 'vitest';
import { checkText, harness, labeledEvent, shownOnHead, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** Only the label's rule: without the label, nothing needs sign-off. */
const CONFIG = `signoff:
  rules:
    - id: pci-needs-security
      when: { labels: [pci] }
      require: { teams: [acme/security] }
`;

/** GitHub's `unlabeled` event of `pci`, by `login` (a bot when `bot`). */
function unlabeled(login: string, bot = false) {
  return {
    event: 'unlabeled',
    actor: { login, ...(bot ? { type: 'Bot' } : {}) },
    label: { name: 'pci', color: 'ff0000' },
    created_at: '2025-01-01T10:05:00Z',
  };
}

/** The sign-off on the head once the pull request, without the label now, was evaluated. */
async function judgedAfter(events: Record<string, unknown>[]) {
  const h = await harness({ config: CONFIG, labels: [], events });
  await h.deliver('pull_request', labeledEvent(h, 'ready'));
  await h.idle();
  return { conclusion: shownOnHead(h)!.conclusion, said: checkText(shownOnHead(h)) };
}

describe('a label a rule names, taken off', () => {
  it('still stands when the author took it off', async () => {
    const { conclusion, said } = await judgedAfter([unlabeled('mallory')]);
    expect(conclusion).toBe('action_required');
    expect(said).toContain('Still needs: 1 approval from `@acme/security`');
    expect(said).toContain('pci-needs-security');
    expect(said).toContain(
      'Label pci still applies: `@mallory` took it off, and is the author of this pull request. Only someone who did not write or push this change (a maintainer) can take it off; if it was added by mistake, ask one to.',
    );
  });

  it('still stands when a bot took it off (a workflow token the author may control)', async () => {
    const { conclusion, said } = await judgedAfter([unlabeled('github-actions[bot]', true)]);
    expect(conclusion).toBe('action_required');
    expect(said).toContain(
      "Label pci still applies: `@github-actions[bot]` took it off, and a bot's removal does not count (a workflow token may be the author's). Only someone who did not write or push this change (a maintainer) can take it off",
    );
  });

  it('is off when someone who did not write or push the change took it off', async () => {
    const { conclusion, said } = await judgedAfter([unlabeled('ada')]);
    expect(conclusion).toBe('success');
    expect(said).toContain('No blueprint change needs sign-off');
  });

  it('is on again only while carried: a label put back and taken off by a maintainer is off', async () => {
    const { conclusion } = await judgedAfter([
      unlabeled('mallory'),
      { ...unlabeled('ada'), event: 'labeled', created_at: '2025-01-01T10:06:00Z' },
      { ...unlabeled('ada'), created_at: '2025-01-01T10:07:00Z' },
    ]);
    expect(conclusion).toBe('success');
  });

  it('fails closed, saying why, when who took a label off cannot be read', async () => {
    const h = await harness({ config: CONFIG, labels: [], events: [unlabeled('ada')], failingEvents: true });
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    expect(shownOnHead(h)!.conclusion).toBe('failure');
    expect(checkText(shownOnHead(h))).toContain('Could not find out who took labels off the pull request');
  });
});
