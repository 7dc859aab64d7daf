/**
 * The typed blueprint model the rules read. Every element remembers where it was declared (`loc`),
 * so a rule can report `{ at: flow.loc, path: ['errorHandling'] }` and never count lines.
 * References (a flow's `from`, `via`, `contract`, …) are resolved by `buildModel`; an unresolved one
 * is `undefined` on the `resolved` side and reported by the topology rules.
 */
import type { LocatedDocument } from '../core/located-document.js';

export interface Loc {
  file: string;
  pointer: string;
}

export type Pattern = 'request-response' | 'event' | 'batch' | 'stream';
export const PATTERNS: readonly Pattern[] = ['request-response', 'event', 'batch', 'stream'];
export type DataClassification = 'public' | 'internal' | 'confidential' | 'restricted';
export type ContractStatus = 'draft' | 'in-review' | 'finalized' | 'deprecated';

export interface Rate {
  requests: number;
  per: string;
}

export interface TechnicalRequirements {
  rateLimit?: Rate;
  auth?: string[];
  payloadFormats?: string[];
  protocols?: string[];
}

export interface System {
  id: string;
  name?: string;
  description?: string;
  owner?: string;
  type?: string;
  external: boolean;
  lifecycle?: string;
  /** Business domain (Backstage `Domain`): how the architecture document groups a large topology. */
  domain?: string;
  technical?: TechnicalRequirements;
  loc: Loc;
}

export interface Component {
  id: string;
  name?: string;
  kind: string;
  technology?: string;
  owner?: string;
  description?: string;
  loc: Loc;
}

export interface Versioning {
  strategy: 'semver' | 'url-path' | 'header' | 'media-type' | 'none';
  compatibility?: string;
  deprecationPolicy?: string;
}

export interface ContractEntry {
  id: string;
  file: string;
  /** `file` resolved to a repository path, or undefined when it escapes the repository. */
  path: string | undefined;
  owner?: string;
  provider?: string;
  status?: ContractStatus;
  consumers: string[];
  versioning?: Versioning;
  errorFormat?: string;
  changeRecord?: string;
  description?: string;
  loc: Loc;
  /** The parsed document; undefined when it is missing or does not parse (a load finding says why). */
  document?: ContractDocument;
}

export interface SecurityScheme {
  name: string;
  type: string;
  /** OpenAPI `scheme` for http, OAuth flows for oauth2, etc. */
  scheme?: string;
  flows?: Record<string, { tokenUrl?: string; scopes?: Record<string, string> }>;
  pointer: string;
}

export interface ContractOperation {
  /** `operationId` (OpenAPI) or the operation's id (AsyncAPI 3) / generated id (AsyncAPI 2). */
  id: string;
  /** OpenAPI: `GET /orders/{id}`; AsyncAPI: the operation id. */
  key: string;
  method?: string;
  path?: string;
  /** AsyncAPI 3 `send`/`receive`; AsyncAPI 2 `publish`/`subscribe`. */
  action?: 'send' | 'receive' | 'publish' | 'subscribe';
  channel?: string;
  /** Effective security requirement names (operation-level, else document-level); [] means explicitly none. */
  security: string[] | undefined;
  deprecated: boolean;
  pointer: string;
}

export interface ContractChannel {
  /** Channel id (3.x) or channel name (2.x). */
  id: string;
  address?: string;
  messages: string[];
  pointer: string;
}

export interface ContractDocument {
  kind: 'openapi' | 'asyncapi';
  specVersion: string;
  /** Repository path of the root document. */
  file: string;
  title?: string;
  version?: string;
  /** The root document as plain data; `$ref`s are left in place (resolve with `resolveRef`). */
  root: unknown;
  operations: ContractOperation[];
  channels: ContractChannel[];
  securitySchemes: SecurityScheme[];
}

export interface RetryPolicy {
  maxAttempts?: number;
  initialInterval?: string;
  multiplier?: number;
  maxInterval?: string;
  jitter?: 'full' | 'equal' | 'decorrelated' | 'none';
  retryOn?: string[];
  budget?: { percent?: number; minRetriesPerSecond?: number };
}

export interface CircuitBreakerPolicy {
  failureRateThreshold?: number;
  slidingWindowSize?: number;
  minimumNumberOfCalls?: number;
  waitDurationInOpenState?: string;
  permittedCallsInHalfOpenState?: number;
}

export interface ErrorHandlingPolicy {
  id?: string;
  description?: string;
  timeout?: string;
  perTryTimeout?: string;
  retry?: RetryPolicy;
  circuitBreaker?: CircuitBreakerPolicy;
  deadLetter?: {
    destination?: string;
    maxDeliveries?: number;
    retention?: string;
    replay?: string;
    owner?: string;
  };
  idempotency?: { key?: string; window?: string; store?: string };
  alerts?: {
    dlqDepth?: number | string;
    dlqAge?: number | string;
    errorRate?: number | string;
    consumerLag?: number | string;
    latencyP99?: number | string;
    route?: string;
  };
  batch?: { onFailure?: string; partialFailure?: string; rerun?: string };
}

export interface SecurityPolicy {
  id?: string;
  description?: string;
  auth?: {
    model: string;
    rationale?: string;
    tokenUrl?: string;
    scopes?: string[];
    tokenTtl?: string;
    rotation?: string;
    clientId?: string;
    credential?: string;
  };
  transport?: { encryption?: 'tls' | 'mtls' | 'none'; minVersion?: string };
  masking?: { field: string; strategy: string }[];
  audit?: { events?: string[]; fields?: string[]; retention?: string; sink?: string };
}

/** A policy as a flow sees it: named (declared in policies/) or inline, with where it is written. */
export interface PolicyUse<P> {
  /** The policy's id when the flow names one. */
  name?: string;
  /** Undefined when the flow names a policy that does not exist. */
  policy?: P;
  /** Where the policy body is written (the policies file, or the flow itself when inline). */
  loc?: Loc;
  /** Where the flow refers to it. */
  refLoc: Loc;
}

export interface NamedPolicy<P> {
  id: string;
  policy: P;
  loc: Loc;
}

export interface Flow {
  id: string;
  name?: string;
  description?: string;
  from: string;
  to: string;
  pattern?: string;
  via?: string;
  technology?: string;
  contract?: { ref: string; operation?: string; channel?: string; message?: string };
  deliveryGuarantee?: 'at-most-once' | 'at-least-once' | 'exactly-once';
  ordering?: { required?: boolean; key?: string };
  dataClassification?: DataClassification;
  regulated: string[];
  errorHandling?: PolicyUse<ErrorHandlingPolicy>;
  security?: PolicyUse<SecurityPolicy>;
  decision?: string;
  requirements: string[];
  volume?: { peak?: Rate; average?: Rate; recordsPerRun?: number };
  schedule?: string;
  loc: Loc;
  resolved: {
    from?: System;
    to?: System;
    via?: Component;
    contract?: ContractEntry;
    decision?: Adr;
  };
}

export interface Requirement {
  id: string;
  title?: string;
  description: string;
  owner?: string;
  data?: string;
  freshness?: string;
  consistency?: 'strong' | 'read-your-writes' | 'eventual';
  ordering?: boolean;
  loc: Loc;
}

export interface AdrSection {
  title: string;
  /** 1-based line of the heading. */
  line: number;
  body: string;
}

export interface Adr {
  /** File name without extension, e.g. `0001-use-kafka-for-order-events`. */
  id: string;
  file: string;
  title?: string;
  status?: string;
  date?: string;
  decisionMakers: string[];
  frontMatter: Record<string, unknown>;
  sections: AdrSection[];
  /** Number of options listed under "Considered Options". */
  consideredOptions: number;
  /** ADR named by `superseded by` (front matter `superseded-by` or status text). */
  supersededBy?: string;
}

export interface BlueprintModel {
  /** Repository path of the blueprint folder. */
  root: string;
  name: string;
  title?: string;
  owner?: string;
  systems: System[];
  components: Component[];
  contracts: ContractEntry[];
  flows: Flow[];
  requirements: Requirement[];
  errorHandlingPolicies: NamedPolicy<ErrorHandlingPolicy>[];
  securityPolicies: NamedPolicy<SecurityPolicy>[];
  adrs: Adr[];
  /** Every YAML/JSON document read, by repository path: the source map for findings. */
  documents: ReadonlyMap<string, LocatedDocument>;
  /** Lookups by id and reference, built once with the model (src/model/model-index.ts). */
  index: ModelIndex;
}

/**
 * Lookups over declared elements, by id. Each holds the first element with an id, which is what
 * references resolve to (a duplicate id is reported by a rule).
 */
export interface ElementIndex {
  systems: ReadonlyMap<string, System>;
  components: ReadonlyMap<string, Component>;
  contracts: ReadonlyMap<string, ContractEntry>;
  requirements: ReadonlyMap<string, Requirement>;
  errorHandlingPolicies: ReadonlyMap<string, NamedPolicy<ErrorHandlingPolicy>>;
  securityPolicies: ReadonlyMap<string, NamedPolicy<SecurityPolicy>>;
  /**
   * The ADR a flow's `decision` (or an ADR's `superseded-by`) written in `fromFile` names: a path
   * relative to that file, else an ADR id or the number it starts with (`0001`).
   */
  adr(fromFile: string, decision: string): Adr | undefined;
}

/** The element lookups, and the flows by what they reference, each list in the model's order. */
export interface ModelIndex extends ElementIndex {
  /** The first flow with each id. */
  flows: ReadonlyMap<string, Flow>;
  /** Flows by each requirement id they list. */
  flowsByRequirement: ReadonlyMap<string, readonly Flow[]>;
  /** Flows by the contract id they use (`contract.ref`). */
  flowsByContract: ReadonlyMap<string, readonly Flow[]>;
  /** Flows by their target system id (`to`). */
  flowsTo: ReadonlyMap<string, readonly Flow[]>;
  /**
   * Where a flow's contract reference leads in its contract's document; undefined when the flow has
   * no contract or its contract no document (not found, or it does not parse).
   */
  contractTarget(flow: Flow): ContractTarget | undefined;
}

/** What a flow's `contract` names, found in the contract's document (`ModelIndex.contractTarget`). */
export interface ContractTarget {
  document: ContractDocument;
  /** The document's kind, kept here: a rule asking only the contract language need not reach the document. */
  kind: ContractDocument['kind'];
  /**
   * The operation `contract.operation` names: an `operationId` (AsyncAPI: the operation id), or
   * `METHOD /path` in any letter case, spaces trimmed and runs of them read as one; the first of the
   * document's operations that answers. Undefined when the flow names none or no such operation.
   */
  operation?: ContractOperation;
  /** The channel `contract.channel` names (its id, else its address), likewise. */
  channel?: ContractChannel;
}
