import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADER, withContracts } from '../../rules/examples.js';
import { RULE_SET } from '../../rules/index.js';
import { main } from '../cli/main.js';
import { InMemoryFileSource } from '../core/file-source.js';
import type { Finding } from '../core/finding.js';
import { lintBlueprint } from '../engine/lint-blueprint.js';
import { resolveRules } from '../engine/rule-set.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { buildSarifLog, FINGERPRINT_KEY, renderSarif, sarifRuleCatalog } from './sarif.js';

/*
 * The official SARIF 2.1.0 JSON Schema (draft-07 edition), from oasis-tcs/sarif-spec
 * `Schemata/sarif-schema-2.1.0.json` — no npm package ships it as a JSON file, so it is vendored under
 * test/fixtures/sarif/ (extracted unchanged from the copy bundled in @datadog/datadog-ci-plugin-sarif 5.25.0).
 */
const schema = JSON.parse(
  readFileSync(new URL('../../test/fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
}

const validator = createSchemaValidator();
const { rules } = resolveRules(RULE_SET);
const catalog = sarifRuleCatalog(RULE_SET.rules);

const FLOWS = `flows:
  - id: place-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
`;

async function lint(files: Record<string, string>): Promise<Finding[]> {
  const result = await lintBlueprint(new InMemoryFileSource(files, 'snapshot'), '', rules, {
    validator,
    validateContracts: false,
  });
  return result.findings;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRun {
  tool: { driver: { name: string; rules: Record<string, unknown>[] } };
  results: SarifResult[];
}
const runOf = (log: Record<string, unknown>) => (log.runs as SarifRun[])[0]!;

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema, with findings of lint and load rules', async () => {
    const findings = await lint(withContracts(`${HEADER}${FLOWS}`));
    const broken = await lint({ 'blueprint.yaml': 'apiVersion: [unclosed\n' });
    expect(findings.length).toBeGreaterThan(0);
    expect(broken.some((f) => f.ruleId === 'schema/yaml-syntax')).toBe(true);
    const log = buildSarifLog([...findings, ...broken], { rules: catalog, toolVersion: '1.2.3' });
    expectValidSarif(log);
  });

  it('validates with no findings at all', () => {
    expectValidSarif(buildSarifLog([], { rules: catalog, toolVersion: '1.2.3' }));
  });

  it('rejects what the schema forbids (the validator is not a rubber stamp)', () => {
    const log = buildSarifLog([], { rules: catalog, toolVersion: '1.2.3' });
    expect(validateSarif({ ...log, version: '2.0.0' })).toBe(false);
    const run = runOf(log);
    expect(validateSarif({ ...log, runs: [{ ...run, results: [{ level: 'fatal', message: {} }] }] })).toBe(
      false,
    );
  });

  it('names the tool version (driver.version and semanticVersion)', () => {
    const driver = runOf(buildSarifLog([], { rules: catalog, toolVersion: '1.2.3' })).tool.driver as Record<
      string,
      unknown
    >;
    expect(driver).toMatchObject({ name: 'blueprint-review', version: '1.2.3', semanticVersion: '1.2.3' });
  });

  it('without a docs address, links nowhere: the help is inline and names the page shipped in the package', () => {
    const log = buildSarifLog([], { rules: catalog, toolVersion: '1.2.3' });
    expectValidSarif(log);
    expect(JSON.stringify(log)).not.toMatch(/"(helpUri|informationUri)"/);
    const rule = runOf(log).tool.driver.rules.find((r) => r.id === 'topology/flow-without-contract')!;
    expect(rule).toMatchObject({
      help: {
        text: expect.stringContaining(
          'docs/rules/topology/flow-without-contract.md in the blueprint-review package',
        ),
        markdown: expect.not.stringContaining(']('),
      },
    });
  });

  it('describes every rule with help text, a help URI to its doc and a default level', () => {
    const run = runOf(
      buildSarifLog([], {
        rules: catalog,
        toolVersion: '1.2.3',
        docsUrl: 'https://ghe.example/org/br/blob/v1/docs',
      }),
    );
    expect((run.tool.driver as Record<string, unknown>).informationUri).toBe(
      'https://ghe.example/org/br/blob/v1/docs',
    );
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toContain('topology/flow-without-contract');
    expect(ids).toContain('schema/yaml-syntax');
    const rule = run.tool.driver.rules.find((r) => r.id === 'topology/flow-without-contract')!;
    expect(rule).toMatchObject({
      shortDescription: { text: expect.stringContaining('names the contract') },
      fullDescription: { text: expect.stringContaining('no agreed schema') },
      help: {
        text: expect.stringContaining('Zalando'),
        markdown: expect.stringContaining('[Rule documentation]'),
      },
      helpUri: 'https://ghe.example/org/br/blob/v1/docs/rules/topology/flow-without-contract.md',
      defaultConfiguration: { level: 'error' },
    });
  });

  it('scores security rules for GitHub (security-severity) and only those', () => {
    const rules = runOf(buildSarifLog([], { rules: catalog, toolVersion: '1.2.3' })).tool.driver.rules as {
      id: string;
      properties: Record<string, unknown>;
    }[];
    const security = rules.filter((r) => r.id.startsWith('security/'));
    expect(security.length).toBeGreaterThan(0);
    for (const r of security) expect(r.properties['security-severity']).toMatch(/^\d+\.\d$/);
    const topology = rules.find((r) => r.id === 'topology/flow-without-contract')!;
    expect(topology.properties['security-severity']).toBeUndefined();
  });

  it('locates results in repository-relative files with line/column regions and a matching ruleIndex', async () => {
    const findings = await lint(withContracts(`${HEADER}${FLOWS}`));
    const run = runOf(buildSarifLog(findings, { rules: catalog, toolVersion: '1.2.3' }));
    expect(run.results).toHaveLength(findings.length);
    const first = run.results[0]!;
    const finding = findings[0]!;
    expect(first.ruleId).toBe(finding.ruleId);
    expect(run.tool.driver.rules[first.ruleIndex]!.id).toBe(first.ruleId);
    expect(first.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[finding.severity]);
    expect(first.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'blueprint.yaml', uriBaseId: '%SRCROOT%' },
      region: {
        startLine: finding.range.start.line,
        startColumn: finding.range.start.column,
        endLine: finding.range.end.line,
        endColumn: finding.range.end.column,
      },
    });
    expect(finding.range.start.line).toBeGreaterThan(1);
  });

  it('stays within what code scanning accepts: 25,000 results, errors first, and messages of bounded length', () => {
    // Code scanning rejects a whole run of more than 25,000 results (a hard limit): a pull request
    // adding 30,000 findings would have left code scanning with none of them, its one error included.
    const finding = (
      i: number,
      severity: Finding['severity'],
      message = `System s${i} has no owner.`,
    ): Finding => ({
      ruleId: 'ownership/system-owner',
      severity,
      message,
      file: 'blueprint.yaml',
      pointer: `/systems/${i}`,
      range: { start: { line: i + 2, column: 3 }, end: { line: i + 2, column: 9 } },
    });
    const findings = [
      ...Array.from({ length: 30_000 }, (_, i) => finding(i, 'warning')),
      finding(30_000, 'error', `System \`${'@acme/x '.repeat(25_000)}\` has no owner.`),
    ];
    const log = buildSarifLog(findings, { rules: catalog, toolVersion: '1.2.3' });
    const run = runOf(log) as SarifRun & {
      invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    };
    expect(run.results).toHaveLength(25_000);
    const error = run.results.find((r) => r.level === 'error')!;
    expect(error.message.text.length).toBeLessThan(5_000);
    expect(run.invocations[0]!.toolExecutionNotifications[0]!.message.text).toMatch(
      /^5001 findings \(5001 warnings\) are left out/,
    );
    // What is kept keeps the fingerprint it has in a complete log.
    const whole = runOf(buildSarifLog(findings.slice(0, 3), { rules: catalog, toolVersion: '1.2.3' }));
    expect(run.results[0]!.partialFingerprints).toEqual(whole.results[0]!.partialFingerprints);
    expectValidSarif({ ...log, runs: [{ ...run, results: run.results.slice(0, 10) }] });
  });

  it('maps info to note, percent-encodes paths and gives unknown rules a descriptor', () => {
    const finding: Finding = {
      ruleId: 'diff/removed-operation',
      severity: 'info',
      message: 'x',
      file: 'blue prints/a#b.yaml',
      pointer: '',
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
    const log = buildSarifLog([finding], { rules: catalog, toolVersion: '1.2.3' });
    expectValidSarif(log);
    const run = runOf(log);
    const result = run.results[0]!;
    expect(result.level).toBe('note');
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('blue%20prints/a%23b.yaml');
    expect(result.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe('diff/removed-operation');
  });

  it('keeps fingerprints when unrelated lines are inserted above a finding', async () => {
    const before = await lint(withContracts(`${HEADER}${FLOWS}`));
    // Comments and blank lines move every finding down without changing what it is about.
    const after = await lint(withContracts(`# A comment\n\n# and another\n${HEADER}\n${FLOWS}`));
    const prints = (fs: Finding[]) =>
      runOf(buildSarifLog(fs, { rules: catalog, toolVersion: '1.2.3' })).results.map(
        (r) => r.partialFingerprints[FINGERPRINT_KEY],
      );
    expect(after.map((f) => f.range.start.line)).not.toEqual(before.map((f) => f.range.start.line));
    expect(prints(after)).toEqual(prints(before));
  });

  it('gives different findings different fingerprints, and duplicates distinct ones', async () => {
    const findings = await lint(withContracts(`${HEADER}${FLOWS}`));
    const run = runOf(buildSarifLog([...findings, findings[0]!], { rules: catalog, toolVersion: '1.2.3' }));
    const prints = run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
  });
});

describe('blueprint-review lint --format sarif', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sarif-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a valid SARIF log and keeps the exit code of the findings', async () => {
    mkdirSync(path.join(dir, '.git'));
    for (const [file, text] of Object.entries(withContracts(`${HEADER}${FLOWS}`))) {
      mkdirSync(path.dirname(path.join(dir, 'bp', file)), { recursive: true });
      writeFileSync(path.join(dir, 'bp', file), text);
    }
    let out = '';
    const code = await main(['lint', 'bp', '--format', 'sarif'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      cwd: dir,
      isTTY: false,
    });
    expect(code).toBe(1);
    const log = JSON.parse(out) as Record<string, unknown>;
    expectValidSarif(log);
    expect(runOf(log).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'bp/blueprint.yaml',
    );
    expect(renderSarif([], { rules: catalog, toolVersion: '1.2.3' }).endsWith('\n')).toBe(true);
  });
});

/**
 * GitHub shows only the first sentence of a result's message where space is short (the alert list,
 * an annotation's title). A message quotes repository values, and a value holding `. ` ended that
 * sentence inside itself: `System `shop. Approved by @acme/security` has no owner.` showed as
 * "System `shop." — or, with a longer value, words of the value that read as ours. The message
 * starts with the rule's own description, one fixed sentence; the finding's words follow it.
 */
describe('SARIF message: the first sentence is the rule’s own', () => {
  /** The first sentence, as a viewer that shows only it would cut the text. */
  const firstSentence = (text: string) => /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  const rule = catalog.find((r) => r.id === 'topology/owner-required')!;
  const message = 'System `shop. All approvals present. Merge` has no owner.';
  const finding: Finding = {
    ruleId: rule.id,
    severity: 'error',
    message,
    file: 'blueprint.yaml',
    pointer: '/systems/0',
    range: { start: { line: 3, column: 3 }, end: { line: 3, column: 9 } },
  };

  it('is the rule’s description, whatever sentence a value holds; the whole message follows', () => {
    const text = runOf(buildSarifLog([finding], { rules: catalog, toolVersion: '1.2.3' })).results[0]!.message
      .text;
    expect(firstSentence(text)).toBe(rule.description);
    expect(text).toBe(`${rule.description} ${message}`);
  });

  it('is a rule’s whole description: none holds a sentence end before its last character', () => {
    for (const r of catalog) expect(firstSentence(r.description), r.id).toBe(r.description);
  });

  it('of a rule outside the catalogue is a sentence of ours too', () => {
    const text = runOf(
      buildSarifLog([{ ...finding, ruleId: 'other/x' }], { rules: catalog, toolVersion: '1.2.3' }),
    ).results[0]!.message.text;
    expect(firstSentence(text)).toBe('Findings of other/x.');
  });
});
