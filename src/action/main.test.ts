import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../core/file-source.js';
import type { ChangedFile, Review } from '../review/types.js';
import type { ActionGitHub, ActionIO, BaseConfig } from './main.js';
import { escapeCommand, escapeProperty, runAction } from './main.js';

const fixtureDir = fileURLToPath(new URL('../../test/fixtures/doc/retail', import.meta.url));
const eventPath = fileURLToPath(
  new URL('../../test/fixtures/action/pull_request.opened.json', import.meta.url),
);

function filesUnder(dir: string, prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, filesUnder(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

const baseFiles = filesUnder(fixtureDir, 'arch/');
// The pull request adds a flow without a contract (an error of topology/flow-without-contract).
const NEW_FLOW = `  - id: ship-order
    from: warehouse
    to: webshop
    pattern: event
`;
const baseBlueprint = baseFiles['arch/blueprint.yaml']!;
const insertAt = baseBlueprint.indexOf('requirements:\n  - id: order-capture');
const headBlueprint = baseBlueprint.slice(0, insertAt) + NEW_FLOW + baseBlueprint.slice(insertAt);
const headFiles = { ...baseFiles, 'arch/blueprint.yaml': headBlueprint };
const firstNewLine = baseBlueprint.slice(0, insertAt).split('\n').length;
const changed: ChangedFile[] = [
  {
    path: 'arch/blueprint.yaml',
    status: 'modified',
    patch: `@@ -${firstNewLine - 1},1 +${firstNewLine - 1},5 @@\n     requirements: [payment]\n${NEW_FLOW.trimEnd()
      .split('\n')
      .map((l) => `+${l}`)
      .join('\n')}`,
  },
];

interface Harness {
  io: ActionIO;
  files: Map<string, string>;
  logs: string[];
  published: { review: Review; comments: number }[];
}

function harness(env: Record<string, string>): Harness {
  const files = new Map<string, string>();
  const logs: string[] = [];
  const published: Harness['published'] = [];
  return {
    files,
    logs,
    published,
    io: {
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_STEP_SUMMARY: '/summary.md',
        GITHUB_OUTPUT: '/output',
        GITHUB_WORKSPACE: '/workspace',
        'INPUT_GITHUB-TOKEN': 'ghs_test',
        ...env,
      },
      readFile: (file) => readFileSync(file, 'utf8'),
      writeFile: (file, text) => files.set(file, text),
      appendFile: (file, text) => files.set(file, (files.get(file) ?? '') + text),
      log: (line) => logs.push(line),
    },
  };
}

function fakeGitHub(base: BaseConfig, published: Harness['published']): () => ActionGitHub {
  return () => ({
    baseConfig: async () => base,
    snapshot: (sha) =>
      sha.startsWith('f95f852')
        ? new InMemoryFileSource(baseFiles, 'base')
        : new InMemoryFileSource(headFiles, 'head'),
    changedFiles: async () => changed,
    publish: async (review, placement) => {
      published.push({ review, comments: placement.comments.length });
    },
  });
}

describe('runAction', () => {
  it('publishes the review, writes summary, outputs and SARIF, and fails on a new error', async () => {
    const h = harness({ 'INPUT_SARIF-FILE': 'out/review.sarif' });
    const code = await runAction(h.io, fakeGitHub({ kind: 'ok', config: {} }, h.published));
    expect(code).toBe(1);
    expect(h.published).toHaveLength(1);
    const review = h.published[0]!.review;
    expect(review.newFindings.map((f) => f.ruleId)).toContain('topology/flow-without-contract');
    expect(h.published[0]!.comments).toBeGreaterThan(0);
    expect(h.files.get('/summary.md')).toContain('Blueprint review');
    expect(h.files.get('/output')).toMatch(/^new-findings=\d+\nfailing-findings=\d+\n$/);
    const sarif = JSON.parse(h.files.get('/workspace/out/review.sarif')!) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0]!.results.length).toBe(review.newFindings.length + review.preExisting.length);
    expect(h.logs.some((l) => l.startsWith('::error file=arch/blueprint.yaml,line='))).toBe(true);
    expect(h.logs.at(-1)).toMatch(
      /^::error::The pull request brings \d+ new finding\(s\) at or above "error"\.$/,
    );
  });

  it('passes with fail-on: never, and writes no SARIF unless asked', async () => {
    const h = harness({ 'INPUT_FAIL-ON': 'never' });
    expect(await runAction(h.io, fakeGitHub({ kind: 'ok', config: {} }, h.published))).toBe(0);
    expect([...h.files.keys()].sort()).toEqual(['/output', '/summary.md']);
  });

  it('fails without reviewing when the base config is invalid', async () => {
    const h = harness({});
    const code = await runAction(
      h.io,
      fakeGitHub({ kind: 'invalid', problems: ['line 1: bad'] }, h.published),
    );
    expect(code).toBe(1);
    expect(h.published).toEqual([]);
    expect(h.logs).toEqual([
      '::error::.github/blueprint-review.yml on the base branch is invalid: line 1: bad',
    ]);
  });

  it('throws (the entry turns it into a failed step) on a missing token or a non-PR event', async () => {
    await expect(
      runAction(harness({ 'INPUT_GITHUB-TOKEN': '' }).io, fakeGitHub({ kind: 'missing' }, [])),
    ).rejects.toThrow('Input "github-token" is required.');
    await expect(
      runAction(harness({ GITHUB_EVENT_NAME: 'push' }).io, fakeGitHub({ kind: 'missing' }, [])),
    ).rejects.toThrow(/not "push"/);
  });

  it('escapes workflow command data and properties', () => {
    expect(escapeCommand('50%\nnext')).toBe('50%25%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});
