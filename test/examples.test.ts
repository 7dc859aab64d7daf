import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { RULES } from '../rules/index.js';
import type { JsonFinding } from '../src/report/json.js';

/** The bundled examples are the demo: order-to-cash is exemplary, flawed shows every category. */
async function lintJson(folder: string): Promise<{ code: number; findings: JsonFinding[] }> {
  let stdout = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stdout += t),
    cwd: process.cwd(),
    isTTY: false,
  };
  const code = await main(['lint', folder, '--format', 'json', '--severity', 'info'], io);
  return { code, findings: (JSON.parse(stdout) as { findings: JsonFinding[] }).findings };
}

describe('bundled examples', () => {
  it('order-to-cash has no findings at all, not even info', async () => {
    const { code, findings } = await lintJson('examples/order-to-cash');
    expect(findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([]);
    expect(code).toBe(0);
  });

  it('flawed fails with at least ten located findings from every rule category that exists', async () => {
    const { code, findings } = await lintJson('examples/flawed');
    expect(code).toBe(1);
    expect(findings.length).toBeGreaterThanOrEqual(10);
    for (const f of findings) {
      expect(f.file).toMatch(/^examples\/flawed\//);
      expect(f.line).toBeGreaterThan(0);
    }
    expect(
      findings.filter((f) => f.ruleId.startsWith('schema/')),
      'flaws are design mistakes, not syntax',
    ).toEqual([]);
    const categories = new Set(findings.map((f) => f.ruleId.split('/')[0]));
    const expected = new Set(RULES.map((r) => r.meta.category));
    expect([...expected].filter((c) => !categories.has(c))).toEqual([]);
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(5);
  });
});
