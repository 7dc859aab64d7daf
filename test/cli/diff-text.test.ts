/**
 * `diff --format text`: a terminal wraps a line longer than its width at column 0, where the end of a
 * repository value (a path, a field name) would read as a line of the report's own — a change with
 * its check id, an `affects:` list, or the count. Every line is folded within the width (100 when it
 * is unknown, as in a pipe or an Actions log), a change's own continuation lines indented deeper than
 * its `affects:` line.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { repoWith, runCli } from '../support/run-cli.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** An OpenAPI document with these paths, each with one GET operation. */
function api(paths: readonly string[]): string {
  const operations = paths
    .map((p) => `  ${JSON.stringify(p)}:\n    get:\n      responses: { '200': { description: ok } }`)
    .join('\n');
  return `openapi: 3.1.0\ninfo: { title: t, version: 1.0.0 }\npaths:\n${operations}\n`;
}

async function diffText(base: string, head: string): Promise<string[]> {
  const root = repoWith({ 'base.yaml': base, 'head.yaml': head });
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  const { stdout } = await runCli(['diff', 'base.yaml', 'head.yaml', '--format', 'text'], root);
  return stdout.trimEnd().split('\n');
}

describe('diff --format text', () => {
  it('folds a long path under its change: no line past the width, no forged change or count', async () => {
    const forgedCount = '0 changes: 0 error, 0 warning, 0 info';
    const forgedChange = 'api.yaml:1  info  nothing  breaking/none';
    const removed = `/${'w'.repeat(60)} ${forgedChange} ${'v'.repeat(60)} ${forgedCount}`;
    const lines = await diffText(api(['/kept', removed]), api(['/kept']));
    expect(lines.join('\n')).toContain('w'.repeat(40));
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const atColumnZero = lines.filter((l) => l !== '' && !l.startsWith(' '));
    expect(atColumnZero).toHaveLength(2);
    expect(atColumnZero[0]).toMatch(/^base\.yaml:\d+ \(base\) {2}error {2}/);
    expect(atColumnZero[1]).toBe('1 change: 1 error, 0 warning, 0 info');
  }, 60_000);

  it("folds a change's message deeper than its affects line, so a value cannot forge one", async () => {
    const forged = 'affects: GET /nothing';
    const field = `${'f'.repeat(55)} ${forged} ${'g'.repeat(30)}`;
    const shared = (properties: string) =>
      `${api(['/a', '/b']).replace(/responses: \{ '200': \{ description: ok \} \}/g, "responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/T' } } } } }")}components:\n  schemas:\n    T: { type: object, properties: { ${properties} } }\n`;
    const lines = await diffText(
      shared(`id: { type: string }, ${JSON.stringify(field)}: { type: string }`),
      shared('id: { type: string }'),
    );
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const affects = lines.filter((l) => /^ {4}affects: /.test(l));
    expect(affects).toEqual(['    affects: GET /a, GET /b']);
    expect(lines.some((l) => l.trimStart().startsWith(forged))).toBe(true);
    // The affects line lists them; the message does not name them a second time.
    expect(lines.join(' ')).not.toContain('Affects 2 operations');
  }, 60_000);
});
