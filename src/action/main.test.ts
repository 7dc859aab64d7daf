import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { escapeCommand, escapeProperty, failingFindings } from './main.js';

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
