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
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Finding } from '../../src/core/finding.js';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { renderArchitectureMarkdown } from '../../src/doc/markdown.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { renderLintMarkdown } from '../../src/report/markdown.js';
import { renderSarif, sarifRuleCatalog } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { RULE_SET, RULES } from '../../rules/index.js';
import { expectInertFinding, MARK, MARK_START, poisonFiles } from '../support/poison.js';
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

/** The raw text of every token outside code spans and code blocks: what GitHub would render. */
function outsideCode(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.type === 'codespan' || t.type === 'code') continue;
    if (t.type === 'table') {
      const table = t as unknown as { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
      for (const cell of [...table.header, ...table.rows.flat()]) out += outsideCode(cell.tokens) + ' ';
    } else if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length > 0) out += outsideCode(t.tokens);
    else if (t.type === 'list') out += outsideCode((t as unknown as { items: Token[] }).items);
    else out += t.raw;
  }
  return out;
}

/** The text of every code span, in table cells too (where GFM unescapes `\\|` in them). */
function codeSpansOf(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'codespan') out.push((t as Tokens.Codespan).text);
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) out.push(...codeSpansOf(cell.tokens));
    } else if ('tokens' in t && Array.isArray(t.tokens)) out.push(...codeSpansOf(t.tokens));
  }
  return out;
}

describe('the renderers, on every poisoned finding of every rule', () => {
  it('Markdown, text and SARIF keep the values inert', async () => {
    const findings: Finding[] = [];
    for (const { rule, example } of CASES)
      findings.push(...(await lintWithRule(rule, poisonFiles(example.files))));
    const poisoned = findings.filter((f) => f.message.includes(MARK_START));
    expect(poisoned.length).toBeGreaterThan(CASES.length);

    const markdown = renderLintMarkdown(poisoned, ['']);
    const outside = outsideCode(marked.lexer(markdown, { gfm: true }));
    expect(outside).toContain('Blueprint');
    for (const piece of ['<!--', '@x']) expect(outside).not.toContain(piece);

    // The mark's line break never starts a line of the text output.
    const text = renderText(poisoned);
    expect(text).toContain('q`w``e|<!--@x z');
    expect(text).not.toMatch(/^z/m);

    const sarif = JSON.parse(
      renderSarif(poisoned, { rules: sarifRuleCatalog(RULES), toolVersion: '0.0.0' }),
    ) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    for (const r of sarif.runs[0]!.results) {
      expect(r.message.text).not.toContain('\n');
      expect(r.message.text, 'SARIF embedded link').not.toMatch(/(?<!\\)[[\]]/);
    }
  }, 60_000);
});

describe('the prose of poisoned ADRs: titles, decisions, context, status', () => {
  const withAdrs = CASES.filter(({ example }) =>
    Object.keys(example.files).some((p) => p.startsWith('adr/')),
  );

  it('stays inert in the architecture document, where it is shown', async () => {
    expect(withAdrs.length).toBeGreaterThan(3);
    for (const { name, example } of withAdrs) {
      const { model, findings } = await lintBlueprint(
        new InMemoryFileSource(poisonFiles(example.files)),
        '',
        resolveRules(RULE_SET, {}).rules,
      );
      const markdown = renderArchitectureMarkdown(model!, findings);
      const outside = outsideCode(marked.lexer(markdown, { gfm: true }));
      // The ADR's title and its decision reached the document.
      expect(outside, name).toMatch(/Use Kafka for order/);
      expect(outside, name).toMatch(/Chosen option/);
      for (const piece of ['<!--', '@x']) expect(outside, name).not.toContain(piece);
      // A finding's message keeps each value it names whole in one code span there too (a validator's
      // words may have dropped the line break: `…<!--@xz`).
      const table = markdown.slice(markdown.indexOf('## Open findings'));
      const spans = codeSpansOf(marked.lexer(table, { gfm: true })).filter((c) => c.includes(MARK_START));
      expect(spans.length, name).toBeGreaterThan(0);
      for (const span of spans) expect(span, `${name}: ${table}`).toMatch(/^[^]*q`w``e\|<!--@x ?z[^]*$/);
      const inSpans = spans.reduce((n, c) => n + c.split(MARK_START).length - 1, 0);
      expect(inSpans, `${name}: ${table}`).toBe(table.split(MARK_START).length - 1);
    }
  }, 60_000);
});

describe('a contract the validators reject, quoting its poisoned names', () => {
  // The validators' own words quote what they failed on: the AsyncAPI parser a `$ref` that does not
  // resolve (`'#/channels/x' does not exist`), the OpenAPI schema a path into the document.
  it('keeps each name in one code span', async () => {
    const rule = RULES.find((r) => r.meta.id === 'topology/unknown-operation')!;
    const files = poisonFiles(rule.meta.examples.bad[0]!.files);
    for (const [path, text] of Object.entries(files)) {
      if (path.includes('.openapi.'))
        files[path] = text.replace('paths:', `paths:\n  ${JSON.stringify(`bad${MARK}`)}: 1`);
      if (path.includes('.asyncapi.'))
        files[path] = text.replace(
          /\$ref: "#\/components\/messages\//,
          `$ref: "#/components/messages/missing`,
        );
    }
    const { findings } = await lintBlueprint(
      new InMemoryFileSource(files),
      '',
      resolveRules(RULE_SET, {}).rules,
    );
    const invalid = findings.filter(
      (f) => f.ruleId === 'schema/contract-invalid' && f.message.includes(MARK_START.slice(0, 3)),
    );
    expect([...new Set(invalid.map((f) => f.file))].sort()).toEqual(
      Object.keys(files)
        .filter((p) => p.startsWith('contracts/'))
        .sort(),
    );
    for (const f of findings) if (f.message.includes(MARK_START.slice(0, 3))) expectInertFinding(f);
  }, 120_000);
});

describe('a contract the blueprint names but the loader cannot read', () => {
  // Missing, or outside the repository: the finding names the contract and its file.
  it('keeps the contract id and the file in one code span each', async () => {
    const rule = RULES.find((r) => r.meta.id === 'topology/unknown-operation')!;
    const files = poisonFiles(rule.meta.examples.bad[0]!.files);
    const openapi = Object.keys(files).find((p) => p.includes('.openapi.'))!;
    const asyncapi = Object.keys(files).find((p) => p.includes('.asyncapi.'))!;
    delete files[openapi];
    // YAML is a superset of JSON: the blueprint written back as JSON, one contract's file moved out.
    const blueprint = parse(files['blueprint.yaml']!) as { contracts: { file: string }[] };
    for (const c of blueprint.contracts) if (c.file === asyncapi) c.file = `../outside${MARK}.yaml`;
    files['blueprint.yaml'] = JSON.stringify(blueprint);
    const { findings } = await lintBlueprint(
      new InMemoryFileSource(files),
      '',
      resolveRules(RULE_SET, {}).rules,
    );
    const unread = findings.filter(
      (f) => f.ruleId === 'schema/missing-file' || f.ruleId === 'schema/unsafe-path',
    );
    expect(unread.map((f) => f.ruleId).sort()).toEqual(['schema/missing-file', 'schema/unsafe-path']);
    for (const f of unread) expectInertFinding(f);
  });
});
