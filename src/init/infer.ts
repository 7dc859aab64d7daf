/**
 * Turns what the contracts and the catalog say into a topology: systems, the broker channels that
 * mediate events, the contract registry and the flows. One rule per fact:
 *
 * - A contract document describes one application: its provider. AsyncAPI operations say what that
 *   application sends to and receives from each channel (see `applicationRole`); documents that
 *   name the same channel address meet on it, and every sender → receiver pair is an event flow
 *   through the channel's broker component.
 * - In the catalog, a component that `providesApis` an API is its provider, one that `consumesApis`
 *   it a consumer: OpenAPI (and gRPC, GraphQL) consumers call the provider (request-response, from
 *   consumer to provider); for AsyncAPI the provider's document says which way each channel goes.
 * - What neither source can say (policies, requirements, decisions, a pattern for request/reply over
 *   a channel) is left for a person, with a TODO note where it belongs.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { Finding } from '../core/finding.js';
import { isRecord } from '../load/contract-model.js';
import type { CatalogEntity, DefinitionSource } from './backstage.js';
import { definitionOf, inlineExtension } from './backstage.js';
import type { ContractFacts, MessageExchange } from './contracts.js';
import { evidenceAt, initFinding } from './evidence.js';
import { IdAllocator, isOwner, toId } from './ids.js';
import type {
  ComponentKind,
  Evidence,
  InferredComponent,
  InferredContract,
  InferredFlow,
  InferredSystem,
  InferredTopology,
  Lifecycle,
  SystemType,
} from './types.js';

export interface InferInput {
  /** Default blueprint name (the folder's). */
  name: string;
  /** Contract documents whose applications and channels become topology (`--from contracts`). */
  contracts: readonly ContractFacts[];
  /** Documents the catalog's API entities define, by repository path (read for their channels). */
  definitions: ReadonlyMap<string, ContractFacts>;
  /** Catalog entities (`--from backstage`); empty when the catalog is not a source. */
  entities: readonly CatalogEntity[];
  /** Where an API's inline definition is written: a repository path. */
  inlinePath: (api: CatalogEntity, extension: 'yaml' | 'json') => string;
}

/** Broker protocols of AsyncAPI's server bindings: a channel there is a topic or queue to design. */
const DIRECT_PROTOCOLS = new Set(['ws', 'wss', 'http', 'https']);
const QUEUE_PROTOCOLS = new Set(['sqs', 'ibmmq', 'jms', 'anypointmq']);
const TECHNOLOGY: Record<string, string> = {
  kafka: 'Kafka',
  'kafka-secure': 'Kafka',
  amqp: 'AMQP',
  amqps: 'AMQP',
  amqp1: 'AMQP 1.0',
  mqtt: 'MQTT',
  'secure-mqtt': 'MQTT',
  mqtt5: 'MQTT 5',
  nats: 'NATS',
  jms: 'JMS',
  sns: 'Amazon SNS',
  sqs: 'Amazon SQS',
  googlepubsub: 'Google Cloud Pub/Sub',
  pulsar: 'Pulsar',
  solace: 'Solace',
  ibmmq: 'IBM MQ',
  redis: 'Redis',
  stomp: 'STOMP',
  stomps: 'STOMP',
};

const SYNC_API_TYPES = new Set(['openapi', 'grpc', 'graphql', 'trpc']);

export function inferTopology(input: InferInput): { topology: InferredTopology; findings: Finding[] } {
  return new Inference(input).run();
}

class Inference {
  private readonly findings: Finding[] = [];
  private readonly systems = new Map<string, InferredSystem>();
  private readonly components = new Map<string, InferredComponent>();
  private readonly contracts = new Map<string, InferredContract>();
  private readonly flows = new Map<string, InferredFlow>();
  private readonly contractIds = new IdAllocator();
  private readonly flowIds = new IdAllocator();
  private readonly entities: Map<string, CatalogEntity>;
  /** Contract path → the system that provides it, where the catalog says so. */
  private readonly catalogProviders = new Map<string, string>();
  /** Dangling references already reported (an entity may name one several times). */
  private readonly reported = new Set<string>();

  constructor(private readonly input: InferInput) {
    this.entities = new Map(input.entities.map((e) => [e.ref, e]));
  }

  run(): { topology: InferredTopology; findings: Finding[] } {
    for (const entity of this.input.entities) this.catalogElement(entity);
    const apis = this.input.entities.filter((e) => e.kind.toLowerCase() === 'api');
    const apiContracts = apis.map((api) => ({ api, ...this.catalogContract(api) }));
    for (const facts of this.input.contracts) this.documentContract(facts);
    this.channelFlows();
    for (const { api, contract, facts } of apiContracts) this.apiFlows(api, contract, facts);
    for (const entity of this.input.entities) this.dependencyFlows(entity);
    this.noteOneSidedChannels();
    return {
      topology: {
        ...this.metadata(),
        systems: [...this.systems.values()],
        components: [...this.components.values()],
        contracts: [...this.contracts.values()],
        flows: [...this.flows.values()],
        read: {
          contracts: this.input.contracts.length,
          catalogFiles: new Set(this.input.entities.map((e) => e.doc.file)).size,
          entities: this.input.entities.length,
        },
      },
      findings: this.findings,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The catalog's systems, components and owners.

  private metadata(): Pick<InferredTopology, 'name' | 'title' | 'description' | 'owner'> {
    const systems = this.input.entities.filter((e) => e.kind.toLowerCase() === 'system');
    if (systems.length !== 1) return { name: this.input.name };
    const [system] = systems as [CatalogEntity];
    return {
      name: entityId(system),
      title: system.entity.metadata.title,
      description: system.entity.metadata.description,
      owner: this.ownerOf(system).owner,
    };
  }

  private catalogElement(entity: CatalogEntity): void {
    const kind = entity.kind.toLowerCase();
    const spec = specOf(entity);
    const type = typeof spec.type === 'string' ? spec.type.toLowerCase() : '';
    if (kind === 'resource' && brokerKind(type)) {
      const owner = this.ownerOf(entity);
      this.components.set(entityId(entity), {
        id: entityId(entity),
        name: entity.entity.metadata.title ?? entity.name,
        kind: brokerKind(type)!,
        technology: technologyOfResource(type),
        owner: owner.owner,
        description: entity.entity.metadata.description,
        todos: owner.todo ? [owner.todo] : [],
        evidence: evidenceAt(entity.doc, '/metadata/name'),
      });
      return;
    }
    if (kind !== 'component' && kind !== 'resource') return;
    if (kind === 'component' && type === 'library') return; // linked into others, exchanges nothing itself
    const owner = this.ownerOf(entity);
    const lifecycle = typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined;
    const todos = owner.todo ? [owner.todo] : [];
    if (lifecycle !== undefined && !isLifecycle(lifecycle))
      todos.push(
        `lifecycle: the catalog says "${lifecycle}"; the blueprint knows experimental, production, deprecated`,
      );
    const tags = (entity.entity.metadata.tags ?? []).map((t) => t.toLowerCase());
    this.systems.set(entityId(entity), {
      id: entityId(entity),
      name: entity.entity.metadata.title,
      description: entity.entity.metadata.description,
      owner: owner.owner,
      type: systemType(kind, type),
      external: EXTERNAL_MARKS.some((m) => tags.includes(m) || type === m) || undefined,
      lifecycle: lifecycle !== undefined && isLifecycle(lifecycle) ? lifecycle : undefined,
      protocols: [],
      auth: [],
      todos,
      evidence: evidenceAt(entity.doc, '/metadata/name'),
    });
  }

  /**
   * A catalog owner as a blueprint owner: the GitHub team (`github.com/team-slug`) of a Group, or
   * the login (`github.com/user-login`) of a User, as the GitHub catalog integration records them.
   * A bare group name is not guessed into `org/team`: owners sign off, so a wrong one is worse than
   * none.
   */
  private ownerOf(entity: CatalogEntity): { owner?: string; todo?: string } {
    const ref = specOf(entity).owner;
    if (typeof ref !== 'string') return { todo: 'owner: the catalog names no owner' };
    let target: CatalogEntity | undefined;
    try {
      const parsed = parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: entity.namespace });
      target = this.entities.get(`${parsed.kind}:${parsed.namespace}/${parsed.name}`.toLowerCase());
    } catch {
      target = undefined;
    }
    const annotations = target?.entity.metadata.annotations ?? {};
    const github = annotations['github.com/team-slug'] ?? annotations['github.com/user-login'];
    if (github !== undefined && isOwner(github)) return { owner: github };
    const why = target
      ? `${target.kind} "${target.name}" has no github.com/team-slug or github.com/user-login annotation`
      : 'the catalog has no such entity';
    return {
      todo: `owner: the catalog says "${ref}", but ${why}; write its GitHub team (org/team-slug) or login`,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Contracts.

  private catalogContract(api: CatalogEntity): { contract?: InferredContract; facts?: ContractFacts } {
    const spec = specOf(api);
    const type = typeof spec.type === 'string' ? spec.type.toLowerCase() : '';
    const source = definitionOf(api);
    if (type !== 'openapi' && type !== 'asyncapi') {
      this.findings.push(
        initFinding(
          'init/unsupported-api-type',
          'info',
          `API "${api.name}" is of type "${type}"; blueprints register OpenAPI and AsyncAPI contracts only, so its flows have no contract.`,
          evidenceAt(api.doc, '/spec/type'),
        ),
      );
      return {};
    }
    const path = this.definitionPath(api, source);
    if (path === undefined) return {};
    const facts = this.input.definitions.get(path);
    const provider = this.providerOf(api);
    if (provider) this.catalogProviders.set(path, provider.id);
    if (provider && facts) mergeProtocols(provider, facts);
    const owner = this.ownerOf(api);
    const lifecycle = typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined;
    const contract: InferredContract = {
      id: this.contractIds.claim(entityId(api)),
      path,
      kind: type,
      owner: owner.owner,
      provider: provider?.id,
      status: lifecycle === 'production' ? 'finalized' : lifecycle === 'deprecated' ? 'deprecated' : 'draft',
      consumers: new Map(),
      consumersKnown: true,
      description: api.entity.metadata.description ?? api.entity.metadata.title,
      inline:
        source.kind === 'inline' ? { text: source.text, extension: inlineExtension(source.text) } : undefined,
      todos: [
        ...(owner.todo ? [owner.todo] : []),
        ...(provider ? [] : ['provider: no catalog component lists this API in providesApis']),
        `status: from the catalog's lifecycle (${lifecycle ?? 'none'}); finalized contracts change only with their consumers' approval`,
      ],
      evidence: evidenceAt(api.doc, '/metadata/name'),
    };
    this.contracts.set(path, contract);
    return { contract, facts };
  }

  private definitionPath(api: CatalogEntity, source: DefinitionSource): string | undefined {
    switch (source.kind) {
      case 'file':
        return source.path;
      case 'inline':
        return this.input.inlinePath(api, inlineExtension(source.text));
      case 'remote':
        this.findings.push(
          initFinding(
            'init/remote-definition',
            'warning',
            `API "${api.name}" is defined at ${source.url}, which init does not fetch (no network). Copy the document into the repository, point $text at it and run init again.`,
            evidenceAt(api.doc, source.pointer),
          ),
        );
        return undefined;
      case 'unsafe':
        this.findings.push(
          initFinding(
            'init/unsafe-reference',
            'error',
            `API "${api.name}": ${source.reason}.`,
            evidenceAt(api.doc, source.pointer),
          ),
        );
        return undefined;
      case 'none':
        return undefined;
    }
  }

  /** The component that `providesApis` this API; several: the first, in catalog order. */
  private providerOf(api: CatalogEntity): InferredSystem | undefined {
    for (const entity of this.input.entities) {
      if (this.apiRefs(entity, 'providesApis').some((r) => r.ref === api.ref)) {
        const system = this.systems.get(entityId(entity));
        if (system) return system;
      }
    }
    return undefined;
  }

  private documentContract(facts: ContractFacts): void {
    const existing = this.contracts.get(facts.path);
    const provider = this.applicationOf(facts);
    if (existing) {
      existing.kind ??= facts.kind;
      return;
    }
    this.contracts.set(facts.path, {
      id: this.contractIds.claim(documentContractId(facts)),
      path: facts.path,
      kind: facts.kind,
      owner: facts.owner,
      provider,
      status: 'draft',
      consumers: new Map(),
      consumersKnown: facts.kind === 'asyncapi',
      description: facts.title,
      todos: [
        ...(facts.owner ? [] : [ownerTodo(facts)]),
        'status: draft until the consumers rely on it; then finalized (changes need their approval)',
      ],
      evidence: facts.evidence,
    });
  }

  /** The system a document describes: the catalog's provider when it has one, else the document's own. */
  private applicationOf(facts: ContractFacts): string {
    const system = this.systems.get(this.catalogProviders.get(facts.path) ?? facts.system.id);
    if (system) {
      mergeProtocols(system, facts);
      return system.id;
    }
    this.systems.set(facts.system.id, {
      id: facts.system.id,
      name: facts.system.name,
      owner: facts.owner,
      protocols: [...facts.protocols],
      auth: [...facts.auth],
      todos: facts.owner ? [] : [ownerTodo(facts)],
      evidence: facts.evidence,
    });
    return facts.system.id;
  }

  // ---------------------------------------------------------------------------------------------
  // Flows.

  /** Every document's channels: senders meet receivers on the same address. */
  private channelFlows(): void {
    const documents = new Map<string, ContractFacts>();
    for (const facts of this.input.contracts) documents.set(facts.path, facts);
    for (const [path, facts] of this.input.definitions)
      if (this.contracts.has(path)) documents.set(path, facts);
    const byAddress = new Map<string, { facts: ContractFacts; exchange: MessageExchange }[]>();
    for (const facts of documents.values()) {
      for (const exchange of facts.exchanges) {
        const key = addressKey(exchange.address);
        byAddress.set(key, [...(byAddress.get(key) ?? []), { facts, exchange }]);
      }
    }
    for (const sides of byAddress.values()) {
      const senders = sides.filter((s) => s.exchange.role === 'send');
      const receivers = sides.filter((s) => s.exchange.role === 'receive');
      const via = this.channelComponent(sides[0]!.exchange);
      for (const sender of senders) {
        for (const receiver of receivers) {
          const from = this.applicationOf(sender.facts);
          const to = this.applicationOf(receiver.facts);
          if (from === to) continue;
          this.addConsumer(sender.facts.path, to, receiver.exchange.evidence);
          this.addConsumer(receiver.facts.path, from, sender.exchange.evidence);
          this.addFlow(this.messageFlow(from, to, via, sender, receiver));
        }
      }
    }
  }

  private messageFlow(
    from: string,
    to: string,
    via: InferredComponent | undefined,
    sender: { facts: ContractFacts; exchange: MessageExchange },
    receiver: { facts: ContractFacts; exchange: MessageExchange },
  ): Omit<InferredFlow, 'id'> {
    const reply = sender.exchange.reply || receiver.exchange.reply;
    const todos = reply
      ? [
          `pattern: ${from} sends a request on ${sender.exchange.address} and expects a reply; choose request-response (reviewed against an OpenAPI contract) or event`,
        ]
      : via
        ? []
        : [
            `pattern: messages over ${sender.exchange.protocol ?? 'a direct connection'} without a broker; choose how this exchange is carried`,
          ];
    return {
      from,
      to,
      pattern: reply || !via ? undefined : 'event',
      via: via?.id,
      technology: sender.exchange.protocol ?? receiver.exchange.protocol,
      contract: {
        path: sender.facts.path,
        operation: sender.exchange.operation,
        channel: sender.exchange.channel,
      },
      todos,
      evidence: sender.exchange.evidence,
    };
  }

  /** The broker topic or queue of a channel; none for WebSocket and HTTP, which connect directly. */
  private channelComponent(exchange: MessageExchange): InferredComponent | undefined {
    const protocol = exchange.protocol;
    if (protocol !== undefined && DIRECT_PROTOCOLS.has(protocol)) return undefined;
    const id = toId(exchange.address.replace(/[{}]/g, ''), 'channel');
    // A catalog Resource for the same topic (its title is the address) is that channel.
    const existing =
      this.components.get(id) ?? [...this.components.values()].find((c) => c.name === exchange.address);
    if (existing) return existing;
    const component: InferredComponent = {
      id,
      name: exchange.address,
      kind:
        exchange.queue || (protocol !== undefined && QUEUE_PROTOCOLS.has(protocol))
          ? 'broker-queue'
          : 'broker-topic',
      technology: protocol === undefined ? undefined : (TECHNOLOGY[protocol] ?? protocol),
      todos: [
        'owner: the team that runs the broker (usually the integration platform team)',
        ...(protocol === undefined
          ? ['technology: the contracts name no server protocol for this channel']
          : []),
      ],
      evidence: exchange.evidence,
    };
    this.components.set(id, component);
    return component;
  }

  /** A channel only one side of which is known: someone sends with no receiver in sight, or the reverse. */
  private noteOneSidedChannels(): void {
    const used = new Set([...this.flows.values()].map((f) => f.via));
    for (const component of this.components.values()) {
      if (used.has(component.id) || component.todos.some((t) => t.startsWith('other side'))) continue;
      component.todos.push(
        `other side: no flow goes through ${component.name}; neither the contracts nor the catalog say who sends or receives on it`,
      );
    }
  }

  /** Flows of one catalog API: consumers call a sync API; an async API's channels say the direction. */
  private apiFlows(
    api: CatalogEntity,
    contract: InferredContract | undefined,
    facts: ContractFacts | undefined,
  ): void {
    const provider = this.providerOf(api);
    const consumers = this.consumersOf(api);
    if (contract) for (const c of consumers) this.addConsumer(contract.path, c.system.id, c.evidence);
    if (!provider) return;
    const type = String(specOf(api).type ?? '').toLowerCase();
    for (const consumer of consumers) {
      if (consumer.system.id === provider.id) continue;
      if (type !== 'asyncapi') {
        this.addFlow({
          from: consumer.system.id,
          to: provider.id,
          pattern: SYNC_API_TYPES.has(type) ? 'request-response' : undefined,
          technology: facts?.protocols[0],
          contract: contract ? { path: contract.path } : undefined,
          todos: SYNC_API_TYPES.has(type) ? [] : [`pattern: API "${api.name}" is of type "${type}"`],
          evidence: consumer.evidence,
        });
        continue;
      }
      this.asyncApiFlows(api, provider.id, consumer, contract, facts);
    }
  }

  private asyncApiFlows(
    api: CatalogEntity,
    provider: string,
    consumer: { system: InferredSystem; evidence: Evidence },
    contract: InferredContract | undefined,
    facts: ContractFacts | undefined,
  ): void {
    const exchanges = facts?.exchanges ?? [];
    if (exchanges.length === 0) {
      this.addFlow({
        from: provider,
        to: consumer.system.id,
        pattern: 'event',
        contract: contract ? { path: contract.path } : undefined,
        todos: [
          `direction: API "${api.name}" has no readable channels, so ${provider} → ${consumer.system.id} is assumed; check it and name the topic in via`,
        ],
        evidence: consumer.evidence,
      });
      return;
    }
    for (const exchange of exchanges) {
      const via = this.channelComponent(exchange);
      const sends = exchange.role === 'send';
      const side = { facts: facts!, exchange };
      const other = { facts: facts!, exchange: { ...exchange, reply: false, evidence: consumer.evidence } };
      this.addFlow(
        this.messageFlow(
          sends ? provider : consumer.system.id,
          sends ? consumer.system.id : provider,
          via,
          sends ? side : other,
          sends ? other : side,
        ),
      );
    }
  }

  /** `dependsOn` between two systems that no API flow connects: a flow someone still has to design. */
  private dependencyFlows(entity: CatalogEntity): void {
    const from = this.systems.get(entityId(entity));
    if (!from) return;
    const dependsOn = specOf(entity).dependsOn;
    if (!Array.isArray(dependsOn)) return;
    dependsOn.forEach((ref, i) => {
      const target = typeof ref === 'string' ? this.resolve(ref, 'component', entity) : undefined;
      const to = target ? this.systems.get(entityId(target)) : undefined;
      if (!to || to.id === from.id) return;
      const connected = [...this.flows.values()].some(
        (f) => (f.from === from.id && f.to === to.id) || (f.from === to.id && f.to === from.id),
      );
      if (connected) return;
      this.addFlow({
        from: from.id,
        to: to.id,
        todos: [
          `the catalog says ${from.id} depends on ${to.id}: decide the direction, the pattern and the contract of this exchange`,
        ],
        evidence: evidenceAt(entity.doc, `/spec/dependsOn/${i}`),
      });
    });
  }

  private consumersOf(api: CatalogEntity): { system: InferredSystem; evidence: Evidence }[] {
    const out: { system: InferredSystem; evidence: Evidence }[] = [];
    for (const entity of this.input.entities) {
      const system = this.systems.get(entityId(entity));
      for (const use of this.apiRefs(entity, 'consumesApis'))
        if (use.ref === api.ref && system) out.push({ system, evidence: use.evidence });
    }
    return out;
  }

  /** The APIs an entity provides or consumes, resolved; references to missing APIs are reported once. */
  private apiRefs(
    entity: CatalogEntity,
    field: 'providesApis' | 'consumesApis',
  ): { ref: string; evidence: Evidence }[] {
    const list = specOf(entity)[field];
    if (!Array.isArray(list)) return [];
    return list.flatMap((ref, i) => {
      const pointer = `/spec/${field}/${i}`;
      const target = typeof ref === 'string' ? this.resolve(ref, 'api', entity) : undefined;
      return target ? [{ ref: target.ref, evidence: evidenceAt(entity.doc, pointer) }] : [];
    });
  }

  private resolve(ref: string, defaultKind: string, from: CatalogEntity): CatalogEntity | undefined {
    let key: string | undefined;
    try {
      const parsed = parseEntityRef(ref, { defaultKind, defaultNamespace: from.namespace });
      key = `${parsed.kind}:${parsed.namespace}/${parsed.name}`.toLowerCase();
    } catch {
      key = undefined;
    }
    const target = key === undefined ? undefined : this.entities.get(key);
    const reportKey = `${from.ref}\0${ref}`;
    if (!target && !this.reported.has(reportKey)) {
      this.reported.add(reportKey);
      this.findings.push(
        initFinding(
          'init/unknown-reference',
          'warning',
          `${from.kind} "${from.name}" refers to "${ref}", which is not in the catalog files init read; that relation is left out.`,
          evidenceAt(from.doc, pointerOfValue(from, ref)),
        ),
      );
    }
    return target;
  }

  private addConsumer(path: string, system: string, evidence: Evidence): void {
    const contract = this.contracts.get(path);
    if (!contract || contract.provider === system || contract.consumers.has(system)) return;
    contract.consumers.set(system, evidence);
  }

  /** One flow per sender, receiver and channel (or contract): the catalog and the documents agree. */
  private addFlow(flow: Omit<InferredFlow, 'id'>): void {
    const key = [flow.from, flow.to, flow.via ?? flow.contract?.path ?? ''].join('\0');
    if (this.flows.has(key)) return;
    const base = `${flow.from}-to-${flow.to}`;
    const suffix = toId(flow.contract?.channel ?? stem(flow.contract?.path ?? ''), 'flow');
    const id = this.flowIds.has(base) ? this.flowIds.claim(`${base}-${suffix}`) : this.flowIds.claim(base);
    this.flows.set(key, { id, ...flow });
  }
}

const EXTERNAL_MARKS = ['external', 'third-party', 'saas', 'partner'];

function specOf(entity: CatalogEntity): Record<string, unknown> {
  return isRecord(entity.entity.spec) ? entity.entity.spec : {};
}

/** Entity names are already valid ids; other namespaces than `default` prefix them. */
export function entityId(entity: CatalogEntity): string {
  return entity.namespace === 'default' ? entity.name : `${entity.namespace}.${entity.name}`;
}

function isLifecycle(value: string): value is Lifecycle {
  return value === 'experimental' || value === 'production' || value === 'deprecated';
}

function systemType(kind: string, type: string): SystemType | undefined {
  if (kind === 'resource') return type === 'database' ? 'database' : undefined;
  if (type === 'website' || type === 'frontend') return 'frontend';
  if (type === 'service' || type === 'saas' || type === 'partner') return type;
  return undefined;
}

function brokerKind(resourceType: string): ComponentKind | undefined {
  if (/(^|-)queue$/.test(resourceType)) return 'broker-queue';
  if (/(^|-)event-?bus$/.test(resourceType)) return 'event-bus';
  if (/(^|-)(topic|stream|exchange)$/.test(resourceType)) return 'broker-topic';
  return undefined;
}

function technologyOfResource(resourceType: string): string | undefined {
  const prefix = resourceType.replace(/-?(topic|queue|stream|exchange|event-?bus)$/, '');
  return prefix === '' ? undefined : (TECHNOLOGY[prefix] ?? prefix);
}

/** Channel addresses compare without parameter names: `{streetlightId}` and `{id}` are one channel. */
function addressKey(address: string): string {
  return address.replace(/\{[^}]*\}/g, '{}');
}

/** The file's name (`orders.openapi.yaml` → `orders`), or the title when the name says nothing. */
function documentContractId(facts: ContractFacts): string {
  const name = stem(facts.path).replace(/[._-](openapi|asyncapi|swagger)$/i, '');
  const generic = /^(openapi|asyncapi|swagger|api|spec|schema|index|definition)$/i.test(name);
  return toId(generic ? (facts.title ?? name) : name, 'contract');
}

function stem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/i, '');
}

function ownerTodo(facts: ContractFacts): string {
  return facts.unusableOwner !== undefined
    ? `owner: x-owner "${facts.unusableOwner}" is not a GitHub team (org/team-slug) or login`
    : 'owner: the document has no x-owner; write the GitHub team (org/team-slug) that owns it';
}

function mergeProtocols(system: InferredSystem, facts: ContractFacts): void {
  system.protocols = [...new Set([...system.protocols, ...facts.protocols])].sort();
  system.auth = [...new Set([...system.auth, ...facts.auth])].sort();
}

/** The pointer of a relation entry that names `ref`, for the finding's line. */
function pointerOfValue(entity: CatalogEntity, ref: string): string {
  const spec = specOf(entity);
  for (const field of ['providesApis', 'consumesApis', 'dependsOn']) {
    const list = spec[field];
    const i = Array.isArray(list) ? list.indexOf(ref) : -1;
    if (i >= 0) return `/spec/${field}/${i}`;
  }
  return '/spec';
}
