import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { escapeCommand, escapeProperty, failingFindings, workflowAnnotation } from './main.js';

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
