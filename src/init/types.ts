/**
 * What `blueprint-review init` infers from the contracts and the Backstage catalog a repository
 * already has, before it is written as a blueprint. Every inferred element keeps the place that says
 * so (`evidence`), so the drift report can point at the catalog or contract line, and every guess
 * the tool will not make carries a `todos` note that becomes a `# TODO` comment.
 */
import type { SourceRange } from '../core/finding.js';

export type InitSourceKind = 'contracts' | 'backstage';

/** A place in a repository file: a finding's file, pointer and line range. */
export interface Evidence {
  file: string;
  pointer: string;
  range: SourceRange;
}

export type SystemType =
  'service' | 'saas' | 'database' | 'legacy' | 'data-platform' | 'frontend' | 'partner';
export type Lifecycle = 'experimental' | 'production' | 'deprecated';
export type ComponentKind = 'broker-topic' | 'broker-queue' | 'event-bus';

export interface InferredSystem {
  id: string;
  name?: string;
  description?: string;
  owner?: string;
  type?: SystemType;
  external?: boolean;
  lifecycle?: Lifecycle;
  protocols: string[];
  auth: string[];
  todos: string[];
  evidence: Evidence;
}

export interface InferredComponent {
  id: string;
  /** The channel address (or the catalog resource's title). */
  name: string;
  kind: ComponentKind;
  technology?: string;
  owner?: string;
  description?: string;
  todos: string[];
  evidence: Evidence;
}

export interface InferredContract {
  id: string;
  /** Repository path of the OpenAPI or AsyncAPI document. */
  path: string;
  kind?: 'openapi' | 'asyncapi';
  owner?: string;
  provider?: string;
  status?: 'draft' | 'finalized' | 'deprecated';
  /** Consumer system id → where the source says it consumes. */
  consumers: Map<string, Evidence>;
  /** True when a source speaks about this contract's consumers (so a missing one was removed). */
  consumersKnown: boolean;
  description?: string;
  /** The document's text when the catalog holds it inline: written next to the blueprint. */
  inline?: { text: string; extension: 'yaml' | 'json' };
  todos: string[];
  evidence: Evidence;
}

export type FlowPattern = 'request-response' | 'event';

export interface InferredFlow {
  id: string;
  from: string;
  to: string;
  pattern?: FlowPattern;
  via?: string;
  technology?: string;
  contract?: { path: string; operation?: string; channel?: string };
  todos: string[];
  evidence: Evidence;
}

export interface InferredTopology {
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  systems: InferredSystem[];
  components: InferredComponent[];
  contracts: InferredContract[];
  flows: InferredFlow[];
  /** Which sources were read, and how much of each. */
  read: { contracts: number; contractsNotRead: number; catalogFiles: number; entities: number };
}
