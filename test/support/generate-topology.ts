/**
 * A generator of large topologies for the architecture document's scale tests: `systems` systems in
 * `domains` domains, `flows` flows between them (most inside a domain, some across; a few systems
 * are hubs, as gateways and systems of record are in real organisations), every pattern, and the
 * platform components a real integration platform has (a gateway, a mesh, one topic per domain, ETL
 * jobs, a stream processor). No contracts: the document's topology is what is under test, and the
 * loader reads the result in well under a second.
 *
 * Deterministic: the same options give the same bytes.
 */

export interface TopologyOptions {
  systems: number;
  flows: number;
  domains: number;
  /** Declare `domain` on each system (default true); without it systems are grouped by owner. */
  declareDomains?: boolean;
  /** Share of flows that cross domains (default 0.25). */
  crossDomain?: number;
  /** Blueprint folder inside the repository (default `blueprints/large`). */
  root?: string;
}

export interface GeneratedTopology {
  /** Repository-relative path → text. */
  files: Map<string, string>;
  root: string;
}

const PATTERNS = ['request-response', 'event', 'batch', 'stream'] as const;

export function generateTopology(options: TopologyOptions): GeneratedTopology {
  const root = options.root ?? 'blueprints/large';
  const random = mulberry32(options.systems * 7919 + options.flows);
  const domains = Math.max(1, Math.min(options.domains, options.systems));
  const domainOf = (s: number) => s % domains;
  const inDomain = (d: number) => range(options.systems).filter((s) => domainOf(s) === d);
  const members = range(domains).map(inDomain);
  /** Low indexes are picked far more often: a few hubs, a long tail. */
  const skewed = (list: readonly number[]) => list[Math.floor(list.length * random() ** 2.5)]!;

  const systems = range(options.systems).map((s) => {
    const d = domainOf(s);
    const external = s % 17 === 5;
    return `  - { id: ${systemId(s)}, name: System ${s} of ${domainName(d)}, owner: acme/team-${pad(d)}-${s % 3}${
      options.declareDomains === false ? '' : `, domain: ${domainName(d)}`
    }, type: ${external ? 'saas' : 'service'}${external ? ', external: true' : ''} }`;
  });
  const components = [
    '  - { id: api-gateway, name: API gateway, kind: api-gateway, owner: acme/platform }',
    '  - { id: service-mesh, name: Service mesh, kind: service-mesh, owner: acme/platform }',
    '  - { id: nightly-etl, name: Nightly ETL, kind: etl-job, owner: acme/data }',
    '  - { id: stream-processor, name: Stream processor, kind: stream-processor, owner: acme/data }',
    ...range(domains).map(
      (d) =>
        `  - { id: ${domainName(d)}-events, name: ${domainName(d)}.events.v1, kind: broker-topic, owner: acme/platform }`,
    ),
  ];
  const flows = range(options.flows).map((f) => {
    const fromDomain = f % domains;
    const across = random() < (options.crossDomain ?? 0.25);
    const toDomain = across ? (fromDomain + 1 + Math.floor(random() * (domains - 1))) % domains : fromDomain;
    const from = skewed(members[fromDomain]!);
    let to = skewed(members[toDomain]!);
    if (to === from)
      to = members[toDomain]![(members[toDomain]!.indexOf(from) + 1) % members[toDomain]!.length]!;
    const pattern = PATTERNS[f % PATTERNS.length]!;
    const via = {
      'request-response': f % 3 === 0 ? 'api-gateway' : 'service-mesh',
      event: `${domainName(fromDomain)}-events`,
      batch: 'nightly-etl',
      stream: 'stream-processor',
    }[pattern];
    return `  - { id: flow-${pad(f)}, from: ${systemId(from)}, to: ${systemId(to)}, pattern: ${pattern}, via: ${via} }`;
  });
  const blueprint = [
    'apiVersion: blueprint-review/v1',
    'kind: Blueprint',
    'metadata: { name: large, title: Generated large topology, owner: acme/integration-architects }',
    'systems:',
    ...systems,
    'components:',
    ...components,
    'flows:',
    ...flows,
    '',
  ].join('\n');
  return { files: new Map([[`${root}/blueprint.yaml`, blueprint]]), root };
}

const pad = (i: number) => String(i).padStart(5, '0');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const systemId = (s: number) => `system-${pad(s)}`;
const domainName = (d: number) => `domain-${String(d).padStart(2, '0')}`;

/** A small seeded generator (mulberry32): deterministic across runs and platforms. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
