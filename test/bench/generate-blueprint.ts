/**
 * A generator of large, valid blueprints for the scale benchmarks (`npm run bench`): `contracts`
 * contracts (OpenAPI 3.1 and AsyncAPI 3.0, alternating), one flow and one requirement per contract,
 * a system per provider, shared policies and ADRs, and the topology split over include files as a
 * real organisation would. The output lints without findings (test/bench/generate-blueprint.test.ts),
 * so rule timings measure the rules walking a healthy model, not reporting noise.
 *
 *   npx tsx test/bench/generate-blueprint.ts <folder> <contracts>   # writes the files to <folder>
 *
 * Deterministic: the same count gives the same bytes, so figures are comparable between runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GeneratedBlueprint {
  /** Repository-relative path → text (the blueprint folder is `root`). */
  files: Map<string, string>;
  root: string;
  /** Contract files, in id order (handy for changing one in a benchmark). */
  contractFiles: string[];
}

export interface GenerateOptions {
  contracts: number;
  /** The blueprint folder inside the repository (default `blueprints/org`). */
  root?: string;
  /** Flows per include file (default 50). */
  flowsPerPart?: number;
}

const pad = (i: number) => String(i).padStart(4, '0');

export function generateBlueprint(options: GenerateOptions): GeneratedBlueprint {
  const root = options.root ?? 'blueprints/org';
  const perPart = options.flowsPerPart ?? 50;
  const files = new Map<string, string>();
  const contractFiles: string[] = [];
  const n = Math.max(1, options.contracts);
  const parts = Math.ceil(n / perPart);
  for (let p = 0; p < parts; p++) {
    const ids = range(p * perPart, Math.min(n, (p + 1) * perPart));
    files.set(`${root}/topology/part-${pad(p)}.yaml`, part(ids, p === parts - 1 ? [n] : []));
  }
  for (let i = 0; i < n; i++) {
    const file = `contracts/${contractName(i)}`;
    contractFiles.push(`${root}/${file}`);
    files.set(`${root}/${file}`, isAsync(i) ? asyncApi(i) : openApi(i));
  }
  files.set(`${root}/blueprint.yaml`, blueprint(parts));
  files.set(`${root}/policies/error-handling.yaml`, ERROR_HANDLING);
  files.set(`${root}/policies/security.yaml`, SECURITY);
  files.set(
    `${root}/adr/0001-synchronous-calls-in-the-mesh.md`,
    adr('Synchronous calls inside the mesh', 'sync'),
  );
  files.set(`${root}/adr/0002-kafka-for-domain-events.md`, adr('Kafka for domain events', 'async'));
  return { files, root, contractFiles };
}

/** Writes a generated blueprint under `folder` (the repository root). */
export function writeBlueprint(folder: string, generated: GeneratedBlueprint): void {
  for (const [file, text] of generated.files) {
    const target = path.join(folder, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

/** A new optional response field in a generated OpenAPI contract: a real, non-breaking change. */
export function addResponseField(file: string, field: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text.replace('        createdAt:\n', `        ${field}:\n          type: string\n        createdAt:\n`),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const isAsync = (i: number) => i % 2 === 1;
const contractId = (i: number) => (isAsync(i) ? `events-${pad(i)}` : `api-${pad(i)}`);
const contractName = (i: number) => `${contractId(i)}.${isAsync(i) ? 'asyncapi' : 'openapi'}.yaml`;
/**
 * Each contract has its own provider; its consumer is the next contract's provider (the last one's
 * is a system of its own), so synchronous calls never chain and no rule finds retry amplification.
 */
const provider = (i: number) => `system-${pad(i)}`;
const consumer = (i: number) => provider(i + 1);
const topic = (i: number) => `topic-${pad(i)}`;

function blueprint(parts: number): string {
  return `apiVersion: blueprint-review/v1
kind: Blueprint
metadata:
  name: org
  title: Generated organisation
  description: A generated blueprint for the scale benchmarks.
  owner: acme/integration-architects

include:
${range(0, parts)
  .map((p) => `  - topology/part-${pad(p)}.yaml`)
  .join('\n')}

components:
  - id: service-mesh
    name: Service mesh
    kind: service-mesh
    technology: Istio
    owner: acme/integration-platform
    description: mTLS between internal services with workload identities.
`;
}

/** The topology of contracts `ids`; `consumersOnly` are systems that provide no contract. */
function part(ids: number[], consumersOnly: number[]): string {
  const systems = [...ids, ...consumersOnly].map(
    (i) => `  - id: ${provider(i)}
    name: System ${i}
    description: ${ids.includes(i) ? `Provider of ${contractId(i)}` : `Consumer of ${contractId(i - 1)}`}.
    owner: acme/team-${pad(i)}
    type: service
    lifecycle: production
    technical:
      rateLimit: { requests: 500, per: 1s }
      auth: [mtls]
      payloadFormats: [application/json, application/problem+json]
      protocols: [https, kafka]`,
  );
  const components = ids.filter(isAsync).map(
    (i) => `  - id: ${topic(i)}
    name: domain.events-${pad(i)}.v1
    kind: broker-topic
    technology: Kafka
    owner: acme/integration-platform
    description: Events of ${provider(i)}, keyed by entity id.`,
  );
  const contracts = ids.map(
    (i) => `  - id: ${contractId(i)}
    file: ../contracts/${contractName(i)}
    description: Contract ${i}.
    owner: acme/team-${pad(i)}
    provider: ${provider(i)}
    status: finalized
    consumers: [${consumer(i)}]
    versioning: { strategy: ${isAsync(i) ? 'semver' : 'url-path'}, compatibility: backward, deprecationPolicy: 90d }${isAsync(i) ? '' : '\n    errorFormat: rfc9457'}`,
  );
  const flows = ids.map((i) =>
    isAsync(i)
      ? `  - id: flow-${pad(i)}
    name: Events ${i}
    description: ${provider(i)} publishes its events; ${consumer(i)} consumes them.
    from: ${provider(i)}
    to: ${consumer(i)}
    pattern: event
    via: ${topic(i)}
    technology: kafka
    contract: { ref: ${contractId(i)}, operation: sendEntityChanged, channel: entityEvents }
    deliveryGuarantee: at-least-once
    ordering: { required: true, key: entityId }
    dataClassification: internal
    errorHandling: event-consumer
    security: kafka-mtls
    decision: ../adr/0002-kafka-for-domain-events.md
    requirements: [requirement-${pad(i)}]
    volume:
      peak: { requests: 40, per: 1s }
      average: { requests: 4, per: 1s }`
      : `  - id: flow-${pad(i)}
    name: Call ${i}
    description: ${consumer(i)} creates entities in ${provider(i)}.
    from: ${consumer(i)}
    to: ${provider(i)}
    pattern: request-response
    via: service-mesh
    technology: https
    contract: { ref: ${contractId(i)}, operation: createEntity }
    deliveryGuarantee: at-least-once
    dataClassification: internal
    errorHandling: internal-sync-call
    security: mesh-mtls
    decision: ../adr/0001-synchronous-calls-in-the-mesh.md
    requirements: [requirement-${pad(i)}]
    volume:
      peak: { requests: 40, per: 1s }
      average: { requests: 3, per: 1s }`,
  );
  const requirements = ids.map(
    (i) => `  - id: requirement-${pad(i)}
    title: Requirement ${i}
    description: Entities of ${provider(i)} reach ${consumer(i)}.
    owner: acme/team-${pad(i)}
    data: Entity id, name and status
${isAsync(i) ? '    freshness: 5m\n    consistency: eventual\n    ordering: true' : '    consistency: strong'}`,
  );
  return `apiVersion: blueprint-review/v1
kind: Blueprint
metadata:
  name: org-part
  owner: acme/integration-architects

systems:
${systems.join('\n')}
${components.length > 0 ? `\ncomponents:\n${components.join('\n')}\n` : ''}
contracts:
${contracts.join('\n')}

flows:
${flows.join('\n')}

requirements:
${requirements.join('\n')}
`;
}

function openApi(i: number): string {
  return `openapi: 3.1.0
info:
  title: API ${i}
  version: 1.0.${i}
  description: Entities of ${provider(i)}. Errors are RFC 9457 problem details.
servers:
  - url: https://${provider(i)}.svc.cluster.local
security:
  - meshIdentity: []
paths:
  /v1/entities:
    post:
      operationId: createEntity
      summary: Create an entity
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/EntityRequest'
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Entity'
        '400':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/entities/{entityId}:
    get:
      operationId: getEntity
      summary: Read an entity
      parameters:
        - name: entityId
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: The entity.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Entity'
        '404':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
components:
  securitySchemes:
    meshIdentity:
      type: mutualTLS
      description: Mesh-issued workload certificates.
  parameters:
    IdempotencyKey:
      name: Idempotency-Key
      in: header
      required: true
      schema:
        type: string
        minLength: 16
        maxLength: 64
  schemas:
    EntityRequest:
      type: object
      required: [name]
      properties:
        name:
          type: string
          maxLength: 200
        tags:
          type: array
          items:
            type: string
    Entity:
      type: object
      required: [entityId, name, status]
      properties:
        entityId:
          type: string
        name:
          type: string
        status:
          type: string
          enum: [active, retired]
        createdAt:
          type: string
          format: date-time
    Problem:
      type: object
      description: RFC 9457 problem details.
      required: [type, title, status]
      properties:
        type:
          type: string
          format: uri-reference
        title:
          type: string
        status:
          type: integer
        detail:
          type: string
  responses:
    Problem:
      description: The request failed.
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
`;
}

function asyncApi(i: number): string {
  return `asyncapi: 3.0.0
info:
  title: Events ${i}
  version: 1.0.${i}
  description: Entity changes of ${provider(i)}; consumers deduplicate on eventId.
defaultContentType: application/json
servers:
  production:
    host: kafka.acme.internal:9094
    protocol: kafka-secure
    security:
      - $ref: '#/components/securitySchemes/clientCertificate'
channels:
  entityEvents:
    address: domain.events-${pad(i)}.v1
    messages:
      entityChanged:
        $ref: '#/components/messages/entityChanged'
operations:
  sendEntityChanged:
    action: send
    channel:
      $ref: '#/channels/entityEvents'
    messages:
      - $ref: '#/channels/entityEvents/messages/entityChanged'
components:
  securitySchemes:
    clientCertificate:
      type: X509
      description: mTLS client certificate from the internal PKI.
  messages:
    entityChanged:
      name: EntityChanged
      contentType: application/json
      payload:
        $ref: '#/components/schemas/EntityChanged'
      bindings:
        kafka:
          key:
            type: string
            description: The entity id.
          bindingVersion: 0.5.0
  schemas:
    EntityChanged:
      type: object
      additionalProperties: true
      required: [eventId, occurredAt, entityId, status]
      properties:
        eventId:
          type: string
          format: uuid
        occurredAt:
          type: string
          format: date-time
        entityId:
          type: string
        status:
          type: string
          enum: [active, retired]
`;
}

function adr(title: string, kind: 'sync' | 'async'): string {
  return `---
status: accepted
date: 2025-01-15
decision-makers: [acme/integration-architects]
---

# ${title}

## Context and Problem Statement

How do ${kind === 'sync' ? 'services call each other when the caller needs the answer now' : 'services tell others that their entities changed'}?

## Considered Options

* ${kind === 'sync' ? 'HTTPS calls through the service mesh' : 'Kafka topics per domain'}
* ${kind === 'sync' ? 'Calls through the public API gateway' : 'Webhooks to each consumer'}

## Decision Outcome

Chosen option: "${kind === 'sync' ? 'HTTPS calls through the service mesh' : 'Kafka topics per domain'}", because it is the platform standard.

## Consequences

* Good, because every team knows it.
* Bad, because it ties us to the platform.
`;
}

const ERROR_HANDLING = `apiVersion: blueprint-review/v1
kind: Policies

errorHandling:
  - id: internal-sync-call
    description: Fast in-mesh calls.
    timeout: 2.5s
    perTryTimeout: 600ms
    retry:
      maxAttempts: 3
      initialInterval: 50ms
      multiplier: 2
      maxInterval: 200ms
      jitter: full
      retryOn: [connect-failure, '503', timeout]
    circuitBreaker:
      failureRateThreshold: 50
      slidingWindowSize: 100
      minimumNumberOfCalls: 20
      waitDurationInOpenState: 10s
      permittedCallsInHalfOpenState: 5
    idempotency:
      key: Idempotency-Key
      window: 1h
      store: provider database (unique idempotency key)
    alerts:
      errorRate: 2%
      latencyP99: 800ms
      route: pagerduty:platform-oncall

  - id: event-consumer
    description: Kafka consumers of domain events.
    retry:
      maxAttempts: 3
      initialInterval: 1s
      multiplier: 2
      maxInterval: 10s
      jitter: full
      retryOn: [timeout, transient-error]
    deadLetter:
      destination: domain.events.dlq
      maxDeliveries: 3
      retention: 14d
      replay: https://runbooks.acme.example/kafka/dlq-replay
      owner: acme/integration-platform
    idempotency:
      key: eventId
      window: 7d
      store: consumer processed_events table
    alerts:
      dlqDepth: 1
      dlqAge: 30m
      consumerLag: 5m
      errorRate: 1%
      route: pagerduty:platform-oncall
`;

const SECURITY = `apiVersion: blueprint-review/v1
kind: Policies

security:
  - id: mesh-mtls
    description: Service-to-service calls inside the mesh.
    auth:
      model: mtls
      rationale: The mesh issues and rotates workload certificates; no secret to store or leak.
      rotation: 24h
    transport:
      encryption: mtls
      minVersion: '1.3'

  - id: kafka-mtls
    description: Kafka producers and consumers.
    auth:
      model: mtls
      rationale: Kafka authenticates clients by certificate from the internal PKI.
      rotation: 30d
    transport:
      encryption: mtls
      minVersion: '1.3'
`;

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename;
if (invokedDirectly) {
  const [folder, count] = process.argv.slice(2);
  if (!folder || !count) {
    process.stderr.write('usage: tsx test/bench/generate-blueprint.ts <folder> <contracts>\n');
    process.exit(2);
  }
  const generated = generateBlueprint({ contracts: Number(count) });
  writeBlueprint(folder, generated);
  process.stdout.write(`${generated.files.size} files under ${path.join(folder, generated.root)}\n`);
}
