/**
 * One measurement in a fresh process (so peak memory is its own): `floor`, `ours` or `peer`.
 * Prints one JSON line: { mode, ms, maxRssMb, ...details }. Run by test/bench/run.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskFileSource } from '../../src/adapters/disk-file-source.js';
import { changesToFindings, diffContracts } from '../../src/diff/index.js';

const [mode, cacheDir, baseRel, headRel] = process.argv.slice(2) as [string, string, string, string];

function visitAll(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (node !== null && typeof node === 'object') {
      if (Array.isArray(node)) for (const item of node) stack.push(item);
      else for (const key in node) stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return count;
}

async function readJson(rel: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(cacheDir, rel), 'utf8')) as unknown;
}

async function measure(): Promise<Record<string, unknown>> {
  if (mode === 'floor') {
    const start = performance.now();
    const [b, h] = await Promise.all([readJson(baseRel), readJson(headRel)]);
    const nodes = visitAll(b) + visitAll(h);
    return { ms: performance.now() - start, nodes };
  }
  if (mode === 'ours') {
    const source = new DiskFileSource(cacheDir);
    const start = performance.now();
    const outcome = await diffContracts(
      { source, path: baseRel },
      { source, path: headRel },
      { limits: { maxFileBytes: 64 * 1024 * 1024 } },
    );
    const ms = performance.now() - start;
    const locateStart = performance.now();
    const findings = changesToFindings(outcome);
    const locateMs = performance.now() - locateStart;
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const c of outcome.changes) bySeverity[c.severity]++;
    return {
      ms,
      changes: outcome.changes.length,
      ...bySeverity,
      findings: findings.length,
      locateMs,
      problems: outcome.problems.length,
    };
  }
  if (mode === 'peer') {
    const entry = path.join(cacheDir, 'peers/node_modules/api-smart-diff/dist/index.mjs');
    const { apiCompare } = (await import(pathToFileURL(entry).href)) as {
      apiCompare: (a: unknown, b: unknown) => { diffs: { type: string }[] };
    };
    const start = performance.now();
    const [b, h] = await Promise.all([readJson(baseRel), readJson(headRel)]);
    const { diffs } = apiCompare(b, h);
    const ms = performance.now() - start;
    const breaking = diffs.filter((d) => d.type === 'breaking').length;
    return { ms, changes: diffs.length, breaking };
  }
  throw new Error(`unknown mode ${mode}`);
}

const result = await measure();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ mode, ...result, maxRssMb }) + '\n');
