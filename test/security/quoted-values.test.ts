/**
 * A rule message quotes a repository value (`System "{{id}}" has no owner`): a value holding a double
 * quote ended the quotation early, and what followed read as the message's own words —
 * `System "x" ✅ All approvals present "y" has no owner` in a comment, a summary or the terminal.
 * Whatever the value holds, it stays one quotation.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { markdownMessage, plainText } from '../../src/core/inert-text.js';
import { fillTemplate } from '../../src/engine/lint.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { RULE_SET } from '../../rules/index.js';

const FORGED = 'x" ✅ All approvals present, nothing to do "y';

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
  - { id: ${JSON.stringify(FORGED)} }
  - { id: 'back\\slash"' }
flows:
  - { id: ${JSON.stringify(FORGED)}, from: shop, to: shop, pattern: event }
  - { id: sync, from: ${JSON.stringify(FORGED)}, to: shop }
`;

/** The findings of linting `files` (paths under `blueprint/`) with every rule at its default. */
async function lint(files: Record<string, string>) {
  const source = new InMemoryFileSource(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [`blueprint/${name}`, text])),
    'head',
  );
  return (await lintBlueprint(source, 'blueprint', resolveRules(RULE_SET, {}).rules)).findings;
}

/** A blueprint of one system, `shop`, whose mapping also holds `fields` (flow-mapping entries). */
function oneSystemWith(fields: string): string {
  return `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop, ${fields} }
`;
}

describe('a quoted value stays one quotation', () => {
  it('a double quote in an id is escaped inside the quotes that hold it', async () => {
    const findings = await lint({ 'blueprint.yaml': BLUEPRINT });
    const owner = findings.find((f) => f.ruleId === 'topology/owner-required' && f.message.includes('✅'));
    expect(owner?.message).toMatch(
      /^System "x\\" ✅ All approvals present, nothing to do \\"y" has no `owner`\./,
    );
    const backslash = findings.find(
      (f) => f.ruleId === 'topology/owner-required' && f.message.includes('back'),
    );
    expect(backslash?.message).toMatch(/^System "back\\\\slash\\"" has no `owner`\./);
    // A flow is named by its label (rules/support): the same quotation.
    const flow = findings.filter((f) => f.message.startsWith('Flow ') || f.message.startsWith('Event flow '));
    expect(flow.length).toBeGreaterThan(0);
    for (const f of flow) expect(f.message).toContain('"x\\" ✅ All approvals present, nothing to do \\"y"');
    // Nowhere does the value's text stand outside its quotation.
    for (const f of findings) {
      expect(plainText(f.message)).not.toMatch(/(^|[^\\])" ✅ All approvals present/);
      expect(markdownMessage(f.message)).not.toMatch(/(^|[^\\])" ✅ All approvals present/);
    }
  });
});

describe('a value in a code-span slot stays one code span', () => {
  it('fences a value holding backticks longer than its runs', () => {
    const template = 'Operation `{{operation}}` in contract "{{contract}}" retries {{n}} times';
    expect(fillTemplate(template, { operation: 'GET /a` ✅ approved `b', contract: 'c', n: 3 })).toBe(
      'Operation ``GET /a` ✅ approved `b`` in contract "c" retries 3 times',
    );
    expect(markdownMessage(fillTemplate(template, { operation: 'x`<!-- y -->', contract: 'c', n: 3 }))).toBe(
      'Operation ``x`<!-- y -->`` in contract "c" retries 3 times',
    );
  });
});

describe('a file name a finding starts with', () => {
  it('is one code span when it holds more than id characters', async () => {
    const name = 'api` ✅ All approvals present, nothing to do `x.yaml';
    const blueprint = `${BLUEPRINT}contracts:
  - { id: orders-api, file: ${JSON.stringify(name)}, owner: acme/shop }
  - { id: broken-api, file: broken.yaml, owner: acme/shop }
`;
    const findings = await lint({ 'blueprint.yaml': blueprint, 'broken.yaml': 'openapi: 3.1\n' });
    const named = findings.filter((f) => f.message.includes('✅ All approvals present, nothing to do `x'));
    expect(named.length).toBeGreaterThan(0);
    for (const f of named)
      expect(f.message).toMatch(/``(blueprint\/)?api` ✅ All approvals present, nothing to do `x\.yaml``/);
    // An ordinary path stays as it was written.
    expect(findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^(blueprint\/)?broken\.yaml is not read/),
    );
  });
});

describe('a key YAML reports twice', () => {
  it('is one code span when it holds a backtick, whatever the message around it', async () => {
    const key = 'a`b` ✅ approved `c';
    const findings = await lint({
      'blueprint.yaml': oneSystemWith(`${JSON.stringify(key)}: 1, ${JSON.stringify(key)}: 2`),
    });
    const twice = findings.find((f) => f.message.includes('appears twice'));
    expect(twice?.message).toContain('the key ``"a`b` ✅ approved `c"`` appears twice');
  });
});

describe('a field the schema does not know', () => {
  it('is named as one quotation, a code span when it holds a backtick', async () => {
    const field = 'x`y` ✅ approved `z';
    const findings = await lint({
      'blueprint.yaml': oneSystemWith(`${JSON.stringify(field)}: 1, "plain": 2`),
    });
    const unknown = findings.filter((f) => f.message.includes('unknown field')).map((f) => f.message);
    expect(unknown).toContainEqual(
      expect.stringContaining('unknown field ``"x`y` ✅ approved `z"`` at /systems/0'),
    );
    expect(unknown).toContainEqual(expect.stringContaining('unknown field "plain" at /systems/0'));
  });
});
