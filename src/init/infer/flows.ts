/**
 * Flows between the systems: senders meet receivers on a channel address (AsyncAPI), catalog
 * consumers call a sync API's provider, and a catalog `dependsOn` that no other flow covers becomes
 * a flow for someone to design.
 */
import type { CatalogEntity } from '../backstage.js';
import type { ContractFacts, MessageExchange } from '../contracts.js';
import { evidenceAt } from '../evidence.js';
import { toId } from '../ids.js';
import type {
  Evidence,
  InferredComponent,
  InferredContract,
  InferredFlow,
  InferredSystem,
} from '../types.js';
import { entityId, specOf } from './catalog.js';
import type { Inference } from './context.js';
import { applicationOf, providerOf } from './contracts.js';
import { DIRECT_PROTOCOLS, QUEUE_PROTOCOLS, technologyOfProtocol } from './technology.js';
import { quoted } from '../../core/inert-text.js';

const SYNC_API_TYPES = new Set(['openapi', 'grpc', 'graphql', 'trpc']);

/** One side of a channel: the document that uses it, and how. */
interface ChannelSide {
  facts: ContractFacts;
  exchange: MessageExchange;
}

/** A catalog system and where the catalog says it uses an API. */
interface Consumer {
  system: InferredSystem;
  evidence: Evidence;
}

/** Every document's channels: senders meet receivers on the same address. */
export function addChannelFlows(inference: Inference): void {
  const { input, draft } = inference;
  const documents = new Map<string, ContractFacts>();
  for (const facts of input.contracts) documents.set(facts.path, facts);
  for (const [path, facts] of input.definitions) if (draft.contracts.has(path)) documents.set(path, facts);
  const byAddress = new Map<string, ChannelSide[]>();
  for (const facts of documents.values()) {
    for (const exchange of facts.exchanges) {
      const key = addressKey(exchange.address);
      const sides = byAddress.get(key);
      if (sides) sides.push({ facts, exchange });
      else byAddress.set(key, [{ facts, exchange }]);
    }
  }
  for (const sides of byAddress.values()) {
    const senders = sides.filter((s) => s.exchange.role === 'send');
    const receivers = sides.filter((s) => s.exchange.role === 'receive');
    const via = channelComponent(inference, sides[0]!.exchange);
    for (const sender of senders) {
      for (const receiver of receivers) {
        const from = applicationOf(inference, sender.facts);
        const to = applicationOf(inference, receiver.facts);
        if (from === to) continue;
        draft.addConsumer(sender.facts.path, to, receiver.exchange.evidence);
        draft.addConsumer(receiver.facts.path, from, sender.exchange.evidence);
        draft.addFlow(messageFlow(from, to, via, sender, receiver));
      }
    }
  }
}

/** Flows of one catalog API: consumers call a sync API; an async API's channels say the direction. */
export function addApiFlows(
  inference: Inference,
  api: CatalogEntity,
  contract: InferredContract | undefined,
  facts: ContractFacts | undefined,
): void {
  const { draft } = inference;
  const provider = providerOf(inference, api);
  const consumers = consumersOf(inference, api);
  if (contract) for (const c of consumers) draft.addConsumer(contract.path, c.system.id, c.evidence);
  if (!provider) return;
  const type = String(specOf(api).type ?? '').toLowerCase();
  for (const consumer of consumers) {
    if (consumer.system.id === provider.id) continue;
    if (type !== 'asyncapi') {
      draft.addFlow({
        from: consumer.system.id,
        to: provider.id,
        pattern: SYNC_API_TYPES.has(type) ? 'request-response' : undefined,
        technology: facts?.protocols[0],
        contract: contract ? { path: contract.path } : undefined,
        todos: SYNC_API_TYPES.has(type)
          ? []
          : [`pattern: API ${quoted(api.name)} is of type ${quoted(type)}`],
        evidence: consumer.evidence,
      });
      continue;
    }
    addAsyncApiFlows(inference, api, provider.id, consumer, contract, facts);
  }
}

/** `dependsOn` between two systems that no API flow connects: a flow someone still has to design. */
export function addDependencyFlows({ catalog, draft }: Inference, entity: CatalogEntity): void {
  const from = draft.systems.get(entityId(entity));
  if (!from) return;
  const dependsOn = specOf(entity).dependsOn;
  if (!Array.isArray(dependsOn)) return;
  dependsOn.forEach((ref, i) => {
    const target = typeof ref === 'string' ? catalog.resolve(ref, 'component', entity) : undefined;
    const to = target ? draft.systems.get(entityId(target)) : undefined;
    if (!to || to.id === from.id || draft.connects(from.id, to.id)) return;
    draft.addFlow({
      from: from.id,
      to: to.id,
      todos: [
        `the catalog says ${from.id} depends on ${to.id}: decide the direction, the pattern and the contract of this exchange`,
      ],
      evidence: evidenceAt(entity.doc, `/spec/dependsOn/${i}`),
    });
  });
}

/** A channel only one side of which is known: someone sends with no receiver in sight, or the reverse. */
export function noteOneSidedChannels({ draft }: Inference): void {
  const used = new Set(draft.flows.map((f) => f.via));
  for (const component of draft.components.values()) {
    if (used.has(component.id) || component.todos.some((t) => t.startsWith('other side'))) continue;
    component.todos.push(
      `other side: no flow goes through ${component.name}; neither the contracts nor the catalog say who sends or receives on it`,
    );
  }
}

function addAsyncApiFlows(
  inference: Inference,
  api: CatalogEntity,
  provider: string,
  consumer: Consumer,
  contract: InferredContract | undefined,
  facts: ContractFacts | undefined,
): void {
  const { draft } = inference;
  const exchanges = facts?.exchanges ?? [];
  if (exchanges.length === 0) {
    draft.addFlow({
      from: provider,
      to: consumer.system.id,
      pattern: 'event',
      contract: contract ? { path: contract.path } : undefined,
      todos: [
        `direction: API ${quoted(api.name)} has no readable channels, so ${provider} → ${consumer.system.id} is assumed; check it and name the topic in via`,
      ],
      evidence: consumer.evidence,
    });
    return;
  }
  for (const exchange of exchanges) {
    const via = channelComponent(inference, exchange);
    const sends = exchange.role === 'send';
    const side = { facts: facts!, exchange };
    const other = { facts: facts!, exchange: { ...exchange, reply: false, evidence: consumer.evidence } };
    draft.addFlow(
      messageFlow(
        sends ? provider : consumer.system.id,
        sends ? consumer.system.id : provider,
        via,
        sends ? side : other,
        sends ? other : side,
      ),
    );
  }
}

function messageFlow(
  from: string,
  to: string,
  via: InferredComponent | undefined,
  sender: ChannelSide,
  receiver: ChannelSide,
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
function channelComponent({ draft }: Inference, exchange: MessageExchange): InferredComponent | undefined {
  const protocol = exchange.protocol;
  if (protocol !== undefined && DIRECT_PROTOCOLS.has(protocol)) return undefined;
  const id = toId(exchange.address.replace(/[{}]/g, ''), 'channel');
  // A catalog Resource for the same topic (its title is the address) is that channel.
  const existing =
    draft.components.get(id) ?? [...draft.components.values()].find((c) => c.name === exchange.address);
  if (existing) return existing;
  const component: InferredComponent = {
    id,
    name: exchange.address,
    kind:
      exchange.queue || (protocol !== undefined && QUEUE_PROTOCOLS.has(protocol))
        ? 'broker-queue'
        : 'broker-topic',
    technology: protocol === undefined ? undefined : technologyOfProtocol(protocol),
    todos: [
      'owner: the team that runs the broker (usually the integration platform team)',
      ...(protocol === undefined
        ? ['technology: the contracts name no server protocol for this channel']
        : []),
    ],
    evidence: exchange.evidence,
  };
  draft.components.set(id, component);
  return component;
}

/** The catalog systems that consume `api`, in catalog order. */
function consumersOf({ catalog, draft }: Inference, api: CatalogEntity): Consumer[] {
  return catalog.usersOf(api, 'consumesApis').flatMap((use) => {
    const system = draft.systems.get(entityId(use.entity));
    return system ? [{ system, evidence: use.evidence }] : [];
  });
}

/** Channel addresses compare without parameter names: `{streetlightId}` and `{id}` are one channel. */
function addressKey(address: string): string {
  return address.replace(/\{[^}]*\}/g, '{}');
}
