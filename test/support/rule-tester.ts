import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { AnyRule, ExampleFiles } from '../../src/engine/rule.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { expectInertFinding, MARK_START, poisonFiles } from './poison.js';

const validator = createSchemaValidator();

/** Lints a snapshot (blueprint at its root) with `rule` alone enabled; load findings are included. */
export async function lintWithRule(
  rule: AnyRule,
  files: ExampleFiles,
  options?: Record<string, unknown>,
): Promise<Finding[]> {
  const severity = rule.meta.severity;
  const effective = [
    { rule, severity, options: { ...(rule.meta.options?.defaults ?? {}), ...(options ?? {}) } },
  ];
  const result = await lintBlueprint(new InMemoryFileSource(files, 'example'), '', effective, {
    validator,
    // The example contracts are validated once in their own test; skipping here keeps the suite fast.
    validateContracts: false,
  });
  return result.findings;
}

export interface ValidCase {
  name: string;
  files: ExampleFiles;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  messageId?: string;
  /** Substring the message must contain. */
  message?: string;
  file?: string;
  line?: number;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

/**
 * ESLint's RuleTester, for blueprints: valid cases produce no finding of the rule (and no load
 * error), invalid cases produce exactly the listed findings, in order — and, run again with every
 * name they choose poisoned (test/support/poison.ts), keep each repository value in a message
 * inside one code span (DESIGN invariant 13), so a new rule's message cannot leave one bare.
 */
export function ruleTester(rule: AnyRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const findings = await lintWithRule(rule, c.files, c.options);
        expect(
          findings.filter((f) => f.ruleId.startsWith('schema/')),
          'example must load cleanly',
        ).toEqual([]);
        expect(findings.filter((f) => f.ruleId === rule.meta.id)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const findings = await lintWithRule(rule, c.files, c.options);
        expect(
          findings.filter((f) => f.ruleId.startsWith('schema/')),
          'example must load cleanly',
        ).toEqual([]);
        const own = findings.filter((f) => f.ruleId === rule.meta.id);
        expect(
          own.map((f) => f.message),
          'number of findings',
        ).toHaveLength(c.errors.length);
        c.errors.forEach((expected, i) => {
          const actual = own[i]!;
          if (expected.messageId) {
            const template = rule.meta.messages[expected.messageId];
            expect(template, `messageId ${expected.messageId} exists`).toBeDefined();
            expect(actual.message).toMatch(templateRegExp(template!));
          }
          if (expected.message) expect(actual.message).toContain(expected.message);
          if (expected.file) expect(actual.file).toBe(expected.file);
          if (expected.line) expect(actual.range.start.line).toBe(expected.line);
        });
      });
      it(`invalid, every name poisoned: ${c.name}`, async () => {
        const findings = await lintWithRule(rule, poisonFiles(c.files), c.options);
        for (const f of findings) if (f.message.includes(MARK_START)) expectInertFinding(f);
      });
    }
  });
}

function templateRegExp(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp('^' + parts.join('[\\s\\S]*') + '$');
}
