/**
 * The review's text folds every line within the width. A finding's message continues deeper than
 * the `why:` line under it (the rule's own rationale, at six spaces): folded to six, a message
 * quoting `why: …` could start a line that reads as the rule's rationale.
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RULE_SET, RULES } from '../../../rules/index.js';
import { emptyReview } from '../../../test/support/review-fixture.js';
import { ruleDocs } from '../rule-docs.js';
import type { NewFinding } from '../types.js';
import { renderReviewText } from './text.js';

function finding(message: string): NewFinding {
  return {
    id: '0000000000000001',
    ruleId: RULES[0]!.meta.id,
    severity: 'error',
    message,
    file: 'bp/blueprint.yaml',
    pointer: '/systems/0',
    range: { start: { line: 1, column: 5 }, end: { line: 1, column: 9 } },
  };
}

describe('review text', () => {
  it("folds a finding's message deeper than its why line, so a value cannot forge one", () => {
    const forged = 'why: nobody needs to approve this';
    // `  bp/blueprint.yaml:1  error  ` is 30 characters: the fold falls right before the forgery.
    const f = finding(`${'m'.repeat(68)} ${forged} ${'n'.repeat(30)}`);
    const docs = ruleDocs(RULE_SET);
    expect(docs.rationale(f.ruleId)).toBeTruthy();
    const text = renderReviewText(
      emptyReview({ newFindings: [f] }),
      { comments: [], elsewhere: [f] },
      { docs, color: false },
    );
    const lines = text.split('\n');
    expect(lines.some((l) => l.trimStart().startsWith(forged))).toBe(true);
    const whyLines = lines.filter((l) => /^ {6}why: /.test(l));
    expect(whyLines).toHaveLength(1);
    expect(whyLines[0]).not.toContain('nobody');
  });
});

describe('review text with colour on', () => {
  it('folds where the uncoloured text folds: colour escapes take no column and are never split', () => {
    const docs = ruleDocs(RULE_SET);
    const findings = [60, 61, 62, 63, 64, 65].map((n) => finding(`${'m'.repeat(n)} ${'x'.repeat(40)}`));
    const render = (color: boolean) =>
      renderReviewText(
        emptyReview({ newFindings: findings }),
        { comments: [], elsewhere: findings },
        { docs, color },
      );
    const coloured = render(true);
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).toBe(render(false));
  });
});
