import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { fileNameFor } from '../write-documents.js';

const fixture = fileURLToPath(new URL('../../../test/fixtures/doc/retail', import.meta.url));
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'doc-cmd-'));
  temps.push(dir);
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['doc', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

describe('blueprint-review doc', () => {
  it('writes <name>.md and a self-contained <name>.html with the mermaid library inlined', async () => {
    const repo = tempRepo();
    cpSync(fixture, path.join(repo, 'arch'), { recursive: true });
    const result = await run(['arch', '--out', 'out/docs'], repo);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(path.join(repo, 'out/docs')).sort()).toEqual([
      'retail-orders.html',
      'retail-orders.md',
    ]);
    expect(result.stdout).toBe('out/docs/retail-orders.md\nout/docs/retail-orders.html\n');
    const md = readFileSync(path.join(repo, 'out/docs/retail-orders.md'), 'utf8');
    expect(md).toContain('```mermaid');
    expect(md).toContain('`arch/blueprint.yaml:');
    const html = readFileSync(path.join(repo, 'out/docs/retail-orders.html'), 'utf8');
    expect(html).toContain('<pre class="mermaid">flowchart LR');
    // The mermaid bundle itself, not a reference to it.
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).toMatch(/mermaid/);
  });

  it('keeps a hostile blueprint name inside --out', async () => {
    const repo = tempRepo();
    cpSync(fixture, path.join(repo, 'arch'), { recursive: true });
    const file = path.join(repo, 'arch/blueprint.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: retail-orders', 'name: ../../escaped'));
    const result = await run(['arch', '--out', 'out'], repo);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(repo, 'out')).sort()).toEqual(['escaped.html', 'escaped.md']);
    expect(fileNameFor('../../x')).toBe('x');
    expect(fileNameFor('..')).toBe('blueprint');
    expect(fileNameFor('Order to cash / EU')).toBe('Order-to-cash-EU');
  });

  it('--mediators: platform components as boxes (default) or as a line of the arrow label', async () => {
    const repo = tempRepo();
    cpSync(fixture, path.join(repo, 'arch'), { recursive: true });
    const mermaid = (file: string) => /```mermaid\n([\s\S]*?)```/.exec(readFileSync(file, 'utf8'))![1]!;
    expect((await run(['arch', '--out', 'nodes'], repo)).code).toBe(0);
    expect(mermaid(path.join(repo, 'nodes/retail-orders.md'))).toMatch(/\{\{"<b>gateway<\/b>.*:::mediator/);
    expect((await run(['arch', '--out', 'labels', '--mediators', 'labels'], repo)).code).toBe(0);
    const labels = mermaid(path.join(repo, 'labels/retail-orders.md'));
    expect(labels).not.toContain(':::mediator');
    expect(labels).toContain('place-order<br/><small>via gateway</small>');
    const refused = await run(['arch', '--out', 'x', '--mediators', 'boxes'], repo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--mediators must be one of nodes, labels (got "boxes")');
  });

  it('exits 2 without --out, and 1 when a blueprint does not load', async () => {
    const repo = tempRepo();
    mkdirSync(path.join(repo, 'bad'));
    writeFileSync(path.join(repo, 'bad/blueprint.yaml'), 'apiVersion: [unclosed\n');
    expect((await run(['bad'], repo)).code).toBe(2);
    const result = await run(['bad', '--out', 'out'], repo);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not load');
    expect(result.stderr).toContain('schema/yaml-syntax');
    expect(existsSync(path.join(repo, 'out')), 'no --out folder when nothing is written').toBe(false);
  });

  it.each([
    [
      'owner: 12345',
      (t: string) => t.replace(/owner: [\w/-]+/, 'owner: 12345'),
      'must be a string, not a number',
      6,
    ],
    ['id: [orders]', (t: string) => t.replace(/id: ([\w-]+)/, 'id: [$1]'), 'must be a string, not a list', 8],
    ['a list', () => '- systems\n- flows\n', 'is a list; it must be a mapping', 1],
  ])(
    'refuses a blueprint with %s: exit 1, the schema error with its line, no document, no stack',
    async (_, edit, said, line) => {
      const repo = tempRepo();
      cpSync(fixture, path.join(repo, 'arch'), { recursive: true });
      const file = path.join(repo, 'arch/blueprint.yaml');
      writeFileSync(file, edit(readFileSync(file, 'utf8')));
      const result = await run(['arch', '--out', 'out'], repo);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(said);
      expect(result.stderr).toMatch(new RegExp(`^\\s+${line}:\\d+\\s+error\\s+arch/blueprint\\.yaml`, 'm'));
      expect(result.stderr).toContain('no document written');
      expect(result.stderr).not.toMatch(/\bat \S+:\d+:\d+|TypeError|\[object Object\]/);
      expect(existsSync(path.join(repo, 'out')), 'no --out folder when nothing is written').toBe(false);
    },
  );
});
