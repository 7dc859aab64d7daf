import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../core/file-source.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { BlueprintModel } from './types.js';

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/web }
  - { id: orders, owner: acme/orders }
  - { id: shop, owner: acme/duplicate }
contracts:
  - { id: orders-api, file: orders.yaml, owner: acme/orders }
  - { id: orders-api, file: other.yaml, owner: acme/other }
flows:
  - { id: a, from: shop, to: orders, pattern: request-response, contract: { ref: orders-api }, requirements: [r1, r1], decision: adr/0001-sync.md }
  - { id: b, from: orders, to: shop, pattern: event, requirements: [r2], decision: '0002' }
  - { id: c, from: orders, to: orders, pattern: event, requirements: [r1], decision: 0001-sync }
requirements:
  - { id: r1, description: first }
  - { id: r1, description: duplicate }
  - { id: r2, description: second }
`;

const ADR = (title: string) =>
  `---\nstatus: accepted\ndate: 2025-01-01\ndecision-makers: [acme/architects]\n---\n\n# ${title}\n`;

async function model(): Promise<BlueprintModel> {
  const source = new InMemoryFileSource(
    {
      'bp/blueprint.yaml': BLUEPRINT,
      'bp/orders.yaml': 'openapi: 3.1.0\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\n',
      'bp/adr/0001-sync.md': ADR('Sync'),
      'bp/adr/0002-events.md': ADR('Events'),
      'bp/adr/0002-events-v2.md': ADR('Events again'),
    },
    'test',
  );
  const { model } = await loadBlueprint(source, 'bp', { validateContracts: false });
  return model!;
}

describe('the model index', () => {
  it('resolves ids to the first element declared, as a scan would', async () => {
    const m = await model();
    expect(m.index.systems.get('shop')?.owner).toBe('acme/web');
    expect(m.index.contracts.get('orders-api')?.file).toBe('orders.yaml');
    expect(m.index.requirements.get('r1')?.description).toBe('first');
    expect(m.flows[0]!.resolved.to).toBe(m.index.systems.get('orders'));
    expect(m.flows[0]!.resolved.contract).toBe(m.contracts[0]);
  });

  it('finds an ADR by path, by id, and by the number it starts with (the first in file order)', async () => {
    const m = await model();
    const [a, b, c] = m.flows;
    expect(a!.resolved.decision?.file).toBe('bp/adr/0001-sync.md');
    // Listed in path order, 0002-events-v2.md comes before 0002-events.md ('-' sorts before '.').
    expect(b!.resolved.decision?.file).toBe('bp/adr/0002-events-v2.md');
    expect(c!.resolved.decision?.file).toBe('bp/adr/0001-sync.md');
    expect(m.index.adr('bp/blueprint.yaml', '0002-events-v2')?.file).toBe('bp/adr/0002-events-v2.md');
    expect(m.index.adr('bp/blueprint.yaml', '0003')).toBeUndefined();
    // A prefix must end before a dash: "0002-ev" names no ADR.
    expect(m.index.adr('bp/blueprint.yaml', '0002-ev')).toBeUndefined();
  });

  it('lists flows by requirement, contract and target in model order, each flow once', async () => {
    const m = await model();
    const ids = (flows: readonly { id: string }[] | undefined) => flows?.map((f) => f.id);
    expect(ids(m.index.flowsByRequirement.get('r1'))).toEqual(['a', 'c']);
    expect(ids(m.index.flowsByRequirement.get('r2'))).toEqual(['b']);
    expect(ids(m.index.flowsByContract.get('orders-api'))).toEqual(['a']);
    expect(ids(m.index.flowsTo.get('orders'))).toEqual(['a', 'c']);
    expect(m.index.flowsTo.get('nobody')).toBeUndefined();
  });
});

const CONTRACTS = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/web }
  - { id: orders, owner: acme/orders }
contracts:
  - { id: orders-api, file: orders.yaml, owner: acme/orders }
  - { id: order-events, file: events.yaml, owner: acme/orders }
flows:
  - { id: by-key, from: shop, to: orders, pattern: request-response, contract: { ref: orders-api, operation: '  post   /ORDERS ' } }
  - { id: earlier, from: shop, to: orders, pattern: request-response, contract: { ref: orders-api, operation: get /items } }
  - { id: unknown, from: shop, to: orders, pattern: request-response, contract: { ref: orders-api, operation: nope } }
  - { id: by-address, from: orders, to: shop, pattern: event, contract: { ref: order-events, channel: shop.orders.v1 } }
  - { id: by-id, from: orders, to: shop, pattern: event, contract: { ref: order-events, channel: orderEvents, operation: sendOrder } }
  - { id: dangling, from: orders, to: shop, pattern: event, contract: { ref: nothing, operation: sendOrder } }
`;

const ORDERS = `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /items:
    get: { operationId: listItems, responses: { '200': { description: ok } } }
  /orders:
    post: { operationId: get /items, responses: { '201': { description: ok } } }
`;

const EVENTS = `asyncapi: 3.0.0
info: { title: Order events, version: 1.0.0 }
channels:
  orderEvents:
    address: shop.orders.v1
    messages: { orderPlaced: { payload: { type: object } } }
operations:
  sendOrder:
    action: send
    channel: { $ref: '#/channels/orderEvents' }
`;

describe("a flow's operation and channel", () => {
  it('names them by id, by METHOD /path in any case and spacing, or by address; the first in document order wins', async () => {
    const source = new InMemoryFileSource(
      { 'bp/blueprint.yaml': CONTRACTS, 'bp/orders.yaml': ORDERS, 'bp/events.yaml': EVENTS },
      'test',
    );
    const m = (await loadBlueprint(source, 'bp', { validateContracts: false })).model!;
    const [byKey, earlier, unknown, byAddress, byId, dangling] = m.flows;
    expect(m.index.contractTarget(byKey!)?.operation?.key).toBe('POST /orders');
    // `get /items` is the second operation's id and the first one's METHOD /path: the first wins.
    expect(m.index.contractTarget(earlier!)?.operation?.id).toBe('listItems');
    expect(m.index.contractTarget(unknown!)?.operation).toBeUndefined();
    expect(m.index.contractTarget(byAddress!)?.operation).toBeUndefined();
    expect(m.index.contractTarget(byAddress!)?.channel?.id).toBe('orderEvents');
    expect(m.index.contractTarget(byId!)?.channel?.address).toBe('shop.orders.v1');
    expect(m.index.contractTarget(byId!)?.operation?.id).toBe('sendOrder');
    expect(m.index.contractTarget(byKey!)?.channel).toBeUndefined();
    expect(m.index.contractTarget(byId!)?.kind).toBe('asyncapi');
    expect(m.index.contractTarget(byKey!)?.document.file).toBe('bp/orders.yaml');
    // A flow whose contract is not declared has no target at all.
    expect(m.index.contractTarget(dangling!)).toBeUndefined();
    // Asked again, the same answer (kept with the model).
    expect(m.index.contractTarget(byKey!)).toBe(m.index.contractTarget(byKey!));
  });
});
