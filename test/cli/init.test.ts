import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/init');

/** A git repository holding a copy of an init fixture. */
function repo(fixture: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-init-'));
  cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
  mkdirSync(path.join(root, '.git'));
  return root;
}

const run = runCli;

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describe('blueprint-review init', { timeout: 120_000 }, () => {
  it('writes the blueprint, then prints the to-do list grouped by what to decide first', async () => {
    const root = repo('backstage');
    const result = await run(['init', '--from', 'backstage'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Wrote:\n  blueprint/blueprint.yaml\n  blueprint/policies/error-handling.yaml',
    );
    expect(read(root, 'blueprint/blueprint.yaml')).toContain('- id: artist-web-to-artist-service');
    expect(read(root, 'blueprint/contracts/spotify-api.yaml')).toContain('openapi: 3.0.3');
    // Sources' problems with file:line, then the flows as inferred.
    expect(result.stdout).toMatch(
      /catalog\/apis\/apis\.yaml:71:5 {2}warning {2}API "petstore" is defined at https:/,
    );
    expect(result.stdout).toContain('playback-service → royalties  event via playback-topic');
    expect(result.stdout).toMatch(
      /^Read 0 contract documents and \d+ catalog entities from \d+ catalog files\.$/m,
    );
    // The to-do groups come in decision order, and never with a load problem.
    const titles = [...result.stdout.matchAll(/^\d+\. (.+) \(\d+\)$/gm)].map((m) => m[1]);
    expect(titles.slice(0, 3)).toEqual([
      'Owners: who signs off changes',
      'Topology: the pattern and mediator of each flow',
      'Contracts: versioning and what they promise',
    ]);
    expect(titles.filter((t) => t!.startsWith('Fix first'))).toEqual([]);
    expect(result.stdout).toMatch(
      /blueprint\/blueprint\.yaml:\d+:\d+ {2}error {2}System "playback-service" has no `owner`/,
    );
  });

  it('says plainly when no Backstage catalog was found', async () => {
    const result = await run(['init', '--dry-run'], repo('contracts'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Read [1-9]\d* contract documents? and no Backstage catalog file\.$/m);
  });

  it('counts a catalog file read even when none of its entities is valid', async () => {
    const root = repo('contracts');
    writeFileSync(
      path.join(root, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: service\n  owner: team-a\n',
    );
    const result = await run(['init', '--dry-run', '--from', 'backstage'], root);
    expect(result.stdout).toMatch(
      /^Read 0 contract documents and 0 catalog entities from 1 catalog file\.$/m,
    );
    expect(result.stdout).toMatch(
      /catalog-info\.yaml:5:1 {2}error {2}.*"orders" is not a valid catalog entity: .*lifecycle/,
    );
  });

  it('never overwrites without --force, and --force does', async () => {
    const root = repo('backstage');
    mkdirSync(path.join(root, 'blueprint'));
    writeFileSync(path.join(root, 'blueprint/blueprint.yaml'), '# mine\n');
    const refused = await run(['init', '--from', 'backstage'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('init never overwrites without --force:\n  blueprint/blueprint.yaml');
    expect(read(root, 'blueprint/blueprint.yaml')).toBe('# mine\n');
    expect(existsSync(path.join(root, 'blueprint/policies/security.yaml'))).toBe(false);

    const forced = await run(['init', '--from', 'backstage', '--force'], root);
    expect(forced.code).toBe(0);
    expect(read(root, 'blueprint/blueprint.yaml')).toContain('kind: Blueprint');
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const root = repo('backstage');
    const result = await run(
      ['init', '--from', 'backstage', '--dry-run', '--out', 'docs/architecture'],
      root,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Would write (dry run, nothing written):\n  docs/architecture/blueprint.yaml  (new)',
    );
    expect(result.stdout).toContain('To do:');
    expect(existsSync(path.join(root, 'docs'))).toBe(false);
  });

  it('--update exits 0 in step with the catalog and 1 with file:line once it drifts', async () => {
    const root = repo('backstage');
    expect((await run(['init', '--from', 'backstage'], root)).code).toBe(0);
    const clean = await run(['init', '--from', 'backstage', '--update'], root);
    expect(clean.stdout).not.toMatch(/drift\//);
    expect(clean.code).toBe(0);

    const web = 'catalog/components/artist-web.yaml';
    writeFileSync(path.join(root, web), read(root, web).replace('    - artist-api\n', ''));
    const drifted = await run(['init', '--from', 'backstage', '--update'], root);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(
      /^blueprint\/blueprint\.yaml:\d+:\d+ {2}error {2}artist-web is listed as a consumer of contract "artist-api", but the sources no longer say it consumes it\. {2}drift\/removed-consumer$/m,
    );
    expect(drifted.stdout).toMatch(/\d+ differences? between the sources and blueprint\/blueprint\.yaml/);
  });

  it('--update without a blueprint is a usage error', async () => {
    const root = repo('backstage');
    const result = await run(['init', '--update'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no blueprint.yaml in blueprint');
  });

  it('refuses an --out outside the repository', async () => {
    const root = repo('backstage');
    const result = await run(['init', '--out', '../elsewhere'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must live inside the repository');
  });

  it('writes nothing when a catalog file is broken, and says where', async () => {
    const root = repo('backstage');
    writeFileSync(
      path.join(root, 'catalog/system.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: x\nspec: {}\n',
    );
    const result = await run(['init', '--from', 'backstage'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /catalog\/system\.yaml:5:1 {2}error {2}catalog\/system\.yaml: System "x" is not a valid catalog entity: .*owner/,
    );
    expect(result.stderr).toContain('Nothing written');
    expect(existsSync(path.join(root, 'blueprint'))).toBe(false);
  });

  it('counts a contract that does not parse, names its file and line, and says what it did instead', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bpr-init-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'services/orders'), { recursive: true });
    writeFileSync(
      path.join(root, 'services/orders/openapi.yaml'),
      'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: 1.0.0\npaths:\n  /orders:\n    get: {responses: {"200": {description: ok}}\n',
    );
    const result = await run(['init'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^Read 0 contract documents \(1 file that looks like one could not be read: see below\) and no Backstage catalog file\.$/m,
    );
    expect(result.stdout).toMatch(
      /^ {2}services\/orders\/openapi\.yaml:7:10 {2}error {2}services\/orders\/openapi\.yaml does not parse: .*init\/contract-not-read$/m,
    );
    expect(result.stderr).toMatch(
      /^Nothing written: a blueprint made without the sources that have errors above/m,
    );
    expect(existsSync(path.join(root, 'blueprint'))).toBe(false);

    // The dry run promises no files a real run would refuse to write.
    const dry = await run(['init', '--dry-run'], root);
    expect(dry.stdout).not.toContain('Would write (dry run, nothing written)');
    expect(dry.stdout).toContain('Would write nothing (dry run): a blueprint made without the sources');
  });

  it('shows a few findings of each rule per step, says how many more, and where they all are', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bpr-init-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'apis'));
    // Eight operations, none with an error response: one rule, eight findings in one step.
    const paths = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `/items${i}`,
        { get: { operationId: `item${i}`, security: [], responses: { '200': { description: 'ok' } } } },
      ]),
    );
    const contract = { openapi: '3.0.3', info: { title: 'Items', version: '1.0.0' }, paths };
    writeFileSync(path.join(root, 'apis/items.json'), JSON.stringify(contract, null, 2));
    const result = await run(['init', '--dry-run'], root);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const shown = lines.filter(
      (l) => l.startsWith('  apis/') && l.endsWith('contracts/operation-without-error-response'),
    );
    expect(shown.map((l) => l.match(/`GET \/items\d`/)?.[0])).toEqual([
      '`GET /items0`',
      '`GET /items1`',
      '`GET /items2`',
      '`GET /items3`',
      '`GET /items4`',
    ]);
    expect(lines).toContain('  … and 3 more contracts/operation-without-error-response');
    expect(result.stdout).toMatch(/\(\d+\)\n[^]*Every finding: `blueprint-review lint blueprint`\.\n$/);
  });

  it('names a few systems and contracts in its summary, and how many more, for a repository of many', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bpr-init-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'apis'));
    for (let i = 0; i < 12; i++) {
      const contract = {
        openapi: '3.0.3',
        info: { title: `Service ${String(i).padStart(2, '0')}`, version: '1.0.0' },
        paths: { '/ping': { get: { responses: { '200': { description: 'ok' } } } } },
      };
      writeFileSync(
        path.join(root, `apis/service-${String(i).padStart(2, '0')}.json`),
        JSON.stringify(contract),
      );
    }
    const result = await run(['init', '--dry-run'], root);
    expect(result.code).toBe(0);
    const line = (label: string) => result.stdout.split('\n').find((l) => l.startsWith(label))!;
    for (const label of ['Systems', 'Contracts']) {
      expect(line(label)).toMatch(new RegExp(`^${label} +12 {2}[^,]+(, [^,]+){9}, … and 2 more$`));
    }
  });

  it('puts a contract that is not valid OpenAPI first, as a file to fix, with the rest after it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bpr-init-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'apis'));
    const contract = (title: string, responses: unknown) => ({
      openapi: '3.0.3',
      info: { title, version: '1.0.0' },
      paths: { '/ping': { get: { security: [], responses } } },
    });
    writeFileSync(
      path.join(root, 'apis/good.json'),
      JSON.stringify(contract('Good', { '200': { description: 'ok' } })),
    );
    // `responses` must be an object: swagger-parser's validation refuses the document.
    writeFileSync(path.join(root, 'apis/bad.json'), JSON.stringify(contract('Bad', 'none')));
    const result = await run(['init', '--dry-run'], root);
    expect(result.code).toBe(0);
    const titles = [...result.stdout.matchAll(/^\d+\. (.+) \(\d+\)$/gm)].map((m) => m[1]);
    expect(titles[0]).toBe('Fix first: files the review cannot read or validate');
    expect(titles.slice(1)).toContain('Contracts: versioning and what they promise');
    const fixFirst = result.stdout.split(/^\d+\. /m)[1]!;
    expect(fixFirst).toMatch(/apis\/bad\.json:\d+:\d+ {2}error .*schema\/contract-invalid/);
    expect(fixFirst).not.toContain('apis/good.json');
  });
});
