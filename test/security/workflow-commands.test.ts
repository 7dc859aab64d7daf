/**
 * The CLI runs in GitHub Actions workflows, where the runner reads every line a step prints for
 * workflow commands: `::cmd::data` at the start of a line (after leading whitespace) and the legacy
 * `##[cmd]data` anywhere in one. Repository text printed there could forge annotations, set a step
 * output a later step trusts (`set-output`), mask words (`add-mask`) or turn command processing off
 * (`stop-commands`). Whatever a contract's file name and field names say, no line of any output
 * format is a command, and JSON stays the same data.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordersContract } from '../support/openapi-doc.js';
import { repoWith, runCli } from '../support/run-cli.js';
import { runnerCommand } from '../support/actions-runner.js';

/** What the Actions runner would act on in one line of a step's output. */
function workflowCommand(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[');
}

function expectNoWorkflowCommand(output: string, where: string): void {
  for (const line of output.split(/\r\n|[\n\r]/))
    expect(workflowCommand(line), `${where}: ${line.slice(0, 200)}`).toBe(false);
}

const FIELDS = [
  '##[set-output name=verdict]pass',
  '##[add-mask]orders',
  // Enough words that wrapping starts a line with a command.
  ...Array.from({ length: 12 }, (_, i) => `word${i} ::stop-commands::pwned ::error::forged`.repeat(2)),
];

/** A file name git and Linux accept, and a workflow command when a line starts with it. */
const FILE = '::error title=forged::orders.openapi.yaml';

function repo(): string {
  return repoWith(
    {
      // Required in the base, where no property defines them; gone from the head.
      [`base/${FILE}`]: ordersContract(FIELDS),
      // At the root, so the text output's lines start with its name.
      [FILE]: ordersContract(['id']),
    },
    'bpr-commands-',
  );
}

describe('no line the CLI prints is a workflow command', () => {
  const root = repo();
  const args = ['diff', path.join('base', FILE), FILE];

  for (const format of ['text', 'markdown', 'json'])
    it(`diff --format ${format}`, async () => {
      const result = await runCli([...args, '--format', format], root);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('orders.openapi.yaml');
      if (format === 'text')
        expect(result.stdout).toMatch(/^\S*:error title=forged::orders\.openapi\.yaml:14 /m);
      expectNoWorkflowCommand(result.stdout, `diff ${format}`);
      expectNoWorkflowCommand(result.stderr, `diff ${format} (stderr)`);
    });

  it('diff --format github: the only commands are its annotations, and they carry the text as data', async () => {
    const result = await runCli([...args, '--format', 'github'], root);
    expect(result.code).toBe(1);
    const lines = result.stdout.split(/\r\n|[\n\r]/);
    const annotations = lines.filter(workflowCommand).map((line) => runnerCommand(line)!);
    expect(annotations.length).toBeGreaterThan(0);
    for (const annotation of annotations) {
      expect(['error', 'warning', 'notice']).toContain(annotation.command);
      for (const key of Object.keys(annotation.properties))
        expect(['file', 'line', 'endLine', 'col', 'endColumn', 'title']).toContain(key);
    }
    // The file the runner anchors to is the contract's name as the repository spells it, and the
    // field name reaches the message as written.
    expect(annotations.map((a) => a.properties.file)).toContain(FILE);
    expect(annotations.map((a) => a.data).join('\n')).toContain(
      'Response field `##[set-output name=verdict]pass`',
    );
    // Every other line is the text report, as inert as ever.
    expectNoWorkflowCommand(lines.filter((l) => !workflowCommand(l)).join('\n'), 'diff github');
    expectNoWorkflowCommand(result.stderr, 'diff github (stderr)');
  });

  it('JSON is the same data: the field names come back as the contract spells them', async () => {
    const result = await runCli([...args, '--format', 'json'], root);
    const report = JSON.parse(result.stdout) as { changes: { message: string }[] };
    const messages = report.changes.map((c) => c.message).join('\n');
    expect(messages).toContain('Response field `##[set-output name=verdict]pass` of `GET /orders`');
  });

  it('an error message quoting the input', async () => {
    const result = await runCli(['diff', path.join('base', FILE), 'missing/##[error]x.yaml'], root);
    expect(result.code).toBe(2);
    expectNoWorkflowCommand(result.stdout + result.stderr, 'diff error');
  });
});

/**
 * Node prints a library's process warnings to stderr itself, past everything main() writes: the
 * runner reads that line too, and finds a legacy command anywhere in it.
 */
describe('no process warning quotes repository text', () => {
  it('a YAML mapping key that is a collection', async () => {
    // yaml's toJS warns that such a key is stringified, quoting its first 36 characters.
    const key = '##[stop-commands]x';
    const contract = `${ordersContract(['id'])}components:\n  schemas:\n    ? [ "${key}" ]\n    : { type: string }\n`;
    const root = repoWith({ 'a.openapi.yaml': contract, 'b.openapi.yaml': contract }, 'bpr-warning-');
    const warnings: string[] = [];
    const collect = (warning: Error) => warnings.push(warning.message);
    process.on('warning', collect);
    try {
      const result = await runCli(['diff', 'a.openapi.yaml', 'b.openapi.yaml'], root);
      expect(result.code).toBe(0);
      // Node emits a warning on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', collect);
    }
    expect(warnings.filter(workflowCommand)).toEqual([]);
  });
});
