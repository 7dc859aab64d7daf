/**
 * Building blocks for rule examples. Each example is a small but real repository snapshot; these
 * constants keep the contracts out of every rule's file so the example shows the part that matters.
 */
import type { ExampleFiles } from '../src/engine/rule.js';

/**
 * An operation's `responses`, indented for an operation under `paths`: `status` (`description`) with
 * a JSON object requiring the string `field`, and RFC 9457 problem details for every other status.
 */
export function responses(status: string, description: string, field: string): string {
  return `      responses:
        '${status}':
          description: ${description}
          content:
            application/json:
              schema:
                type: object
                required: [${field}]
                properties:
                  ${field}: { type: string }
        default:
          description: Error
          content:
            application/problem+json:
              schema:
                type: object
                required: [type, title, status]
                properties:
                  type: { type: string }
                  title: { type: string }
                  status: { type: integer }
`;
}

/** The contract's `components`: OAuth 2.0 client credentials (`clientCredentials`) with one scope. */
export function clientCredentials(scope: string, description: string): string {
  return `components:
  securitySchemes:
    clientCredentials:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/oauth2/token
          scopes:
            ${scope}: ${description}
`;
}

/** A tiny OpenAPI 3.1 contract: POST /orders (createOrder) and GET /orders/{orderId} (getOrder), OAuth 2.0 client credentials. */
export const ORDERS_OPENAPI = `openapi: 3.1.0
info:
  title: Orders API
  version: 1.0.0
security:
  - clientCredentials: [orders.write]
paths:
  /orders:
    post:
      operationId: createOrder
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
              required: [sku, quantity]
              properties:
                sku: { type: string }
                quantity: { type: integer, minimum: 1 }
${responses('201', 'Created', 'orderId')}  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters:
        - name: orderId
          in: path
          required: true
          schema: { type: string }
${responses('200', 'The order', 'orderId')}${clientCredentials('orders.write', 'Create orders')}`;

/** A tiny AsyncAPI 3.0 contract: channel `orderCreated`, operation `publishOrderCreated` (send), SASL/SCRAM. */
export const ORDER_EVENTS_ASYNCAPI = `asyncapi: 3.0.0
info:
  title: Order events
  version: 1.0.0
servers:
  kafka:
    host: kafka.example.com:9093
    protocol: kafka-secure
    security:
      - $ref: '#/components/securitySchemes/scram'
channels:
  orderCreated:
    address: orders.order-created.v1
    messages:
      orderCreated:
        $ref: '#/components/messages/orderCreated'
operations:
  publishOrderCreated:
    action: send
    channel:
      $ref: '#/channels/orderCreated'
components:
  messages:
    orderCreated:
      payload:
        type: object
        required: [eventId, orderId]
        properties:
          eventId: { type: string, format: uuid }
          orderId: { type: string }
  securitySchemes:
    scram:
      type: scramSha512
`;

/** A blueprint.yaml plus the two contracts above, under the paths the YAML names. */
export function withContracts(blueprintYaml: string, extra: ExampleFiles = {}): ExampleFiles {
  return {
    'blueprint.yaml': blueprintYaml,
    'contracts/orders.openapi.yaml': ORDERS_OPENAPI,
    'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI,
    ...extra,
  };
}

/** The header and registry shared by most examples: two systems and the two contracts. */
export const HEADER = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: example, owner: acme/architects }
systems:
  - { id: webshop, owner: acme/web }
  - { id: orders, owner: acme/orders }
components:
  - { id: gateway, kind: api-gateway, owner: acme/platform }
  - { id: order-topic, kind: broker-topic, owner: acme/platform }
contracts:
  - { id: orders-api, file: contracts/orders.openapi.yaml, owner: acme/orders, status: draft, consumers: [webshop], versioning: { strategy: semver } }
  - { id: order-events, file: contracts/order-events.asyncapi.yaml, owner: acme/orders, status: draft, consumers: [webshop], versioning: { strategy: semver } }
`;

/**
 * `HEADER`'s main flow as an item of `flows:`: webshop → orders through the gateway, operation
 * createOrder. `more` is further keys of the flow, as indented lines (`    errorHandling: sync-call\n`).
 */
export function placeOrderFlow(more = ''): string {
  return `  - id: place-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: createOrder }
${more}`;
}
