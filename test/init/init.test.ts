/**
 * `init` on fixtures written after the public examples of both ecosystems: the AsyncAPI
 * Streetlights (3.0 and 2.x) and Kraken-style WebSocket documents, and a Backstage catalog in the
 * style of Backstage's example catalog (a Location, groups, a system, components, resources, APIs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { FileSource } from '../../src/core/file-source.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { applicationRole } from '../../src/init/contracts.js';
import { checkDrift, lintPlan, planInit } from '../../src/init/index.js';
import type { InitOptions, InitPlan } from '../../src/init/index.js';
import { loadBlueprint } from '../../src/load/load-blueprint.js';
import { RULE_SET } from '../../rules/index.js';
import { parseDocument } from 'yaml';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/init');

/** A fixture folder as an in-memory snapshot, optionally under a prefix, with changes applied. */
function snapshot(
  folder: string,
  prefix = '',
  changes: Record<string, string | undefined> = {},
): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, child);
      else files[prefix + child] = readFileSync(full, 'utf8');
    }
  };
  walk(path.join(FIXTURES, folder), '');
  for (const [file, text] of Object.entries(changes)) {
    if (text === undefined) delete files[file];
    else files[file] = text;
  }
  return files;
}

const options = (from: InitOptions['from'], extra: Partial<InitOptions> = {}): InitOptions => ({
  under: '',
  out: 'blueprint',
  from,
  name: 'demo',
  ...extra,
});

/**
 * Plans, then loads what would be written. Contract validation (the OpenAPI and AsyncAPI parsers,
 * slow on this machine) runs once per fixture, in the tests that assert a clean load.
 */
async function planAndLoad(files: Record<string, string>, opts: InitOptions, validateContracts = false) {
  const source = new InMemoryFileSource(files);
  const plan = await planInit(source, opts);
  const written = new InMemoryFileSource({
    ...files,
    ...Object.fromEntries(plan.files.map((f) => [f.path, f.text])),
  });
  const loaded = await loadBlueprint(written, opts.out, { validateContracts });
  return { source, plan, written, loaded };
}

const flowsOf = (plan: InitPlan) =>
  plan.topology.flows.map((f) => `${f.from} -> ${f.to} ${f.pattern ?? '?'} ${f.via ?? '-'}`).sort();

describe('applicationRole', () => {
  it('reads AsyncAPI 2.x operations from the clients\u2019 side and 3.x from the application\u2019s', () => {
    expect(applicationRole('send')).toBe('send');
    expect(applicationRole('receive')).toBe('receive');
    expect(applicationRole('subscribe')).toBe('send'); // 2.x: the application produces, clients subscribe
    expect(applicationRole('publish')).toBe('receive'); // 2.x: clients publish, the application consumes
  });
});

describe('init from contracts (AsyncAPI 2.x and 3.0, OpenAPI)', () => {
  it('writes a blueprint that loads with no schema findings', { timeout: 60_000 }, async () => {
    const { loaded, plan } = await planAndLoad(snapshot('contracts'), options(['contracts']), true);
    expect(loaded.findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
    expect(loaded.model?.systems.map((s) => s.id).sort()).toEqual([
      'energy-dashboard',
      'kraken-websockets-api',
      'orders-api',
      'streetlight-firmware',
      'streetlights-api',
      'trading-bot',
    ]);
    expect(plan.findings).toEqual([]);
    expect(plan.files.map((f) => f.path)).toEqual([
      'blueprint/blueprint.yaml',
      'blueprint/policies/error-handling.yaml',
      'blueprint/policies/security.yaml',
    ]);
  });

  it('reads AsyncAPI 3 send/receive and 2.x subscribe/publish in the right direction', async () => {
    const { plan } = await planAndLoad(snapshot('contracts'), options(['contracts']));
    const measured = 'smartylighting-streetlights-1-0-event-streetlightid-lighting-measured';
    expect(flowsOf(plan)).toEqual(
      [
        // 2.x `subscribe` in the firmware: the firmware publishes its measurements; the 3.0 Streetlights
        // API `receive`s them and the 2.x dashboard's `publish` means it consumes them.
        `streetlight-firmware -> energy-dashboard event ${measured}`,
        `streetlight-firmware -> streetlights-api event ${measured}`,
        // 3.0 `send` of commands; the firmware's 2.x `publish` = it consumes them.
        'streetlights-api -> streetlight-firmware event smartylighting-streetlights-1-0-action-streetlightid-dim',
        'streetlights-api -> streetlight-firmware event smartylighting-streetlights-1-0-action-streetlightid-turn-on',
        // Kraken-style WebSocket: no broker, so no mediator and no guessed pattern.
        'kraken-websockets-api -> trading-bot ? -',
        'trading-bot -> kraken-websockets-api ? -',
      ].sort(),
    );
  });

  it('registers each document with its provider, owner and the consumers met on its channels', async () => {
    const { loaded } = await planAndLoad(snapshot('contracts'), options(['contracts']));
    const contract = (id: string) => loaded.model!.contracts.find((c) => c.id === id)!;
    expect(contract('streetlight-firmware')).toMatchObject({
      file: '../devices/firmware/asyncapi.yaml',
      owner: 'smartylighting/devices',
      provider: 'streetlight-firmware',
      consumers: ['energy-dashboard', 'streetlights-api'],
    });
    expect(contract('orders-api')).toMatchObject({
      provider: 'orders-api',
      owner: 'shop/orders',
      consumers: [],
    });
    const orders = loaded.model!.systems.find((s) => s.id === 'orders-api')!;
    expect(orders.technical).toEqual({ auth: ['oauth2-client-credentials'], protocols: ['https'] });
  });

  it(
    'names the operation and channel each flow uses, and they exist in the contract',
    { timeout: 60_000 },
    async () => {
      const { written, plan } = await planAndLoad(snapshot('contracts'), options(['contracts']));
      const { rules } = resolveRules(RULE_SET, {});
      const findings = await lintPlan(written, plan, 'blueprint', rules, { validateContracts: false });
      expect(
        findings.filter((f) => f.ruleId === 'topology/unknown-operation' || f.ruleId.startsWith('schema/')),
      ).toEqual([]);
      const dim = plan.topology.flows.find((f) => f.via?.endsWith('dim'))!;
      expect(dim.contract).toEqual({
        path: 'services/streetlights/asyncapi.yaml',
        operation: 'dimLight',
        channel: 'lightsDim',
      });
    },
  );

  it('takes the owner from a GitHub team page in info.contact.url when there is no x-owner', async () => {
    const doc = (title: string, contact: string) => `openapi: 3.0.3
info:
  title: ${title}
  version: 1.0.0
  contact: { name: Someone, url: '${contact}' }
paths: {}
`;
    const files = {
      'apis/team.yaml': doc('Team API', 'https://github.com/orgs/acme/teams/orders'),
      'apis/slash.yaml': doc('Slash API', 'https://www.github.com/orgs/acme/teams/billing/'),
      // Not a team: an organisation, a repository, another host, plain http, an escape in the slug.
      'apis/org.yaml': doc('Org API', 'https://github.com/acme'),
      'apis/repo.yaml': doc('Repo API', 'https://github.com/acme/orders'),
      'apis/host.yaml': doc('Host API', 'https://github.example.com/orgs/acme/teams/orders'),
      'apis/http.yaml': doc('Http API', 'http://github.com/orgs/acme/teams/orders'),
      'apis/escape.yaml': doc('Escape API', 'https://github.com/orgs/acme/teams/or%2Fders'),
    };
    const { loaded } = await planAndLoad(files, options(['contracts']));
    const owners = Object.fromEntries(loaded.model!.contracts.map((c) => [c.id, c.owner ?? null]));
    expect(owners).toEqual({
      team: 'acme/orders',
      slash: 'acme/billing',
      org: null,
      repo: null,
      host: null,
      http: null,
      escape: null,
    });
  });

  it('marks with TODO what only a person can decide', async () => {
    const { plan } = await planAndLoad(snapshot('contracts'), options(['contracts']));
    const blueprint = plan.files.find((f) => f.role === 'blueprint')!.text;
    expect(blueprint).toMatch(/# TODO errorHandling, security:/);
    expect(blueprint).toMatch(/# TODO requirements:/);
    expect(blueprint).toMatch(/# TODO decision/);
    expect(blueprint).toMatch(/# TODO pattern: trading-bot sends a request on \/ and expects a reply/);
    for (const file of plan.files.filter((f) => f.role === 'policies')) expect(file.text).toMatch(/# TODO /);
  });
});

describe('init from a Backstage catalog', () => {
  it('maps components, resources, APIs and groups, and loads cleanly', { timeout: 60_000 }, async () => {
    const { loaded, plan } = await planAndLoad(snapshot('backstage'), options(['backstage']), true);
    expect(loaded.findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
    const model = loaded.model!;
    expect(model.name).toBe('music-platform');
    expect(model.owner).toBe('acme/team-a');
    const system = (id: string) => model.systems.find((s) => s.id === id);
    expect(system('artist-web')).toMatchObject({
      owner: 'acme/team-a',
      type: 'frontend',
      lifecycle: 'production',
    });
    expect(system('artist-service')).toMatchObject({ owner: 'acme/team-b', type: 'service' });
    expect(system('royalties')).toMatchObject({ owner: 'jdoe' });
    expect(system('spotify')).toMatchObject({ external: true });
    expect(system('artists-db')).toMatchObject({ type: 'database' });
    // team-c has no GitHub annotation: no owner is guessed, a TODO says why.
    expect(system('playback-service')?.owner).toBeUndefined();
    expect(plan.files[0]!.text).toContain('Group "team-c" has no github.com/team-slug');
    // The kafka-topic Resource is a platform component, and the channel of playback-events uses it.
    expect(model.components).toMatchObject([
      { id: 'playback-topic', kind: 'broker-topic', owner: 'acme/team-a' },
    ]);
  });

  it('turns providesApis/consumesApis into flows with the API type\u2019s pattern', async () => {
    const { plan, loaded } = await planAndLoad(snapshot('backstage'), options(['backstage']));
    expect(flowsOf(plan)).toEqual([
      'artist-service -> artists-db ? -', // dependsOn: direction and pattern left to a person
      'artist-service -> spotify request-response -',
      'artist-web -> artist-service request-response -',
      'playback-service -> royalties event playback-topic', // the provider's AsyncAPI document `send`s
      'royalties -> playback-service request-response -', // grpc: a call, but no contract to register
    ]);
    const contracts = loaded.model!.contracts;
    expect(contracts.map((c) => [c.id, c.file, c.provider, c.consumers, c.status])).toEqual([
      [
        'artist-api',
        '../services/artist-service/openapi.yaml',
        'artist-service',
        ['artist-web'],
        'finalized',
      ],
      [
        'playback-events',
        '../catalog/apis/playback-events.asyncapi.yaml',
        'playback-service',
        ['royalties'],
        'draft',
      ],
      ['spotify-api', 'contracts/spotify-api.yaml', 'spotify', ['artist-service'], 'finalized'],
    ]);
    // The inline definition is written next to the blueprint, as it was in the catalog.
    expect(plan.files.find((f) => f.path === 'blueprint/contracts/spotify-api.yaml')?.text).toContain(
      'operationId: getTrack',
    );
  });

  it('reports what it will not fetch or cannot register, with file and line', async () => {
    const { plan } = await planAndLoad(snapshot('backstage'), options(['backstage']));
    expect(plan.findings.map((f) => [f.ruleId, f.severity, `${f.file}:${f.range.start.line}`])).toEqual([
      ['init/remote-definition', 'info', 'catalog-info.yaml:14'],
      ['init/unsupported-api-type', 'info', 'catalog/apis/apis.yaml:31'],
      ['init/remote-definition', 'warning', 'catalog/apis/apis.yaml:71'],
    ]);
  });

  it('reports every relation to an API the catalog does not hold, wherever the entity stands', async () => {
    const entity = (kind: string, name: string, spec: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  lifecycle: production\n  owner: team-a\n${spec}`;
    const catalog = [
      entity('API', 'orders-api', '  type: openapi\n  definition: "openapi: 3.0.3"\n'),
      entity('Component', 'orders', '  type: service\n  providesApis: [orders-api]\n'),
      entity(
        'Component',
        'late',
        '  type: service\n  providesApis: [orders-api, ghost-api]\n  consumesApis: [phantom-api]\n',
      ),
    ].join('---\n');
    const files = { 'catalog-info.yaml': catalog };
    const { plan } = await planAndLoad(files, options(['backstage']));
    const lineOf = (text: string) => catalog.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(
      plan.findings
        .filter((f) => f.ruleId === 'init/unknown-reference')
        .map((f) => [f.message.match(/"([a-z-]+-api)"/)?.[1], `${f.file}:${f.range.start.line}`]),
    ).toEqual([
      ['ghost-api', `catalog-info.yaml:${lineOf('ghost-api')}`],
      ['phantom-api', `catalog-info.yaml:${lineOf('phantom-api')}`],
    ]);
    // Of two providers, the first in catalog order provides.
    expect(plan.topology.contracts.find((c) => c.id === 'orders-api')?.provider).toBe('orders');
  });

  describe('never touches the network', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('leaves remote locations and $text URLs unread', async () => {
      const fetch = vi.fn(() => Promise.reject(new Error('no network in tests')));
      vi.stubGlobal('fetch', fetch);
      await planAndLoad(snapshot('backstage'), options(['backstage']));
      expect(fetch).not.toHaveBeenCalled();
    });
  });
});

describe('init from both sources', () => {
  it('lets the catalog name the provider of a document it defines', { timeout: 60_000 }, async () => {
    const files = { ...snapshot('contracts'), ...snapshot('backstage') };
    const { loaded, plan } = await planAndLoad(files, options(['contracts', 'backstage']));
    expect(loaded.findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
    // artist-api's document is known to both: one contract, provided by the catalog's component.
    const artist = loaded.model!.contracts.filter((c) => c.path === 'services/artist-service/openapi.yaml');
    expect(artist).toMatchObject([{ id: 'artist-api', provider: 'artist-service' }]);
    expect(plan.topology.systems.some((s) => s.id === 'artist-api')).toBe(false);
  });

  it('says in its header the sources it read, not the ones it was asked to look for', async () => {
    const header = async (files: Record<string, string>) => {
      const plan = await planInit(new InMemoryFileSource(files), options(['contracts', 'backstage']));
      const text = plan.files.find((f) => f.role === 'blueprint')!.text;
      return text.slice(0, text.indexOf('apiVersion:'));
    };
    const contractsOnly = await header(snapshot('contracts'));
    expect(contractsOnly).toMatch(/from the OpenAPI\/AsyncAPI files\./);
    expect(contractsOnly).not.toMatch(/Backstage/);
    const both = await header({ ...snapshot('contracts'), ...snapshot('backstage') });
    expect(both).toMatch(/from the OpenAPI\/AsyncAPI files and the Backstage catalog\./);
    for (const line of both.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('init --update: drift', () => {
  /** The files with one text replaced in one of them. */
  const edit = (files: Record<string, string>, file: string, from: string, to: string) => ({
    ...files,
    [file]: files[file]!.replace(from, to),
  });

  async function initialised(files: Record<string, string>) {
    const plan = await planInit(new InMemoryFileSource(files), options(['backstage']));
    return { ...files, ...Object.fromEntries(plan.files.map((f) => [f.path, f.text])) };
  }

  const ADDED_API = `---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: charts-api
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ./charts.openapi.yaml
`;
  const CHARTS = `openapi: 3.1.0
info: { title: Charts, version: 1.0.0 }
paths: {}
`;

  it('is quiet when the sources say nothing new', async () => {
    const files = await initialised(snapshot('backstage'));
    const { findings } = await checkDrift(new InMemoryFileSource(files), options(['backstage']));
    expect(findings.filter((f) => f.ruleId.startsWith('drift/'))).toEqual([]);
  });

  it('finds an added API and a removed one, each where it is said', async () => {
    const files = await initialised(snapshot('backstage'));
    const apis = files['catalog/apis/apis.yaml']!;
    // Remove the playback-events API (and royalties' use of it); add charts-api, consumed by artist-web.
    const withoutPlayback = apis.replace(
      /apiVersion: backstage.io\/v1alpha1\nkind: API\nmetadata:\n {2}name: playback-events[\s\S]*?---\n/,
      '',
    );
    const changed: Record<string, string> = {
      ...files,
      'catalog/apis/apis.yaml': withoutPlayback + ADDED_API,
      'catalog/apis/charts.openapi.yaml': CHARTS,
      'catalog/components/artist-web.yaml': files['catalog/components/artist-web.yaml']!.replace(
        '    - petstore',
        '    - petstore\n    - charts-api',
      ),
      'catalog/components/services.yaml': files['catalog/components/services.yaml']!.replace(
        'providesApis: [playback-events, playback-grpc]',
        'providesApis: [playback-grpc, charts-api]',
      ).replace('consumesApis: [playback-events, playback-grpc]', 'consumesApis: [playback-grpc]'),
    };
    const { findings } = await checkDrift(new InMemoryFileSource(changed), options(['backstage']));
    const drift = findings.filter((f) => f.ruleId.startsWith('drift/'));
    const line = (file: string, text: string) =>
      changed[file]!.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(drift.map((f) => [f.ruleId, `${f.file}:${f.range.start.line}`])).toEqual(
      expect.arrayContaining([
        [
          'drift/new-contract',
          `catalog/apis/apis.yaml:${line('catalog/apis/apis.yaml', 'name: charts-api')}`,
        ],
        [
          'drift/new-flow',
          `catalog/components/artist-web.yaml:${line('catalog/components/artist-web.yaml', '- charts-api')}`,
        ],
        [
          'drift/removed-contract',
          `blueprint/blueprint.yaml:${line('blueprint/blueprint.yaml', '- id: playback-events')}`,
        ],
      ]),
    );
    // The flow that used the removed API is named in the same finding, not reported twice.
    expect(drift.find((f) => f.ruleId === 'drift/removed-contract')!.message).toMatch(/1 flow still uses it/);
    expect(drift).toHaveLength(3);
  });

  it('finds a removed consumer at its line in the blueprint', async () => {
    const files = await initialised(snapshot('backstage'));
    const changed = edit(files, 'catalog/components/artist-web.yaml', '    - artist-api\n', '');
    const { findings } = await checkDrift(new InMemoryFileSource(changed), options(['backstage']));
    const removed = findings.filter((f) => f.ruleId === 'drift/removed-consumer');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.message).toMatch(/artist-web is listed as a consumer of contract "artist-api"/);
    const blueprint = changed['blueprint/blueprint.yaml']!.split('\n');
    expect(blueprint[removed[0]!.range.start.line - 1]).toContain('consumers: [artist-web]');
  });

  it('reports a changed owner on the blueprint line that is now wrong', async () => {
    const files = await initialised(snapshot('backstage'));
    const changed = edit(files, 'catalog/components/artist-web.yaml', 'owner: team-a', 'owner: team-b');
    const { findings } = await checkDrift(new InMemoryFileSource(changed), options(['backstage']));
    const owner = findings.find((f) => f.ruleId === 'drift/owner-changed')!;
    expect(owner.message).toMatch(
      /System "artist-web" is owned by acme\/team-b according to the sources \(catalog\/components\/artist-web.yaml:\d+\), not acme\/team-a/,
    );
    expect(changed['blueprint/blueprint.yaml']!.split('\n')[owner.range.start.line - 1]).toContain(
      'owner: acme/team-a',
    );
  });
});

describe('init --update from contracts', () => {
  it('a deleted AsyncAPI document removes its contract, its consumer entry and its flow', async () => {
    const files = snapshot('contracts');
    const plan = await planInit(new InMemoryFileSource(files), options(['contracts']));
    const initialised = { ...files, ...Object.fromEntries(plan.files.map((f) => [f.path, f.text])) };
    const { 'services/dashboard/asyncapi.json': _gone, ...changed } = initialised;
    const { findings } = await checkDrift(new InMemoryFileSource(changed), options(['contracts']));
    const at = (text: string) =>
      changed['blueprint/blueprint.yaml']!.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([
      ['drift/removed-consumer', at('consumers: [energy-dashboard, streetlights-api]')],
      [
        'drift/removed-contract',
        at('- id: energy-dashboard\n') || at('file: ../services/dashboard/asyncapi.json') - 1,
      ],
      ['drift/removed-flow', at('- id: streetlight-firmware-to-energy-dashboard')],
    ]);
  });
});

describe('bad catalog files', () => {
  const catalog = (text: string): FileSource => new InMemoryFileSource({ 'catalog-info.yaml': text });
  const run = async (text: string) => (await planInit(catalog(text), options(['backstage']))).findings;

  it('a YAML syntax error names file and line', async () => {
    const findings = await run(
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n',
    );
    expect(findings).toMatchObject([
      { ruleId: 'init/catalog-yaml-syntax', severity: 'error', file: 'catalog-info.yaml' },
    ]);
    expect(findings[0]!.range.start.line).toBeGreaterThan(1);
  });

  it('an invalid entity in the second document names the field\u2019s line', async () => {
    const findings = await run(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  owner: team-a
`);
    expect(findings).toMatchObject([
      { ruleId: 'init/catalog-invalid', severity: 'error', file: 'catalog-info.yaml' },
    ]);
    expect(findings[0]!.message).toMatch(/Component "orders" is not a valid catalog entity: .*lifecycle/);
    expect(findings[0]!.range.start.line).toBe(10); // the `spec:` that lacks lifecycle
  });

  it('a malformed entity name is reported on its line', async () => {
    const findings = await run(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: not a valid name!
spec: { type: service, lifecycle: production, owner: team-a }
`);
    expect(findings).toMatchObject([{ ruleId: 'init/catalog-invalid', range: { start: { line: 4 } } }]);
    expect(findings[0]!.message).toMatch(/metadata\.name/);
  });

  it('a document that is not an entity is reported, not skipped', async () => {
    const findings = await run('- just\n- a list\n');
    expect(findings).toMatchObject([{ ruleId: 'init/catalog-invalid', range: { start: { line: 1 } } }]);
  });

  it('refuses $text and location targets that leave the repository', async () => {
    const findings = await run(`apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: secrets }
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ../../../etc/passwd
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: escape }
spec:
  targets: [/etc/catalog.yaml]
`);
    expect(findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([
      ['init/unsafe-reference', 9],
      ['init/unsafe-reference', 15],
    ]);
  });

  it('bounds alias expansion (billion laughs) with a finding, not a hang', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill('*' + String.fromCharCode(96 + i))
          .join(', ')}]`,
      );
    const findings = await run(bomb.join('\n') + '\n');
    expect(findings).toMatchObject([
      { ruleId: 'init/catalog-yaml-syntax', message: expect.stringMatching(/alias/i) },
    ]);
  });

  it('does not read a catalog file over the size limit', async () => {
    const big = 'apiVersion: backstage.io/v1alpha1\n# ' + 'x'.repeat(2000) + '\n';
    const plan = await planInit(catalog(big), options(['backstage'], { limits: { maxFileBytes: 1000 } }));
    expect(plan.findings).toMatchObject([
      {
        ruleId: 'init/catalog-unreadable',
        message: expect.stringMatching(/is 2\d{3} bytes, over limits\.maxFileBytes \(1000 bytes\)/),
      },
    ]);
  });

  it('stops at limits.maxFiles however many files a Location names, with one finding', async () => {
    const files: Record<string, string> = {
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: all }\nspec: { targets: [./teams/*.yaml] }\n',
    };
    for (let i = 0; i < 50; i++)
      files[`teams/t${i}.yaml`] =
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: t${i} }\nspec: { type: team, children: [] }\n`;
    const plan = await planInit(
      new InMemoryFileSource(files),
      options(['backstage'], { limits: { maxFiles: 10 } }),
    );
    expect(plan.findings).toMatchObject([{ ruleId: 'init/too-many-files', severity: 'error' }]);
  });

  it('refuses a Location glob that could take minutes to match, with its line, and reads the rest', async () => {
    const files: Record<string, string> = {
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: all }\nspec: { targets: ["./teams/*(a|aa)*(a|aa)*(a|aa)b", ./teams/*.yaml] }\n',
      [`teams/${'a'.repeat(40)}`]: 'not yaml: [',
      'teams/t1.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: t1 }\nspec: { type: team, children: [] }\n',
    };
    const plan = await planInit(new InMemoryFileSource(files), options(['backstage']));
    expect(plan.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'init/unsafe-reference',
        severity: 'error',
        file: 'catalog-info.yaml',
        message: expect.stringContaining('is refused: extglobs and groups'),
      }),
    );
    expect(plan.findings.filter((f) => f.ruleId !== 'init/unsafe-reference')).toEqual([]);
  });

  it('keeps names inert in the YAML comments it writes', async () => {
    const plan = await planInit(
      catalog(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders }
spec:
  type: service
  lifecycle: production
  owner: "team-x\\nowner: evil/team\\u001b[2J"
`),
      options(['backstage']),
    );
    const blueprint = plan.files[0]!.text;
    expect(blueprint).not.toMatch(/^\s*owner: evil/m);
    expect(blueprint).not.toContain('\u001b');
    const loaded = await loadBlueprint(
      new InMemoryFileSource({ 'blueprint/blueprint.yaml': blueprint }),
      'blueprint',
    );
    expect(loaded.model?.systems[0]?.owner).toBeUndefined();
  });
});

describe('a contract whose text tries to write YAML of its own', () => {
  // A title, a description, an owner and a server URL each carry a line break followed by a key, a
  // list item, a comment and a document end: written as values or as one comment line, none of it
  // may become YAML of the generated file.
  const hostile = (what: string) => `${what}\nowner: evil/team\n- id: forged # x\n---\n...\u001b[2J`;
  const contract = JSON.stringify({
    openapi: '3.1.0',
    info: {
      title: hostile('Orders API'),
      description: hostile('About'),
      version: '1.0.0',
      'x-owner': hostile('acme/orders'),
    },
    servers: [{ url: hostile('https://orders.example.com') }],
    paths: {},
  });

  it('keeps each value one value and each comment one comment, as the file is parsed back', async () => {
    const { plan, loaded } = await planAndLoad(
      { 'api/orders.openapi.json': contract },
      options(['contracts']),
    );
    const blueprint = plan.files.find((f) => f.role === 'blueprint')!.text;
    expect(blueprint).not.toContain('\u001b');
    const doc = parseDocument(blueprint);
    expect(doc.errors).toEqual([]);
    const data = doc.toJS() as {
      metadata: Record<string, unknown>;
      systems: Record<string, unknown>[];
      contracts: Record<string, unknown>[];
    };
    expect(Object.keys(data)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'systems',
      'contracts',
      'requirements',
    ]);
    expect(data.systems).toHaveLength(1);
    expect(data.systems[0]!.name).toBe(hostile('Orders API'));
    expect(data.systems[0]!.owner).toBeUndefined();
    expect(data.contracts).toHaveLength(1);
    expect(Object.keys(data.contracts[0]!).sort()).toEqual([
      'description',
      'file',
      'id',
      'provider',
      'status',
    ]);
    expect(data.contracts[0]!.description).toBe(hostile('Orders API'));
    // The owner init could not use is named in a TODO comment (the system's, the contract's): one
    // line each, whatever it held.
    const todos = blueprint.split('\n').filter((l) => l.includes('acme/orders'));
    expect(todos).toHaveLength(2);
    for (const todo of todos) expect(todo).toMatch(/^\s*# TODO owner: x-owner "acme\/orders owner: evil/);
    expect(loaded.model?.systems.map((s) => s.owner)).toEqual([undefined]);
  });
});

describe('contract files init cannot read', () => {
  const run = async (files: Record<string, string>, limits?: InitOptions['limits']) =>
    (await planInit(new InMemoryFileSource(files), options(['contracts'], { limits }))).findings;
  const orders = 'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\n';

  it('says which file was over the size limit, and is quiet about lock files', async () => {
    const big = orders + '# ' + 'x'.repeat(3000) + '\n';
    const findings = await run(
      { 'api/orders.yaml': big, 'package-lock.json': `{"a":"${'x'.repeat(3000)}"}`, 'ok.yaml': orders },
      { maxFileBytes: 2000 },
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'init/contract-not-read',
        severity: 'warning',
        file: 'api/orders.yaml',
        message: expect.stringMatching(/is 3\d{3} bytes, over limits\.maxFileBytes \(2000 bytes\)/),
      },
    ]);
  });

  it('reports a contract with a syntax error at its line instead of leaving it out', async () => {
    const findings = await run({ 'api/orders.yaml': orders + 'components:\n  schemas: [unclosed\n' });
    expect(findings).toMatchObject([
      { ruleId: 'init/contract-not-read', severity: 'error', file: 'api/orders.yaml' },
    ]);
    expect(findings[0]!.range.start.line).toBeGreaterThanOrEqual(4);
  });

  it('reports a spec version YAML reads as a number, on its line', async () => {
    const findings = await run({
      'api/events.yaml': 'info: { title: Events }\nasyncapi: 2.6\nchannels: {}\n',
    });
    expect(findings).toMatchObject([
      {
        ruleId: 'init/contract-not-read',
        severity: 'error',
        message: expect.stringContaining('`asyncapi` version is the number 2.6'),
      },
    ]);
    expect(findings[0]!.range.start.line).toBe(2);
  });

  it('stays quiet about YAML that only mentions a spec key below its root', async () => {
    const chart = 'service:\n  openapi: 3.0.3\n  port: 80\n';
    expect(await run({ 'chart/values.yaml': chart, 'api/orders.yaml': orders })).toEqual([]);
  });
});
