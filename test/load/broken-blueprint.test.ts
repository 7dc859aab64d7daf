/**
 * A blueprint file that does not parse (or is not a blueprint at all) gives one clear finding at
 * the right line, and nothing else is judged on it: lint reports that one finding, the review does
 * not call every element removed, and the sign-off fails closed with that one reason instead of
 * asking every owner.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskFileSource } from '../../src/adapters/disk-file-source.js';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { RULE_SET } from '../../rules/index.js';
import { exampleFiles } from '../support/example-files.js';
import { BASE_FILES, edit, runScenario } from '../signoff/fixtures.js';
import type { Files } from '../signoff/fixtures.js';
import { snapshotReview } from '../support/review-fixture.js';

const RULES = resolveRules(RULE_SET, {}).rules;

const EXAMPLE = exampleFiles();
const BLUEPRINT = 'blueprint/blueprint.yaml';
/** The example with one `]` deleted: `consumers: [order-service` on the line returned. */
function unclosedBracket(files: Files): { files: Files; line: number } {
  const text = files[BLUEPRINT]!;
  const target = '    consumers: [order-service]\n';
  const at = text.indexOf(target);
  expect(at).toBeGreaterThan(0);
  return {
    files: { ...files, [BLUEPRINT]: text.replace(target, '    consumers: [order-service\n') },
    line: text.slice(0, at).split('\n').length,
  };
}

describe('a blueprint.yaml that does not parse', () => {
  it('lint: exactly one finding, at the line of the unclosed `[`, in plain words', async () => {
    const { files, line } = unclosedBracket(EXAMPLE);
    const result = await lintBlueprint(new InMemoryFileSource(files), 'blueprint', RULES);
    expect(result.model).toBeUndefined();
    expect(result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([
      `${BLUEPRINT}:${line} schema/yaml-syntax ${BLUEPRINT} does not parse: the list opened here with \`[\` is never closed with \`]\``,
    ]);
  });

  it('review of a head that does not parse: that one finding, nothing removed, nobody affected, failure', async () => {
    const { files: head, line } = unclosedBracket(EXAMPLE);
    const review = await reviewPullRequest(snapshotReview(EXAMPLE, head));
    expect(review.newFindings.map((f) => `${f.range.start.line} ${f.ruleId}`)).toEqual([
      `${line} schema/yaml-syntax`,
    ]);
    expect(review).toMatchObject({
      contracts: [],
      flows: [],
      owners: [],
      additions: [],
      conclusion: 'failure',
    });
    expect(review.touched).toEqual({ flows: [], systems: [] });
  });

  it('review of a base that does not parse: fails closed with that reason only', async () => {
    const { files: base, line } = unclosedBracket(EXAMPLE);
    const head = { ...EXAMPLE, [BLUEPRINT]: EXAMPLE[BLUEPRINT]!.replace('name: order-to-cash', 'name: o2c') };
    const review = await reviewPullRequest(snapshotReview(base, head));
    expect(review.newFindings).toHaveLength(1);
    expect(review.newFindings[0]).toMatchObject({ side: 'base', severity: 'error' });
    expect(review.newFindings[0]!.message).toContain('does not load on the base branch');
    expect(review.newFindings[0]!.message).toContain(`${BLUEPRINT}:${line}`);
    expect(review).toMatchObject({ contracts: [], owners: [], conclusion: 'failure' });
  });

  it('sign-off: fails closed with that one reason and asks nobody', async () => {
    const head = edit(BASE_FILES, 'blueprint/blueprint.yaml', [
      ['    consumers: [billing]\n', '    consumers: [billing\n'],
    ]);
    const { decision } = await runScenario({ head });
    expect(decision.state).toBe('failure');
    expect(decision.problems).toEqual([
      expect.stringMatching(
        /^The blueprint in `blueprint` does not load at the head: .*never closed with `\]` \(`blueprint\/blueprint\.yaml:\d+`\)\.$/,
      ),
    ]);
    expect(decision.rules).toEqual([]);
    expect(decision.reviewRequests).toEqual({ users: [], teams: [] });
  });
});

describe('files that are not blueprints, or hold values of the wrong kind', () => {
  const lint = (files: Files) => lintBlueprint(new InMemoryFileSource(files), 'blueprint', RULES);

  it('a blueprint.yaml that is a list (or a string, or empty) is one finding and no model', async () => {
    for (const [text, what] of [
      ['- a\n- b\n', 'a list'],
      ['just words\n', 'a single string value'],
      ['', 'empty'],
    ]) {
      const result = await lint({ [BLUEPRINT]: text! });
      expect(result.model).toBeUndefined();
      expect(result.findings.map((f) => f.message)).toEqual([
        `${BLUEPRINT} is ${what}; it must be a mapping with apiVersion, kind: Blueprint, metadata, systems, flows, ….`,
      ]);
    }
  });

  it('a policies file that does not parse leaves no half model behind (no phantom "unknown policy")', async () => {
    const files = {
      ...EXAMPLE,
      'blueprint/policies/error-handling.yaml': EXAMPLE['blueprint/policies/error-handling.yaml']!.replace(
        /\n/,
        '\n  broken: [\n',
      ),
    };
    const result = await lint(files);
    expect(result.model).toBeUndefined();
    expect(result.findings.map((f) => f.ruleId)).toEqual(['schema/yaml-syntax']);
  });

  it('owner: 12345, id: [orders] and pattern: {…} are refused by the schema and never reach the model as non-strings', async () => {
    const result = await lint({
      [BLUEPRINT]: `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: t, owner: 12345, title: [x] }
systems:
  - { id: a, owner: 12345, name: { first: x } }
  - { id: [orders], owner: acme/b }
  - { id: b, owner: acme/b }
flows:
  - { id: f, from: a, to: b, pattern: { x: 1 }, regulated: [PCI, 7, { a: 1 }], via: 5 }
`,
    });
    const model = result.model!;
    expect(model.systems.map((s) => s.id)).toEqual(['a', 'b']);
    expect(model.systems[0]!.owner).toBeUndefined();
    expect(model.systems[0]!.name).toBeUndefined();
    expect(model.owner).toBeUndefined();
    expect(model.title).toBeUndefined();
    const flow = model.flows[0]!;
    expect(flow.pattern).toBeUndefined();
    expect(flow.via).toBeUndefined();
    expect(flow.regulated).toEqual(['PCI']);
    for (const f of result.findings) expect(f.message).not.toMatch(/\[object Object\]|12345/);
    const schema = result.findings.filter((f) => f.ruleId === 'schema/invalid').map((f) => f.message);
    expect(schema).toContain(`${BLUEPRINT}: /systems/0/owner must be a string, not a number`);
    expect(schema).toContain(`${BLUEPRINT}: /systems/1/id must be a string, not a list`);
  });
});

describe('files that cannot be read say what they are', () => {
  const CONTRACT_ENTRY = (file: string) => `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: t, owner: acme/a }
systems:
  - { id: a, owner: acme/a }
contracts:
  - { id: api, file: ${file}, owner: acme/a, provider: a }
`;

  it('a symbolic link to /dev/zero, a FIFO, a directory: schema/not-a-file, named, at the registry entry', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bpr-odd-'));
    mkdirSync(path.join(root, 'bp/contracts'), { recursive: true });
    symlinkSync('/dev/zero', path.join(root, 'bp/contracts/zero.yaml'));
    execFileSync('mkfifo', [path.join(root, 'bp/contracts/pipe.yaml')]);
    mkdirSync(path.join(root, 'bp/contracts/dir.yaml'));
    for (const [file, what] of [
      ['contracts/zero.yaml', 'a symbolic link to a path outside the repository'],
      ['contracts/pipe.yaml', 'a FIFO (named pipe)'],
      ['contracts/dir.yaml', 'a directory'],
    ]) {
      writeFileSync(path.join(root, 'bp/blueprint.yaml'), CONTRACT_ENTRY(file!));
      const result = await lintBlueprint(new DiskFileSource(root), 'bp', RULES);
      const found = result.findings.filter((f) => f.ruleId.startsWith('schema/'));
      expect(found.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line} ${f.message}`)).toEqual([
        `schema/not-a-file bp/blueprint.yaml:7 bp/${file} is ${what}; only regular files in the repository are read.`,
      ]);
    }
  });

  it('a file over limits.maxFiles is schema/too-many-files, not "missing"', async () => {
    const files: Files = {
      'blueprint.yaml': `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: t, owner: acme/a }
systems:
  - { id: a, owner: acme/a }
contracts:
${Array.from({ length: 4 }, (_, i) => `  - { id: c${i}, file: c${i}.yaml, owner: acme/a, provider: a }`).join('\n')}
`,
    };
    for (let i = 0; i < 4; i++)
      files[`c${i}.yaml`] = 'openapi: 3.1.0\ninfo: { title: t, version: 1.0.0 }\npaths: {}\n';
    const result = await lintBlueprint(new InMemoryFileSource(files), '', RULES, { limits: { maxFiles: 3 } });
    const ids = result.findings.filter((f) => f.ruleId.startsWith('schema/')).map((f) => f.ruleId);
    expect(ids).not.toContain('schema/missing-file');
    expect(ids.filter((id) => id === 'schema/too-many-files').length).toBeGreaterThanOrEqual(2);
    const perFile = result.findings.find((f) => f.message.includes('was not read'))!;
    expect(perFile.message).toMatch(
      /^c\d\.yaml was not read: the blueprint already reads limits\.maxFiles \(3\) files\./,
    );
  });

  it('an ADR over the size limit is schema/file-too-large, not "missing"', async () => {
    const files: Files = {
      'blueprint.yaml':
        'apiVersion: blueprint-review/v1\nkind: Blueprint\nmetadata: { name: t, owner: acme/a }\n',
      'adr/0001-big.md': '# Big\n' + 'x'.repeat(2000),
    };
    const result = await lintBlueprint(new InMemoryFileSource(files), '', RULES, {
      limits: { maxFileBytes: 1000 },
    });
    expect(result.findings.filter((f) => f.ruleId.startsWith('schema/')).map((f) => f.ruleId)).toEqual([
      'schema/file-too-large',
    ]);
  });
});

describe('a $ref chain through 1,500 files', () => {
  /** A blueprint whose one contract's response is a chain of 1,500 schema files, `leaf` at the end. */
  function chain(leaf: string): Files {
    const files: Files = {
      'bp/blueprint.yaml': `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: chain, owner: acme/a }
systems:
  - { id: a, owner: acme/a }
  - { id: b, owner: acme/b }
contracts:
  - { id: api, file: contracts/api.yaml, owner: acme/a, provider: a, consumers: [b] }
flows:
  - { id: f, from: b, to: a, pattern: request-response, contract: { ref: api, operation: getX } }
`,
      'bp/contracts/api.yaml': `openapi: 3.1.0
info: { title: t, version: 1.0.0 }
paths:
  /x:
    get:
      operationId: getX
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: './s1.yaml#/S' }
`,
    };
    for (let i = 1; i <= 1500; i++)
      files[`bp/contracts/s${i}.yaml`] =
        i < 1500
          ? `S:\n  type: object\n  required: [next]\n  properties:\n    next: { $ref: './s${i + 1}.yaml#/S', x-pii: true }\n`
          : `S: { type: ${leaf}, x-pii: true }\n`;
    return files;
  }
  const overflow = /call stack|too much recursion/i;

  it('no rule overflows the stack', async () => {
    const result = await lintBlueprint(new InMemoryFileSource(chain('string')), 'bp', RULES, {
      validateContracts: false,
    });
    expect(result.findings.filter((f) => f.ruleId === 'engine/rule-failed')).toEqual([]);
    // The walk went the whole way (1,499 fields and the leaf), and says so in one finding.
    const masking = result.findings.find((f) => f.ruleId === 'security/sensitive-field-without-masking');
    expect(masking?.message).toMatch(/and 1494 more, tagged sensitive/);
  }, 120_000);

  it('the review completes: contract validation and the diff say where they stopped, nothing overflows', async () => {
    const base = chain('string');
    const head = chain('integer');
    const review = await reviewPullRequest({
      base: new InMemoryFileSource(base, 'base'),
      head: new InMemoryFileSource(head, 'head'),
      changedFiles: [{ path: 'bp/contracts/s1500.yaml', status: 'modified' }],
      config: { blueprints: ['bp'], limits: { maxFiles: 2000 } },
      ruleSet: RULE_SET,
    });
    const said = [
      ...[...review.newFindings, ...review.preExisting].map((f) => f.message),
      ...review.contracts.flatMap((c) => c.problems),
    ];
    // The diff says how deep it compared: the change at the end of the chain is past that.
    expect(review.contracts.flatMap((c) => c.problems)).toEqual([
      expect.stringMatching(/nest deeper than \d+ levels .*not compared/),
    ]);
    expect(said.filter((m) => overflow.test(m))).toEqual([]);
    expect(review.newFindings.filter((f) => f.ruleId === 'engine/rule-failed')).toEqual([]);
    expect(review.conclusion).toBe('failure');
  }, 240_000);
});
