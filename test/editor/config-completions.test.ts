/**
 * What an editor offers while writing `.github/blueprint-review.yml` and the blueprint files: every
 * rule id and preset from the registry (generated; a test fails when the schema is stale), and
 * defaults and examples that are themselves valid.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { withRegistryCompletions } from '../../src/doc/config-schema.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { parse } from 'yaml';
import { resolveRules } from '../../src/engine/rule-set.js';
import { parseConfig } from '../../src/load/load-config.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { RULE_SET } from '../../rules/index.js';

type Schema = Record<string, unknown>;
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8')) as Schema;
const FILES = ['blueprint.schema.json', 'policies.schema.json', 'config.schema.json'];
const config = read('config.schema.json');
const ruleProperties = (config.properties as Record<string, Schema>).rules!.properties as Record<
  string,
  Schema
>;

/** Every `default` and `examples` entry, with the JSON pointer of the schema that carries it. */
function annotated(node: unknown, pointer = ''): { pointer: string; value: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => annotated(item, `${pointer}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const out: { pointer: string; value: unknown }[] = [];
  const record = node as Schema;
  if ('default' in record) out.push({ pointer, value: record.default });
  if (Array.isArray(record.examples)) for (const value of record.examples) out.push({ pointer, value });
  for (const [key, value] of Object.entries(record)) {
    if (key === 'default' || key === 'examples' || key === 'enum' || key === 'const') continue;
    out.push(...annotated(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return out;
}

describe('editor completion in the config schema', () => {
  it('is generated from the rule registry (run `npm run docs:schema` after adding a rule or preset)', () => {
    expect(withRegistryCompletions(config, RULE_SET)).toEqual(config);
  });

  it('offers every rule id under rules:, with what it finds, its default severity and its options', () => {
    expect(Object.keys(ruleProperties).sort()).toEqual(RULE_SET.rules.map((r) => r.meta.id).sort());
    const retries = ruleProperties['error-handling/retries-without-circuit-breaker']!;
    expect(retries.markdownDescription).toMatch(/Default severity: `\w+` in `recommended`/);
    expect(JSON.stringify(retries.oneOf)).toContain('"prefixItems"');
  });

  it('offers the presets the registry defines', () => {
    const preset = (config.properties as Record<string, Schema>).preset!;
    expect(preset.enum).toEqual(Object.keys(RULE_SET.presets));
    expect(preset.default).toBe('recommended');
  });

  /**
   * The editor's verdict (the schema file alone, as yaml-language-server checks it) and the config
   * reader's (the schema, then the rule registry: ids, options) agree, both ways, key by key.
   */
  const CONFIGS: readonly { config: string; valid: boolean }[] = [
    { config: 'preset: strict', valid: true },
    { config: 'preset: lenient', valid: false },
    { config: 'rules:\n  topology/orphan-system: off', valid: true },
    { config: 'rules:\n  topology/orphan-system: [warning]', valid: true },
    { config: 'rules:\n  topology/orphan-system: [warning, {}]', valid: true },
    { config: 'rules:\n  topology/orphan-system: loud', valid: false },
    { config: 'rules:\n  topology/no-such-rule: off', valid: false },
    { config: 'rules:\n  topology/orphan-system: [warning, { bogus: 1 }]', valid: false },
    {
      config: 'rules:\n  error-handling/retries-without-circuit-breaker: [warning, { bogus: 1 }]',
      valid: false,
    },
    { config: 'blueprints: [blueprints/*]', valid: true },
    { config: 'blueprints: blueprints/*', valid: false },
    { config: 'review: { maxLineComments: 0 }', valid: true },
    { config: 'review: { maxLineComments: -1 }', valid: false },
    { config: 'limits: { maxFileBytes: 1 }', valid: false },
    { config: 'limits: { maxFiles: 10 }', valid: true },
    { config: 'diff: { unstableLevels: [alpha] }', valid: true },
    { config: 'signoff: { teams: { security: acme/sec } }', valid: true },
    { config: 'signoff: { teams: { security: not-a-team } }', valid: false },
    { config: '_extends: .github', valid: true },
    { config: 'rulez: {}', valid: false },
  ];

  it('refuses in the editor exactly what the config reader refuses', () => {
    const editor = new Ajv2020({ strict: false, allErrors: true }).compile(config);
    const validator = createSchemaValidator();
    const verdicts = CONFIGS.map(({ config: text }) => {
      const read = parseConfig('.github/blueprint-review.yml', text, validator);
      const reader = read.kind === 'ok' && resolveRules(RULE_SET, read.config).problems.length === 0;
      return { config: text, editor: editor(parse(text)), reader };
    });
    expect(verdicts).toEqual(
      CONFIGS.map(({ config: text, valid }) => ({ config: text, editor: valid, reader: valid })),
    );
  });

  it('gives the limits the defaults the loader applies', () => {
    const limits = ((config.properties as Record<string, Schema>).limits!.properties ?? {}) as Record<
      string,
      Schema
    >;
    for (const [name, value] of Object.entries(DEFAULT_LIMITS))
      expect(limits[name]!.default, name).toBe(value);
  });
});

describe('defaults, examples and Markdown descriptions in every schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const file of FILES) ajv.addSchema(read(file), file);

  for (const file of FILES) {
    it(`${file}: has Markdown descriptions, and every default and example is valid where it stands`, () => {
      const schema = read(file);
      expect(JSON.stringify(schema)).toContain('"markdownDescription"');
      const values = annotated(schema);
      expect(values.length).toBeGreaterThan(3);
      const invalid = values.filter(({ pointer, value }) => {
        const validate = ajv.getSchema(`${file}#${pointer}`);
        return validate === undefined || !validate(value);
      });
      expect(invalid).toEqual([]);
    });
  }
});
