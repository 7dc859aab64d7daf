/**
 * The CLI's JSON and SARIF reports are printed to a terminal as often as to a file. JSON.stringify
 * escapes C0 controls but leaves the rest raw: a C1 CSI (U+009B, which terminals that take 8-bit
 * controls act on like ESC [), bidi overrides that reorder what a reader sees, line separators and
 * invisible characters (a hidden word, `ord<ZWSP>ers` passing for `orders`). Whatever a contract or
 * a blueprint names, none of them reaches the terminal raw in any format, and JSON stays the same
 * data (each is written as its `\uXXXX` escape).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordersContract } from '../support/openapi-doc.js';
import { repoWith, runCli } from '../support/run-cli.js';

/** Names carrying what a terminal acts on or a reader cannot see. */
const NAMES = [
  'csi\u009b2Jcleared',
  'next\u0085line',
  'bidi\u202etxt.exe\u2066x\u2069',
  'line\u2028separator\u2029end',
  'ord\u200bers\u00ad\ufeff',
  'tag\u{e0068}\u{e0069}s',
  'del\u007fete',
];

// C1, DEL, bidi controls, line and paragraph separators, invisible characters and tag characters.
const RAW =
  /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff\u{e0000}-\u{e007f}]/u;

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
${NAMES.map((n) => `  - { id: ${JSON.stringify(n)} }`).join('\n')}
`;

function repo(): string {
  return repoWith(
    {
      'base/orders.yaml': ordersContract(NAMES, NAMES),
      'orders.yaml': ordersContract(['id']),
      'blueprint/blueprint.yaml': BLUEPRINT,
    },
    'bpr-terminal-',
  );
}

describe('no terminal control or invisible character reaches the terminal raw', () => {
  const root = repo();
  const diff = ['diff', path.join('base', 'orders.yaml'), 'orders.yaml'];
  const lint = ['lint', 'blueprint'];

  for (const [args, format] of [
    [diff, 'text'],
    [diff, 'markdown'],
    [diff, 'json'],
    [lint, 'text'],
    [lint, 'json'],
    [lint, 'sarif'],
  ] as const)
    it(`${args[0]} --format ${format}`, async () => {
      const result = await runCli([...args, '--format', format], root);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('csi');
      expect(result.stdout).not.toMatch(RAW);
      expect(result.stderr).not.toMatch(RAW);
    });

  it('JSON is the same data: the names come back as they were written', async () => {
    const diffed = JSON.parse((await runCli([...diff, '--format', 'json'], root)).stdout) as {
      changes: { message: string }[];
    };
    const messages = diffed.changes.map((c) => c.message).join('\n');
    for (const name of NAMES) expect(messages).toContain(name);
    const linted = JSON.parse((await runCli([...lint, '--format', 'json'], root)).stdout) as {
      findings: { message: string }[];
    };
    const findings = linted.findings.map((f) => f.message).join('\n');
    for (const name of NAMES) expect(findings).toContain(name);
  });
});
