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
import type { Finding } from '../../core/finding.js';
import type { InferredTopology } from '../types.js';
import { Catalog } from './catalog.js';
import type { InferInput, Inference } from './context.js';
import { addCatalogContract, addDocumentContract } from './contracts.js';
import { TopologyDraft } from './draft.js';
import { addApiFlows, addChannelFlows, addDependencyFlows, noteOneSidedChannels } from './flows.js';
import { addCatalogElement, blueprintMetadata } from './systems.js';

export type { InferInput } from './context.js';
export { entityId } from './catalog.js';

export function inferTopology(input: InferInput): { topology: InferredTopology; findings: Finding[] } {
  const draft = new TopologyDraft();
  const inference: Inference = { input, draft, catalog: new Catalog(input.entities, draft.findings) };
  // Order matters: catalog systems first (documents then meet them), contracts before the flows that
  // name them, channels before the catalog's APIs (whose flows they may already cover), `dependsOn`
  // last (only between systems nothing else connects).
  for (const entity of input.entities) addCatalogElement(inference, entity);
  const apis = input.entities.filter((e) => e.kind.toLowerCase() === 'api');
  const apiContracts = apis.map((api) => ({ api, ...addCatalogContract(inference, api) }));
  for (const facts of input.contracts) addDocumentContract(inference, facts);
  addChannelFlows(inference);
  for (const { api, contract, facts } of apiContracts) addApiFlows(inference, api, contract, facts);
  for (const entity of input.entities) addDependencyFlows(inference, entity);
  noteOneSidedChannels(inference);
  return {
    topology: {
      ...blueprintMetadata(inference),
      systems: [...draft.systems.values()],
      components: [...draft.components.values()],
      contracts: [...draft.contracts.values()],
      flows: draft.flows,
      read: {
        contracts: input.contracts.length,
        contractsNotRead: input.contractsNotRead.length,
        catalogFiles: input.catalogFiles.length,
        entities: input.entities.length,
      },
    },
    findings: draft.findings,
  };
}
