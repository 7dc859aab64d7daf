import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { AnyRule, ExampleFiles } from '../../src/engine/rule.js';
import { CATEGORIES } from '../../src/engine/rule.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { RULES } from '../../rules/index.js';
import { lintWithRule } from '../support/rule-tester.js';

const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

/** Every rule module on disk: `rules/<category>/<name>.ts`, tests excluded. */
function ruleFiles(): { category: string; name: string; file: string }[] {
  return CATEGORIES.flatMap((category) => {
    const dir = path.join(RULES_DIR, category);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => ({ category, name: f.slice(0, -3), file: path.join(dir, f) }));
  });
}

describe('rule registry', () => {
  it('registers every rule module, once, sorted by id', async () => {
    const files = ruleFiles();
    const modules = await Promise.all(
      files.map(async (f) => ((await import(f.file)) as { default: AnyRule }).default),
    );
    expect(new Set(RULES).size).toBe(RULES.length);
    expect([...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id))).toEqual(RULES);
    for (const [i, rule] of modules.entries())
      expect(RULES.includes(rule), `${files[i]!.file} is registered in rules/index.ts`).toBe(true);
    expect(RULES).toHaveLength(modules.length);
  });

  it('lists at least 35 rules', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(35);
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });

  for (const rule of RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has an id <category>/<file name>, a test next to it and a docs page', () => {
        expect(CATEGORIES).toContain(meta.category);
        const [category, name, ...rest] = meta.id.split('/');
        expect(category).toBe(meta.category);
        expect(rest).toEqual([]);
        expect(existsSync(path.join(RULES_DIR, category!, `${name}.ts`)), 'module file').toBe(true);
        expect(existsSync(path.join(RULES_DIR, category!, `${name}.test.ts`)), 'test file').toBe(true);
        expect(existsSync(path.join(DOCS_DIR, category!, `${name}.md`)), 'docs page').toBe(true);
      });

      it('documents itself: description, rationale, sources, messages, examples', () => {
        expect(meta.description.trim().length).toBeGreaterThan(10);
        expect(meta.rationale.trim().length).toBeGreaterThan(40);
        expect(meta.sources.length).toBeGreaterThanOrEqual(1);
        expect(Object.keys(meta.messages).length).toBeGreaterThanOrEqual(1);
        expect(meta.examples.bad.length).toBeGreaterThanOrEqual(1);
        expect(meta.examples.good.length).toBeGreaterThanOrEqual(1);
        expect(['error', 'warning', 'info']).toContain(meta.severity);
      });

      it('has option defaults that validate against its options schema, each option described', () => {
        if (!meta.options) return;
        const validate = ajv.compile(meta.options.schema);
        expect(validate(meta.options.defaults) ? [] : validate.errors).toEqual([]);
        const properties = (meta.options.schema.properties ?? {}) as Record<string, { description?: string }>;
        for (const [name, schema] of Object.entries(properties))
          expect(schema.description, name).toBeTruthy();
        expect(Object.keys(meta.options.defaults as object).sort()).toEqual(Object.keys(properties).sort());
      });

      meta.examples.bad.forEach((example, i) =>
        it(`bad example ${i + 1} triggers it and loads cleanly: ${example.description}`, async () => {
          const findings = await lintWithRule(rule, example.files);
          expect(findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
          expect(findings.filter((f) => f.ruleId === meta.id).length).toBeGreaterThan(0);
        }),
      );

      meta.examples.good.forEach((example, i) =>
        it(`good example ${i + 1} does not trigger it and loads cleanly: ${example.description}`, async () => {
          const findings = await lintWithRule(rule, example.files);
          expect(findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
          expect(findings.filter((f) => f.ruleId === meta.id)).toEqual([]);
        }),
      );
    });
  }
});

describe('rule examples', () => {
  /** The rule tests skip contract validation for speed; here each distinct set of contracts is validated once. */
  it('use only valid OpenAPI and AsyncAPI contracts', async () => {
    const validator = createSchemaValidator();
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const rule of RULES) {
      for (const example of [...rule.meta.examples.bad, ...rule.meta.examples.good]) {
        const contracts = Object.entries(example.files).filter(([p]) => p.startsWith('contracts/'));
        const key = JSON.stringify(contracts);
        if (seen.has(key)) continue;
        seen.add(key);
        const files: ExampleFiles = { ...example.files };
        const result = await lintBlueprint(new InMemoryFileSource(files, 'example'), '', [], { validator });
        for (const f of result.findings)
          problems.push(
            `${rule.meta.id} "${example.description}": ${f.ruleId} ${f.file}:${f.range.start.line} ${f.message}`,
          );
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
