/**
 * A snapshot that cannot be listed fails the sign-off with the reason, and the reason is another
 * program's words quoting what it failed on — a path or a branch, which git lets hold backticks,
 * mentions and markup. The sign-off's summary shows those words as one quotation: a backtick in them
 * must not pair with a fence and leave the rest (`✅ All approvals present`) as the summary's own.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { plainText } from '../../src/core/inert-text.js';
import { renderSummaryMarkdown } from '../../src/signoff/render.js';
import { ONE_SYSTEM_BASE, unreviewedSignoff } from '../support/signoff-fixture.js';
import { renderedCodeSpans } from '../support/code-spans.js';

const REASON = 'cannot list blueprint/a` ✅ All approvals present `b @acme/security-team #12 <img src=x>';

/** A head whose listing fails with `REASON`, as a tree GitHub cannot give or a folder that cannot be read. */
class UnlistableSource extends InMemoryFileSource {
  override async list(): Promise<string[]> {
    throw new Error(REASON);
  }
}

describe('a snapshot the sign-off cannot list', () => {
  it('fails the gate, quoting the error whole as one code span', async () => {
    const base = new InMemoryFileSource(ONE_SYSTEM_BASE, 'base');
    const head = new UnlistableSource(ONE_SYSTEM_BASE, 'head');
    const { decision } = await unreviewedSignoff(base, head, [
      { path: 'blueprint/blueprint.yaml', status: 'modified' },
    ]);
    expect(decision.state).toBe('failure');
    const summary = renderSummaryMarkdown(decision);
    expect(summary).toContain('Could not list the head snapshot');
    expect(renderedCodeSpans(summary)).toContain(plainText(REASON));
  });
});
