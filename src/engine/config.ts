import type { Severity } from '../core/finding.js';
import type { AnyRule } from './rule.js';
import { quoted } from './rule.js';

export type RuleLevel = Severity | 'off';

/** A rule's setting as written in config: `off`, a severity, or `[severity, options]`. */
export type RuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>];

export interface LintConfig {
  preset?: 'recommended' | 'strict';
  rules?: Record<string, RuleSetting>;
}

export interface EffectiveRule {
  rule: AnyRule;
  severity: Severity;
  options: Record<string, unknown>;
}

export type ConfigProblem =
  { kind: 'unknown-rule'; ruleId: string } | { kind: 'invalid-options'; ruleId: string; message: string };

export function describeConfigProblem(problem: ConfigProblem): string {
  switch (problem.kind) {
    case 'unknown-rule':
      return `rules: ${quoted(problem.ruleId)} is not a rule (see \`blueprint-review rules\`)`;
    case 'invalid-options':
      return `rules: options of ${quoted(problem.ruleId)} ${problem.message}`;
  }
}

export function levelOf(setting: RuleSetting): RuleLevel {
  return Array.isArray(setting) ? setting[0] : setting;
}

export function optionsOf(setting: RuleSetting): Record<string, unknown> | undefined {
  return Array.isArray(setting) ? setting[1] : undefined;
}
