/**
 * Building blocks for the examples and tests of the error-handling and security rules: a policies
 * file next to the shared blueprint header (`rules/examples.ts`), and complete policies that the
 * "good" examples start from.
 */
import type { ExampleFiles } from '../../src/engine/rule.js';
import {
  clientCredentials,
  HEADER,
  ORDERS_OPENAPI,
  placeOrderFlow,
  responses,
  withContracts,
} from '../examples.js';

export const POLICIES_FILE = 'policies/policies.yaml';

/** `blueprint.yaml`, the two shared contracts and `policies/policies.yaml`. */
export function withPolicies(
  blueprintYaml: string,
  policiesYaml: string,
  extra: ExampleFiles = {},
): ExampleFiles {
  return withContracts(blueprintYaml, {
    [POLICIES_FILE]: `apiVersion: blueprint-review/v1\nkind: Policies\n${policiesYaml}`,
    ...extra,
  });
}

/** A complete error-handling policy for synchronous calls (list item under `errorHandling:`). */
export const SYNC_POLICY = `  - id: sync-call
    timeout: 5s
    perTryTimeout: 1s
    retry: { maxAttempts: 3, initialInterval: 100ms, multiplier: 2, maxInterval: 1s, jitter: full, retryOn: [5xx, connect-failure] }
    circuitBreaker: { failureRateThreshold: 50, slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenState: 30s, permittedCallsInHalfOpenState: 3 }
    idempotency: { key: Idempotency-Key, window: 24h, store: orders-db }
    alerts: { errorRate: 5%, latencyP99: 2s, route: pagerduty:orders-oncall }
`;

/** A complete error-handling policy for event consumers (list item under `errorHandling:`). */
export const ASYNC_POLICY = `  - id: async-consumer
    retry: { maxAttempts: 3, initialInterval: 1s, multiplier: 2, maxInterval: 30s, jitter: full }
    deadLetter: { destination: orders.order-created.dlq, maxDeliveries: 5, retention: 14d, replay: runbooks/replay-dlq.md, owner: acme/orders }
    idempotency: { key: eventId, window: 7d, store: consumer-db }
    alerts: { dlqDepth: 1, dlqAge: 1h, consumerLag: 5m, errorRate: 1%, route: pagerduty:orders-oncall }
`;

/** A third system for chains of calls: webshop → orders → payments. */
export const CHAIN_HEADER = HEADER.replace(
  '  - { id: orders, owner: acme/orders }\n',
  '  - { id: orders, owner: acme/orders }\n  - { id: payments, owner: acme/payments }\n',
).replace(
  'contracts:\n',
  'contracts:\n  - { id: payments-api, file: contracts/payments.openapi.yaml, owner: acme/payments, status: draft, consumers: [orders], versioning: { strategy: semver } }\n',
);

/** The flows of `CHAIN_HEADER`'s chain: webshop → orders (policy `sync-call`) → payments (policy `inner`). */
export function chainFlows(inner: string): string {
  return `flows:
${placeOrderFlow('    errorHandling: sync-call\n')}  - id: authorize-payment
    from: orders
    to: payments
    pattern: request-response
    contract: { ref: payments-api, operation: authorizePayment }
    errorHandling: ${inner}
`;
}

/** A tiny OpenAPI 3.1 contract: POST /payments (authorizePayment), idempotent by header. */
export const PAYMENTS_OPENAPI = `openapi: 3.1.0
info:
  title: Payments API
  version: 1.0.0
security:
  - clientCredentials: [payments.write]
paths:
  /payments:
    post:
      operationId: authorizePayment
      parameters:
        - name: Idempotency-Key
          in: header
          required: true
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [orderId, amount]
              properties:
                orderId: { type: string }
                amount: { type: integer }
${responses('201', 'Authorized', 'paymentId')}${clientCredentials('payments.write', 'Authorize payments')}`;

/** Like `withPolicies`, with the payments contract of `CHAIN_HEADER`. */
export function withChain(blueprintYaml: string, policiesYaml: string): ExampleFiles {
  return withPolicies(blueprintYaml, policiesYaml, { 'contracts/payments.openapi.yaml': PAYMENTS_OPENAPI });
}

/** A one-line flow (line 14 of the blueprint) using error-handling policy `p`, for rule tests. */
export function flowUsing(pattern: string, extra = ''): string {
  const contract =
    pattern === 'request-response' || pattern === 'batch'
      ? '{ ref: orders-api, operation: getOrder }'
      : '{ ref: order-events, channel: orderCreated }';
  return `${HEADER}flows:
  - { id: f1, from: webshop, to: orders, pattern: ${pattern}, contract: ${contract}, errorHandling: p${extra} }
`;
}

/** A complete security policy for the webshop calling the Orders API (list item under `security:`). */
export const SECURITY_POLICY = `  - id: webshop-to-orders
    auth:
      model: oauth2-client-credentials
      rationale: The gateway validates short-lived scoped tokens from our identity provider; no secret travels per request.
      tokenUrl: https://auth.example.com/oauth2/token
      scopes: [orders.write]
      tokenTtl: 15m
      rotation: 90d
      clientId: webshop
      credential: vault:kv/webshop/orders-client
    transport: { encryption: tls, minVersion: '1.3' }
`;

/** The place-order flow (webshop → orders, createOrder) using security policy `webshop-to-orders`. */
export const SECURE_FLOW = `flows:
${placeOrderFlow('    security: webshop-to-orders\n')}`;

/** The Orders API with a customer whose email is tagged `x-pii` and name `confidential`. */
export const ORDERS_WITH_PII_OPENAPI = ORDERS_OPENAPI.replace(
  '                quantity: { type: integer, minimum: 1 }\n',
  `                quantity: { type: integer, minimum: 1 }
                customer:
                  type: object
                  required: [email, name]
                  properties:
                    email: { type: string, format: email, x-pii: true }
                    name: { type: string, x-data-classification: confidential }
`,
);

/** A complete MADR record (file `adr/0001-use-kafka-for-order-events.md`). */
export const ADR_FILE = 'adr/0001-use-kafka-for-order-events.md';
export const GOOD_ADR = `---
status: accepted
date: 2025-01-20
decision-makers: [acme/architects, acme/orders]
---

# Use Kafka for order events

## Context and Problem Statement

The webshop must learn about order changes without the orders service knowing its consumers.

## Considered Options

- Kafka topic per event type
- Webhooks from the orders service
- Nightly export

## Decision Outcome

Chosen option: "Kafka topic per event type", because consumers are decoupled and can replay.

## Consequences

- Good, because new consumers need no change in the orders service.
- Bad, because consumers must deduplicate (at-least-once delivery).
`;

/** The order-created event flow, linked to `ADR_FILE`. */
export const DECIDED_FLOW = `flows:
  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    decision: ${ADR_FILE}
`;

/** Two systems with their technical requirements, for the requirements rules. */
export const TECHNICAL_HEADER = HEADER.replace(
  '  - { id: webshop, owner: acme/web }\n  - { id: orders, owner: acme/orders }\n',
  `  - id: webshop
    owner: acme/web
    technical: { rateLimit: { requests: 200, per: 1s }, auth: [oauth2-client-credentials], payloadFormats: [application/json] }
  - id: orders
    owner: acme/orders
    technical: { rateLimit: { requests: 100, per: 1s }, auth: [oauth2-client-credentials], payloadFormats: [application/json] }
`,
);
