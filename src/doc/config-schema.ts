/**
 * The parts of schemas/config.schema.json that come from the rule registry, so editors complete what
 * exists: every rule id under `rules:` (with its default severity, what it finds and its options) and
 * the preset names. `npm run docs:schema` writes them; a test fails when the schema is stale. The
 * schema refuses what the config reader refuses (it validates with this file): an id no rule has, and
 * options a rule does not take — so an editor marks them as they are typed, not CI after the push.
 */
import type { AnyRule } from '../engine/rule.js';
import type { RuleSet } from '../engine/rule-set.js';
import { optionsSchema } from '../engine/rule-set.js';

type Schema = Record<string, unknown>;

/** The config schema with `rules.properties` and `preset.enum` generated from `ruleSet`. */
export function withRegistryCompletions(schema: Schema, ruleSet: RuleSet): Schema {
  const copy = structuredClone(schema);
  const properties = copy.properties as Record<string, Schema>;
  const presets = Object.keys(ruleSet.presets);
  properties.preset = { ...properties.preset, enum: presets };
  properties.rules = {
    ...properties.rules,
    properties: Object.fromEntries(ruleSet.rules.map((rule) => [rule.meta.id, ruleEntry(rule, ruleSet)])),
    // Closed by name (the entries' shape stays `additionalProperties`, which the reference documents).
    propertyNames: { enum: ruleSet.rules.map((rule) => rule.meta.id) },
  };
  return copy;
}

function ruleEntry(rule: AnyRule, ruleSet: RuleSet): Schema {
  const { meta } = rule;
  const presets = Object.entries(ruleSet.presets)
    .map(([name, preset]) => `\`${preset(rule)}\` in \`${name}\``)
    .join(', ');
  const options = meta.options?.schema;
  const optionNames = Object.keys((options?.properties as Schema | undefined) ?? {});
  return {
    description: `${meta.description} Default: ${meta.severity}.`,
    markdownDescription:
      `${meta.description}\n\nDefault severity: ${presets}.` +
      (optionNames.length > 0 ? ` Options: ${optionNames.map((n) => `\`${n}\``).join(', ')}.` : '') +
      `\n\nDocumentation: \`docs/rules/${meta.id}.md\` in the blueprint-review package.`,
    oneOf: [
      { $ref: '#/$defs/ruleLevel' },
      {
        type: 'array',
        prefixItems: [{ $ref: '#/$defs/ruleLevel' }, optionsSchema(rule)],
        items: false,
        minItems: 1,
      },
    ],
    examples:
      optionNames.length > 0 ? ['off', [meta.severity, meta.options!.defaults]] : ['off', meta.severity],
  };
}
