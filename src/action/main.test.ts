import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import type { NewFinding } from '../review/types.js';
import { ruleDocs } from '../review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import { emptyReview } from '../../test/support/review-fixture.js';
import {
  escapeCommand,
  escapeProperty,
  failingFindings,
  stepSummary,
  STEP_SUMMARY_LIMIT,
  workflowAnnotation,
} from './main.js';

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

  it('escapes workflow command data and properties', () => {
    expect(escapeCommand('50%\nnext\r')).toBe('50%25%0Anext%0D');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

describe('workflowAnnotation', () => {
  it('writes a finding as an escaped workflow command: repository text cannot end it or add one', () => {
    const f: Finding = {
      ...finding('error'),
      ruleId: 'topology/x',
      file: 'bp/a,b:c.yaml',
      message: 'Flow "x\n::warning::forged" uses 100% of it',
      range: { start: { line: 3, column: 1 }, end: { line: 5, column: 2 } },
    };
    expect(workflowAnnotation(f)).toBe(
      '::error file=bp/a%2Cb%3Ac.yaml,line=3,endLine=5,title=topology/x::Flow "x ::warning::forged" uses 100%25 of it',
    );
    // The log viewer obeys ANSI escapes: the message shows them instead (and hides nothing).
    expect(workflowAnnotation({ ...f, message: 'ok\u001b[8mhidden\u001b[0m\u200b' })).toMatch(
      /::ok\\x1b\[8mhidden\\x1b\[0m\\u200b$/,
    );
    expect(workflowAnnotation({ ...f, severity: 'info' })).toMatch(/^::notice /);
    expect(workflowAnnotation({ ...f, severity: 'warning' })).toMatch(/^::warning /);
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
