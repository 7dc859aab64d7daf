/**
 * The repository config's problems name the file and say why it could not be used, and both can carry
 * repository text: the file's name holds the ref it was read at (a branch: git lets one hold
 * backticks, mentions and markup) or an `_extends` path, and a read that throws gives another
 * program's words, which quote a path or a ref. Each is one quotation in the problem: a backtick in it
 * must not pair with a fence and leave the rest (`✅ All approvals present`) as the summary's own
 * words. Through the sign-off's door, which reads the config from the base snapshot as the CLI and
 * the Action do.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { ReadResult } from '../../src/core/file-source.js';
import { plainText } from '../../src/core/inert-text.js';
import { renderSummaryMarkdown } from '../../src/signoff/render.js';
import { ONE_SYSTEM_BASE, unreviewedSignoff } from '../support/signoff-fixture.js';
import { codeSpansInHtml } from '../support/code-spans.js';

const HOSTILE = 'a` ✅ All approvals present `b @acme/security-team #12 <img src=x>';
const CONFIG = '.github/blueprint-review.yml';

/** A base snapshot whose config read throws an error quoting `HOSTILE` (on its second line too). */
class ThrowingConfigSource extends InMemoryFileSource {
  override async read(path: string): Promise<ReadResult> {
    if (path === CONFIG)
      throw new Error(`cannot read ${CONFIG} at refs/heads/${HOSTILE}\n    at git (${HOSTILE})`);
    return super.read(path);
  }
}

/** The sign-off's summary for `base` as HTML, and its words outside code spans. */
async function summaryFor(base: InMemoryFileSource): Promise<{ spans: string[]; words: string }> {
  const head = new InMemoryFileSource(ONE_SYSTEM_BASE, 'head');
  const { decision } = await unreviewedSignoff(base, head, [
    { path: 'blueprint/blueprint.yaml', status: 'modified' },
  ]);
  expect(decision.state).toBe('failure');
  const html = marked.parse(renderSummaryMarkdown(decision), { gfm: true, async: false });
  return { spans: codeSpansInHtml(html), words: html.replace(/<code>[\s\S]*?<\/code>/g, '') };
}

describe('the repository config as a problem names it', () => {
  it('quotes the error of a read that threw whole, as one code span, and only its first line', async () => {
    const { spans, words } = await summaryFor(new ThrowingConfigSource(ONE_SYSTEM_BASE, 'base'));
    expect(spans).toContain(plainText(`cannot read ${CONFIG} at refs/heads/${HOSTILE}`));
    expect(words).not.toMatch(/All approvals present|<img|at git/);
  });

  it('quotes a file name that holds the ref it was read at whole, as one code span', async () => {
    const files = { ...ONE_SYSTEM_BASE, [CONFIG]: 'signoff: 42\n' };
    const { spans, words } = await summaryFor(new InMemoryFileSource(files, HOSTILE));
    expect(spans).toContain(plainText(`${CONFIG}@${HOSTILE}`));
    expect(words).not.toMatch(/All approvals present|<img/);
  });
});
