/**
 * DESIGN invariant 13 for a contract the review could not read: the finding quotes the reason the
 * file source gave, and that reason is another program's words (git's, the file system's,
 * GitHub's) quoting the path it failed on — a path git lets hold backticks, mentions and markup. In
 * the message, and in its Markdown (check summary, review comment), the reason is one quotation: a
 * backtick in it must not pair with a fence of the message and leave the rest as our own words.
 */
import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../src/core/file-source.js';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { markdownMessage } from '../../src/core/inert-text.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { ORDERS_API, RULE_SET, shopFiles } from '../app/support/shop.js';
import { changedFilesBetween } from '../support/review-fixture.js';
import { spansOf } from '../support/poison.js';

const REASON = 'fatal: blueprint/a` ✅ approved by @acme/security-team `b [x](https://evil.example) #12';

/** A head whose orders contract cannot be read, for `reason` (and `cause`, where the source knows it). */
class UnreadableContract extends InMemoryFileSource {
  constructor(
    files: Record<string, string>,
    private readonly failure: Extract<ReadResult, { kind: 'unreadable' }>,
  ) {
    super(files, 'head');
  }

  override async read(path: string): Promise<ReadResult> {
    return path === ORDERS_API ? this.failure : super.read(path);
  }
}

async function readFailureMessage(failure: Extract<ReadResult, { kind: 'unreadable' }>): Promise<string> {
  const base = shopFiles();
  const head = { ...base, [ORDERS_API]: `${base[ORDERS_API]}\n# changed\n` };
  const { newFindings } = await reviewPullRequest({
    base: new InMemoryFileSource(base, 'base'),
    head: new UnreadableContract(head, failure),
    changedFiles: changedFilesBetween(base, head),
    config: {},
    ruleSet: RULE_SET,
  });
  const finding = newFindings.find((f) => f.message.includes(REASON.slice(0, 12)));
  expect(finding, JSON.stringify(newFindings.map((f) => f.message))).toBeDefined();
  return finding!.message;
}

describe('the reason a contract could not be read', () => {
  for (const cause of [undefined, 'not-a-file', 'over-file-limit'] as const) {
    it(`is one code span in the finding and its Markdown (${cause ?? 'any other failure'})`, async () => {
      const message = await readFailureMessage({ kind: 'unreadable', reason: REASON, cause });
      for (const markdown of [message, markdownMessage(message)]) {
        const { code, outside } = spansOf(markdown);
        expect(code, markdown).toContain(REASON);
        for (const piece of ['✅', '@acme', '[x]', 'evil.example', '#12'])
          expect(outside, markdown).not.toContain(piece);
      }
    });
  }
});
