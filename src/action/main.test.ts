import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import type { NewFinding } from '../review/types.js';
import { ruleDocs } from '../review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import { emptyReview } from '../../test/support/review-fixture.js';
import { failingFindings, failureSummary, passingLine, stepSummary, STEP_SUMMARY_LIMIT } from './main.js';

const finding = (severity: Finding['severity']): Finding => ({
  ruleId: 'x/y',
  severity,
  message: 'm',
  file: 'f',
  pointer: '',
  range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
});

describe('the Action step', () => {
  it('fails on new findings at or above fail-on, never with "never"', () => {
    const findings = [finding('error'), finding('warning'), finding('info')];
    expect(failingFindings(findings, 'error').map((f) => f.severity)).toEqual(['error']);
    expect(failingFindings(findings, 'warning').map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(failingFindings(findings, 'info')).toHaveLength(3);
    expect(failingFindings(findings, 'never')).toEqual([]);
  });

  it('says in its last log line what the review found and why that passes, in the check title’s words', () => {
    const newFinding = (severity: Finding['severity'], id: string): NewFinding => ({
      ...finding(severity),
      id,
    });
    expect(passingLine(emptyReview({ outcome: { kind: 'not-touched' } }), 'error')).toBe(
      'Blueprint review: No blueprint changes.',
    );
    expect(passingLine(emptyReview(), 'error')).toBe('Blueprint review: No new problems.');
    const warnings = emptyReview({ newFindings: [newFinding('warning', 'a'), newFinding('warning', 'b')] });
    expect(passingLine(warnings, 'error')).toBe(
      'Blueprint review: 2 warnings introduced; the step passes: none is at or above fail-on (error).',
    );
    // An error that passes only because nothing fails the step: never "none at or above never".
    const error = emptyReview({ newFindings: [newFinding('error', 'e')] });
    expect(passingLine(error, 'never')).toBe(
      'Blueprint review: 1 error introduced; the step passes: fail-on is never.',
    );
  });
});

describe('stepSummary', () => {
  it('fits the job summary GitHub takes (1 MiB) and still lists the errors, whatever the messages', () => {
    // 400 warnings quoting a long id in multi-byte characters: over 1 MiB, GitHub drops the whole
    // summary, and a fork's pull request (read-only token) had nowhere else to show them but the log.
    const warning = (i: number): NewFinding => ({
      ...finding('warning'),
      id: `w${i}`,
      ruleId: 'ownership/system-owner',
      message: `System \`${'é'.repeat(3_990)}${i}\` has no owner.`,
    });
    const error: NewFinding = { ...finding('error'), id: 'e', file: 'z.yaml', message: 'The one error.' };
    const review = emptyReview({
      newFindings: [...Array.from({ length: 400 }, (_, i) => warning(i)), error],
    });
    const summary = stepSummary(review, ruleDocs(RULE_SET));
    expect(summary.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toContain('The one error.');
    expect(summary).toMatch(/GitHub limits a summary's length: \d+ warnings are not listed here/);
  });
});

describe('failureSummary', () => {
  it('fits the job summary GitHub takes (1 MiB), the reason first, the cut said', () => {
    // An invalid config can have any number of problems, each quoting a value of up to a message's
    // length: over 1 MiB, GitHub shows none of the summary, not even why the review failed.
    const problems = Array.from({ length: 400 }, (_, i) => `rules: "${'é'.repeat(3_990)}${i}" is not a rule`);
    const summary = failureSummary('The configuration is invalid.', problems);
    expect(summary.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toContain('The configuration is invalid.');
    expect(summary).toMatch(/Truncated: \d+ more characters/);
  });
});
