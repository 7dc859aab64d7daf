import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { Finding } from '../../src/core/finding.js';
import { loadBlueprint } from '../../src/load/load-blueprint.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, ORDERS_OPENAPI, withContracts } from '../../rules/examples.js';

/**
 * Untrusted input: every file comes from whoever opened the pull request. Each case must end in a
 * located finding — never a crash, a hang, a network request or a silent pass.
 */
async function load(files: Record<string, string>, maxFileBytes?: number): Promise<Finding[]> {
  const result = await loadBlueprint(
    new InMemoryFileSource(files, 'test'),
    '',
    maxFileBytes ? { limits: { maxFileBytes } } : {},
  );
  return result.findings;
}

const only = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.enableNetConnect();
});

describe('bad input', () => {
  it('unparseable YAML gives a syntax finding at the offending line', async () => {
    const findings = await load({
      'blueprint.yaml': 'apiVersion: blueprint-review/v1\nkind: Blueprint\nsystems:\n  - { id: a, owner: [\n',
    });
    const [syntax] = only(findings, 'schema/yaml-syntax');
    expect(syntax).toMatchObject({ file: 'blueprint.yaml', severity: 'error' });
    expect(syntax!.range.start.line).toBeGreaterThanOrEqual(4);
  });

  it('a duplicate key is a syntax finding on its line', async () => {
    const findings = await load({
      'blueprint.yaml': 'apiVersion: blueprint-review/v1\nkind: Blueprint\nkind: Blueprint\n',
    });
    expect(only(findings, 'schema/yaml-syntax')[0]).toMatchObject({ range: { start: { line: 3 } } });
  });

  it('a schema violation names the field and its line', async () => {
    const findings = await load(
      withContracts(`${HEADER}flows:\n  - { id: f, from: webshop, to: orders, pattern: evnt }\n`),
    );
    const [invalid] = only(findings, 'schema/invalid');
    expect(invalid!.message).toContain('/flows/0/pattern must be one of');
    expect(invalid!.range.start.line).toBe(14);
  });

  it('a registered contract file that does not exist is reported at the registry entry', async () => {
    const files = withContracts(HEADER);
    delete files['contracts/orders.openapi.yaml'];
    const [missing] = only(await load(files), 'schema/missing-file');
    expect(missing).toMatchObject({ file: 'blueprint.yaml', range: { start: { line: 11 } } });
    expect(missing!.message).toContain('contracts/orders.openapi.yaml');
  });

  it('a registered contract that does not parse is its syntax error alone, not also "missing"', async () => {
    const files = withContracts(HEADER, {
      'contracts/orders.openapi.yaml': 'openapi: 3.1.0\ninfo: {title: [unclosed\n',
    });
    const findings = await load(files);
    expect(only(findings, 'schema/yaml-syntax')).toEqual([
      expect.objectContaining({ file: 'contracts/orders.openapi.yaml', range: expect.anything() }),
    ]);
    expect(only(findings, 'schema/missing-file')).toEqual([]);
  });

  describe('a file two contracts share', () => {
    /** The 1-based line of the first occurrence of `needle` in `text`. */
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    // Each contract refers to the shared file twice: findings point at each one's first reference.
    const orders = ORDERS_OPENAPI.replace(
      'sku: { type: string }',
      'sku: { $ref: "shared.yaml#/Sku" }',
    ).replace('orderId: { type: string }', 'orderId: { $ref: "shared.yaml#/Id" }');
    const events = ORDER_EVENTS_ASYNCAPI.replace(
      'eventId: { type: string, format: uuid }',
      'eventId: { $ref: "shared.yaml#/Id" }',
    ).replace('orderId: { type: string }', 'orderId: { $ref: "shared.yaml#/Id" }');
    const files = (extra: Record<string, string> = {}) =>
      withContracts(HEADER, {
        'contracts/orders.openapi.yaml': orders,
        'contracts/order-events.asyncapi.yaml': events,
        ...extra,
      });

    it('missing: one finding per contract, at its own first reference', async () => {
      const missing = only(await load(files()), 'schema/missing-file');
      expect(
        missing
          .map((f) => [f.file, f.range.start.line])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      ).toEqual([
        ['contracts/order-events.asyncapi.yaml', lineOf(events, 'shared.yaml')],
        ['contracts/orders.openapi.yaml', lineOf(orders, 'shared.yaml')],
      ]);
      for (const f of missing)
        expect(f.message).toBe('contracts/shared.yaml does not exist in the repository.');
    });

    it('broken: its syntax error is reported once', async () => {
      const findings = await load(files({ 'contracts/shared.yaml': 'Id: { type: string\n' }));
      expect(only(findings, 'schema/yaml-syntax')).toMatchObject([{ file: 'contracts/shared.yaml' }]);
    });
  });

  it('a $ref to http:// is reported and never fetched (network is disabled)', async () => {
    const contract = ORDERS_OPENAPI.replace(
      'sku: { type: string }',
      'sku: { $ref: "http://attacker.example/sku.json" }',
    );
    const findings = await load(withContracts(HEADER, { 'contracts/orders.openapi.yaml': contract }));
    const [unsafe] = only(findings, 'schema/unsafe-path');
    expect(unsafe).toMatchObject({ file: 'contracts/orders.openapi.yaml' });
    expect(unsafe!.message).toContain('is a URL');
    expect(unsafe!.range.start.line).toBe(24);
  });

  it('a $ref or contract path that climbs out of the repository is refused', async () => {
    const contract = ORDERS_OPENAPI.replace('sku: { type: string }', 'sku: { $ref: "../../../etc/passwd" }');
    const files = withContracts(
      HEADER.replace('file: contracts/order-events.asyncapi.yaml', 'file: ../../etc/passwd'),
      {
        'contracts/orders.openapi.yaml': contract,
      },
    );
    const unsafe = only(await load(files), 'schema/unsafe-path');
    expect(unsafe.map((f) => f.file).sort()).toEqual(['blueprint.yaml', 'contracts/orders.openapi.yaml']);
    expect(unsafe.every((f) => f.message.includes('outside the repository'))).toBe(true);
  });

  it('an alias bomb stops at the alias limit, quickly', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(
        `${name}: &${name} [${Array(9)
          .fill('*' + prev)
          .join(',')}]`,
      );
    }
    const started = Date.now();
    const findings = await load({ 'blueprint.yaml': levels.join('\n') + '\n' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(only(findings, 'schema/yaml-syntax')[0]!.message).toMatch(/alias/i);
  });

  it('a 20 MB file is not read', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const findings = await load(
      withContracts(HEADER, { 'contracts/orders.openapi.yaml': `# ${big}\n` }),
      5 * 1024 * 1024,
    );
    const [tooLarge] = only(findings, 'schema/file-too-large');
    expect(tooLarge!.message).toContain('over the limit of 5242880');
    expect(tooLarge!.file).toBe('blueprint.yaml');
  });

  it('a __proto__ key is an unknown field and pollutes nothing', async () => {
    const findings = await load(withContracts(`${HEADER}__proto__: { polluted: true }\n`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(only(findings, 'schema/invalid')[0]!.message).toContain('unknown field "__proto__"');
  });

  it('includes that form a cycle are reported, not followed forever', async () => {
    const part = (next: string) =>
      `apiVersion: blueprint-review/v1\nkind: BlueprintPart\ninclude: [${next}]\n`;
    const findings = await load({
      'blueprint.yaml': `${HEADER}include: [a.yaml]\n`,
      'a.yaml': part('b.yaml'),
      'b.yaml': part('a.yaml'),
    });
    expect(only(findings, 'schema/include-cycle')[0]).toMatchObject({
      file: 'b.yaml',
      range: { start: { line: 3 } },
    });
  });

  it('an include after one of the wrong type is reported at its own line, not the one above', async () => {
    const findings = await load({
      'blueprint.yaml': `${HEADER}include:\n  - a.yaml\n  - 12\n  - missing.yaml\n  - ../outside.yaml\n`,
      'a.yaml': 'apiVersion: blueprint-review/v1\nkind: BlueprintPart\n',
    });
    const lineOf = (needle: string) =>
      HEADER.split('\n').length + 1 + ['a.yaml', '12', 'missing.yaml', '../outside.yaml'].indexOf(needle);
    expect(only(findings, 'schema/invalid').map((f) => f.range.start.line)).toEqual([lineOf('12')]);
    expect(findings.find((f) => f.message.includes('missing.yaml'))).toMatchObject({
      file: 'blueprint.yaml',
      range: { start: { line: lineOf('missing.yaml') } },
    });
    expect(only(findings, 'schema/unsafe-path')[0]).toMatchObject({
      range: { start: { line: lineOf('../outside.yaml') } },
    });
  });

  it('a contract that is neither OpenAPI nor AsyncAPI is reported', async () => {
    const findings = await load(withContracts(HEADER, { 'contracts/orders.openapi.yaml': 'hello: world\n' }));
    expect(only(findings, 'schema/contract-invalid')[0]!.message).toContain('neither OpenAPI');
  });

  it('a spec version YAML reads as a number is named as such, on its line', async () => {
    const numbered = 'info: { title: Orders, version: "1" }\nopenapi: 3.1\npaths: {}\n';
    const findings = await load(withContracts(HEADER, { 'contracts/orders.openapi.yaml': numbered }));
    const [invalid] = only(findings, 'schema/contract-invalid');
    expect(invalid!.message).toContain('`openapi` version is the number 3.1');
    expect(invalid!.message).not.toContain('neither');
    expect(invalid!.range.start.line).toBe(2);
  });

  it('an invalid OpenAPI document is reported by the validator with its location', async () => {
    const broken = ORDERS_OPENAPI.replace(
      "        '201':\n          description: Created\n",
      "        '201':\n          descriptions: Created\n",
    );
    const findings = await load(withContracts(HEADER, { 'contracts/orders.openapi.yaml': broken }));
    const [invalid] = only(findings, 'schema/contract-invalid');
    expect(invalid!.file).toBe('contracts/orders.openapi.yaml');
    expect(invalid!.message).toContain('not a valid OpenAPI 3.1.0 document');
  });
});
