import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../io.js';
import { main } from '../main.js';
import { runnerCommand } from '../../../test/support/actions-runner.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../../examples/order-to-cash/contracts');
const CONTRACTS = [
  'orders-api.openapi.yaml',
  'inventory-api.openapi.yaml',
  'payments-api.openapi.yaml',
  'crm-api.openapi.yaml',
  'order-events.asyncapi.yaml',
  'fulfilment-requests.asyncapi.yaml',
  'shipment-events.asyncapi.yaml',
];

async function run(args: string[], cwd: string, isTTY = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, isTTY };
  const code = await main(['diff', ...args], io);
  return { code, stdout, stderr };
}

/** A repository with the example contracts at base/ and head/, the head edited by `edit`. */
function exampleRepo(edit: (head: string) => void = () => {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-diff-'));
  mkdirSync(path.join(root, '.git'));
  cpSync(EXAMPLE, path.join(root, 'base'), { recursive: true });
  cpSync(EXAMPLE, path.join(root, 'head'), { recursive: true });
  edit(path.join(root, 'head'));
  return root;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

describe('blueprint-review diff on the example contracts', () => {
  it.each(CONTRACTS)('finds nothing between %s and itself', async (contract) => {
    const root = exampleRepo();
    const result = await run([`base/${contract}`, `head/${contract}`], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('No changes that concern consumers.\n');
    expect(result.code).toBe(0);
  });

  it('reports a change in a shared schema file once, with every operation it reaches, lines and exit 1', async () => {
    const root = exampleRepo((head) =>
      replaceIn(
        path.join(head, 'shared/common.schemas.yaml'),
        'amountMinor:\n      type: integer',
        'amountMinor:\n      type: string',
      ),
    );
    const result = await run(
      [
        'base/orders-api.openapi.yaml',
        'head/orders-api.openapi.yaml',
        '--format',
        'json',
        '--consumers',
        'webshop',
      ],
      root,
    );
    expect(result.code).toBe(1);
    const { changes } = JSON.parse(result.stdout) as { changes: Record<string, unknown>[] };
    // One change for the shared schema, naming both operations that read it.
    const read = changes.find((c) => c.id === 'response-type-changed');
    expect(read).toMatchObject({
      severity: 'error',
      direction: 'response',
      operations: ['POST /v1/orders', 'GET /v1/orders/{orderId}'],
      message:
        'Response field `amountMinor` of schema `Money` in `common.schemas.yaml` changed type from integer to string — consumer webshop reads it. Fix: keep the old type where it is and carry the new one under a new name beside it (a new field, parameter or header, or a new message version), then deprecate the old one. Affects 2 operations: `POST /v1/orders`, `GET /v1/orders/{orderId}`.',
      base: {
        file: 'base/shared/common.schemas.yaml',
        pointer: '/Money/properties/amountMinor/type',
        line: 9,
      },
      head: {
        file: 'head/shared/common.schemas.yaml',
        pointer: '/Money/properties/amountMinor/type',
        line: 9,
      },
    });
    expect(changes.some((c) => c.id === 'request-type-changed' && c.operation === 'POST /v1/orders')).toBe(
      true,
    );
  });

  it('judges an AsyncAPI event change from the consumers side, and honours semver consent', async () => {
    const root = exampleRepo((head) => {
      const file = path.join(head, 'order-events.asyncapi.yaml');
      replaceIn(
        file,
        'required: [eventId, eventType, occurredAt, orderId, customer, lines, total]',
        'required: [eventId, eventType, occurredAt, orderId, customer, lines]',
      );
    });
    const args = [
      'base/order-events.asyncapi.yaml',
      'head/order-events.asyncapi.yaml',
      '--consumers',
      'erp,data-warehouse',
    ];
    const plain = await run(args, root);
    expect(plain.code).toBe(1);
    // A change's line is folded at the width (100 columns off a terminal): read it unfolded.
    expect(plain.stdout.replace(/\n\s+/g, ' ')).toMatch(
      /head\/order-events\.asyncapi\.yaml:\d+ +error +Payload field `total` of message `\w+` on `[^`]+` became optional — consumers erp and data-warehouse read it\. Fix: [^\n]*\. +breaking\/response-property-became-optional/,
    );
    replaceIn(
      path.join(root, 'head/order-events.asyncapi.yaml'),
      /version: \S+/.exec(readFileSync(path.join(root, 'head/order-events.asyncapi.yaml'), 'utf8'))![0],
      'version: 9.0.0',
    );
    const consented = await run([...args, '--versioning', 'semver', '--format', 'json'], root);
    expect(consented.code).toBe(0);
    const { changes } = JSON.parse(consented.stdout) as {
      changes: { severity: string; intended?: unknown; breaking: boolean }[];
    };
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.severity !== 'error')).toBe(true);
    expect(changes.some((c) => c.breaking && c.intended)).toBe(true);
    const strict = await run([...args, '--versioning', 'semver', '--fail-on', 'warning'], root);
    expect(strict.code).toBe(1);
  });

  it('renders markdown', async () => {
    const root = exampleRepo((head) =>
      replaceIn(
        path.join(head, 'orders-api.openapi.yaml'),
        '  /v1/orders/{orderId}:\n',
        '  /v1/orders-by-id/{orderId}:\n',
      ),
    );
    const result = await run(
      ['base/orders-api.openapi.yaml', 'head/orders-api.openapi.yaml', '--format', 'markdown'],
      root,
    );
    expect(result.code).toBe(1);
    // The same operationId on another path is one move, shown where it now is (head).
    expect(result.stdout).toContain('| 🔴 error | `head/orders-api.openapi.yaml:');
    expect(result.stdout).toContain('moved to `GET /v1/orders-by-id/{orderId}`');
    expect(result.stdout).toContain('`breaking/operation-moved`');
  });
});

describe('blueprint-review diff: usage and bad input', () => {
  it('exits 2 on usage errors', async () => {
    const root = exampleRepo();
    expect((await run(['base/orders-api.openapi.yaml'], root)).code).toBe(2);
    expect((await run(['base/orders-api.openapi.yaml', 'head/nope.yaml'], root)).code).toBe(2);
    const badFormat = await run(
      ['base/orders-api.openapi.yaml', 'head/orders-api.openapi.yaml', '--format', 'xml'],
      root,
    );
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format');
    expect((await run(['a', 'b', '--fail-on', 'info'], root)).code).toBe(2);
  });

  it('exits 2 and names the file when a side cannot be read as a contract', async () => {
    const root = exampleRepo((head) =>
      writeFileSync(path.join(head, 'orders-api.openapi.yaml'), 'openapi: 3.1.0\npaths: [\n'),
    );
    const result = await run(['base/orders-api.openapi.yaml', 'head/orders-api.openapi.yaml'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('head/orders-api.openapi.yaml');
    // On a terminal the text report already says it: once, not again on standard error.
    const onTerminal = await run(
      ['base/orders-api.openapi.yaml', 'head/orders-api.openapi.yaml'],
      root,
      true,
    );
    expect(onTerminal.code).toBe(2);
    // The file and the line of the syntax error, then what is wrong.
    expect(
      onTerminal.stdout.match(/head\/orders-api\.openapi\.yaml:2 {2}problem {2}Does not parse \(head\)/g),
    ).toHaveLength(1);
    expect(onTerminal.stderr).toBe('');
    const json = await run(
      ['base/orders-api.openapi.yaml', 'head/orders-api.openapi.yaml', '--format', 'json'],
      root,
      true,
    );
    expect(json.stderr).toContain(
      'blueprint-review diff: head/orders-api.openapi.yaml:2: Does not parse (head): ',
    );
    const report = JSON.parse(json.stdout) as { problems: { file: string; line?: number; code: string }[] };
    expect(report.problems).toMatchObject([
      { code: 'syntax', file: 'head/orders-api.openapi.yaml', line: 2 },
    ]);
  });

  it('compares files with different names and OpenAPI versions', async () => {
    const root = exampleRepo((head) => {
      const text = readFileSync(path.join(head, 'orders-api.openapi.yaml'), 'utf8');
      writeFileSync(path.join(head, 'renamed.yaml'), text.replace('openapi: 3.1.0', 'openapi: 3.0.3'));
    });
    const result = await run(['base/orders-api.openapi.yaml', 'head/renamed.yaml', '--format', 'json'], root);
    const { changes } = JSON.parse(result.stdout) as { changes: { id: string }[] };
    expect(changes.map((c) => c.id)).toEqual(['spec-version-changed']);
    expect(result.code).toBe(0);
  });

  it('names both sides as reached from the current folder when they are read from different folders', async () => {
    // No repository: each side is read from its own folder, so each names its files relative to it.
    const root = mkdtempSync(path.join(tmpdir(), 'bpr-diff-'));
    const doc = (paths: string) =>
      `openapi: 3.0.3\ninfo: { title: T, version: 1.0.0 }\npaths:\n${paths}components:\n  schemas:\n    Thing: { $ref: 'thing.yaml' }\n`;
    const get = (p: string) =>
      `  ${p}:\n    get:\n      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } } }\n`;
    mkdirSync(path.join(root, 'v1'));
    writeFileSync(path.join(root, 'v1/api.yaml'), doc(get('/a') + get('/b')));
    writeFileSync(path.join(root, 'v1/thing.yaml'), 'type: object\nproperties:\n  x: { type: string }\n');
    writeFileSync(path.join(root, 'api.yaml'), doc(get('/a')));
    writeFileSync(path.join(root, 'thing.yaml'), 'type: object\nproperties:\n  x: { type: integer }\n');
    const text = await run(['v1/api.yaml', 'api.yaml'], root);
    expect(text.stdout).toMatch(/^v1\/api\.yaml:\d+ \(base\) {2}error {2}Operation `GET \/b` was removed/m);
    expect(text.stdout).toMatch(/^thing\.yaml:3 \(head\) {2}error {2}Response field `x`/m);
    const markdown = await run(['v1/api.yaml', 'api.yaml', '--format', 'markdown'], root);
    expect(markdown.stdout).toMatch(/\| `v1\/api\.yaml:\d+` \(base\) \|/);
    // Annotations name files from the head's folder, as GitHub anchors them in the checkout.
    const github = await run(['v1/api.yaml', 'api.yaml', '--format', 'github'], root);
    const annotations = github.stdout
      .split('\n')
      .filter((line) => line.startsWith('::'))
      .map((line) => runnerCommand(line)!);
    expect(annotations.map((a) => [a.properties.file, a.properties.title])).toEqual([
      ['v1/api.yaml', 'breaking/operation-removed'],
      ['thing.yaml', 'breaking/response-type-changed'],
    ]);
    expect(github.stdout).toContain(text.stdout);
    expect(github.code).toBe(1);
  });

  it('lists the checks', async () => {
    const result = await run(['--checks'], process.cwd());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('response-enum-value-added');
    expect(result.stdout).toMatch(/\d+ checks\n$/);
  });
});
