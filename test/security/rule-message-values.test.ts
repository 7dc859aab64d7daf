/**
 * Every lint rule's message, with repository values that try to break out of it: each rule's bad
 * examples are linted again with every name they choose poisoned (test/support/poison.ts). In every
 * message of every output (the JSON's raw message, the text output's line, SARIF's text, the
 * Markdown), a real Markdown parser must find each value whole inside one code span, and nothing of
 * it outside: a backtick in an id cannot end a quotation or a span and leave the rest to read as the
 * tool's own words. Load and schema findings on the same files are held to the same. Every
 * registered rule is here (the registry test makes every rule module registered), and the rule
 * tester repeats the check on each invalid case of each rule's own tests.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { expectInertFinding, MARK_START, poisonFiles } from '../support/poison.js';
import { lintWithRule } from '../support/rule-tester.js';

const CASES = RULES.flatMap((rule) =>
  rule.meta.examples.bad.map((example, i) => ({ name: `${rule.meta.id} #${i + 1}`, rule, example })),
);

describe('a repository value in a lint message stays one code span', () => {
  it('tries every rule', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(RULES));
  });

  it.each(CASES)('$name', async ({ rule, example }) => {
    const clean = await lintWithRule(rule, example.files);
    const hostile = await lintWithRule(rule, poisonFiles(example.files));
    // Poisoning renames consistently: the rule finds what it found before.
    const own = hostile.filter((f) => f.ruleId === rule.meta.id);
    expect(own.length).toBe(clean.filter((f) => f.ruleId === rule.meta.id).length);
    for (const f of hostile) if (f.message.includes(MARK_START)) expectInertFinding(f);
    // The rule's own message names a poisoned value: its message builder was tried.
    expect(
      own.some((f) => f.message.includes(MARK_START)),
      JSON.stringify(own.map((f) => f.message)),
    ).toBe(true);
  });
});
