import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Severity } from '../core/finding.js';
import type { ConfigProblem, EffectiveRule, LintConfig, RuleLevel } from './config.js';
import { levelOf, optionsOf } from './config.js';
import type { AnyRule } from './rule.js';

/**
 * The options a rule takes, as a JSON Schema: its own, or none at all. One answer for the engine that
 * checks a config and the config schema that editors check it with (src/doc/config-schema.ts).
 */
export function optionsSchema(rule: AnyRule): Record<string, unknown> {
  return rule.meta.options?.schema ?? { type: 'object', additionalProperties: false };
}

/** A preset decides each rule's starting level; config overrides come on top. */
export type Preset = (rule: AnyRule) => RuleLevel;

export interface RuleSet {
  rules: readonly AnyRule[];
  presets: Readonly<Record<string, Preset>>;
}

/** Applies preset and overrides; every problem (unknown rule, bad options) is reported, none ignored. */
export function resolveRules(
  ruleSet: RuleSet,
  config: LintConfig = {},
): { rules: EffectiveRule[]; problems: ConfigProblem[] } {
  const preset = ruleSet.presets[config.preset ?? 'recommended'] ?? ((rule: AnyRule) => rule.meta.severity);
  const problems: ConfigProblem[] = [];
  const known = new Map(ruleSet.rules.map((r) => [r.meta.id, r]));
  for (const id of Object.keys(config.rules ?? {})) {
    if (!known.has(id)) problems.push({ kind: 'unknown-rule', ruleId: id });
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const rules: EffectiveRule[] = [];
  for (const rule of ruleSet.rules) {
    const setting = Object.prototype.hasOwnProperty.call(config.rules ?? {}, rule.meta.id)
      ? config.rules![rule.meta.id]!
      : undefined;
    const level = setting === undefined ? preset(rule) : levelOf(setting);
    if (level === 'off') continue;
    const given = setting === undefined ? undefined : optionsOf(setting);
    const options = { ...(rule.meta.options?.defaults ?? {}), ...(given ?? {}) };
    if (given !== undefined) {
      const validate = ajv.compile(optionsSchema(rule));
      if (!validate(options)) {
        problems.push({
          kind: 'invalid-options',
          ruleId: rule.meta.id,
          message: ajv.errorsText(validate.errors, { dataVar: '' }),
        });
        continue;
      }
    }
    rules.push({ rule, severity: level as Severity, options });
  }
  return { rules, problems };
}
