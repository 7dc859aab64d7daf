import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuleDocs, rulePagePath } from '../../src/report/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import { LOAD_RULE_DESCRIPTIONS } from '../../src/load/diagnostics.js';
import { listMarkdown, RULE_DOCS_DIR, RULE_DOCS_INPUT } from '../support/rule-docs-input.js';

describe('docs/rules', () => {
  it('is exactly what the rule modules render (run `npm run docs:rules` after changing a rule)', async () => {
    const pages = await buildRuleDocs(RULE_DOCS_INPUT);
    expect(listMarkdown(RULE_DOCS_DIR).sort(), 'pages on disk').toEqual([...pages.keys()].sort());
    const stale = [...pages].filter(
      ([file, text]) => readFileSync(path.join(RULE_DOCS_DIR, file), 'utf8') !== text,
    );
    expect(
      stale.map(([file]) => file),
      'stale pages: run `npm run docs:rules`',
    ).toEqual([]);
  });

  it('has a page for every rule and load check, each listed in the index', async () => {
    const pages = await buildRuleDocs(RULE_DOCS_INPUT);
    const index = pages.get('README.md')!;
    for (const id of [...RULE_SET.rules.map((r) => r.meta.id), ...Object.keys(LOAD_RULE_DESCRIPTIONS)]) {
      expect(pages.has(rulePagePath(id)), id).toBe(true);
      expect(index).toContain(`](${rulePagePath(id)})`);
    }
  });

  it('shows each bad example with the finding it produces, and every good example', async () => {
    const pages = await buildRuleDocs(RULE_DOCS_INPUT);
    for (const rule of RULE_SET.rules) {
      const page = pages.get(rulePagePath(rule.meta.id))!;
      for (const example of rule.meta.examples.bad)
        expect(page).toContain(`### ❌ Bad: ${example.description}`);
      for (const example of rule.meta.examples.good)
        expect(page).toContain(`### ✅ Good: ${example.description}`);
      const findings = page.split('\n').filter((l) => /^- `[^`]+:\d+` \((error|warning|info)\): /.test(l));
      expect(findings.length, `${rule.meta.id}: a finding under each bad example`).toBeGreaterThanOrEqual(
        rule.meta.examples.bad.length,
      );
    }
  });
});
