import { token } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Flow } from '../../src/model/types.js';
import { HEADER, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/unknown-operation',
    category: 'topology',
    severity: 'error',
    description: 'The operation, channel or message a flow names exists in its contract.',
    rationale:
      'The flow-to-operation link is how the review knows which schemas, security requirements and error responses a flow depends on, and which consumers a contract change breaks. A stale or mistyped name silently disconnects the flow from its contract.',
    sources: ['OpenAPI Specification: operationId', 'AsyncAPI Specification 3.0: operations and channels'],
    messages: {
      operation:
        'Flow "{{flow}}" uses operation "{{name}}", which contract "{{contract}}" ({{file}}) does not define. Known operations: {{known}}.',
      channel:
        'Flow "{{flow}}" uses channel "{{name}}", which contract "{{contract}}" ({{file}}) does not define. Known channels: {{known}}.',
      message:
        'Flow "{{flow}}" uses message "{{name}}", which channel "{{channel}}" of contract "{{contract}}" does not carry. Known messages: {{known}}.',
    },
    examples: {
      bad: [
        {
          description: 'A typo in the operationId',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api, operation: createOrders } }
`),
        },
      ],
      good: [
        {
          description: 'By operationId, or by method and path',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api, operation: createOrder } }
  - { id: track-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api, operation: 'GET /orders/{orderId}' } }
`),
        },
      ],
    },
  },
  create(context) {
    const { index } = context.model;
    return {
      flow(flow) {
        const target = index.contractTarget(flow);
        if (!flow.contract || !target) return;
        const { document } = target;
        const data = () => ({
          flow: flow.id,
          contract: flow.resolved.contract!.id,
          file: token(document.file),
        });
        const { operation, channel, message } = flow.contract;
        if (operation !== undefined && !target.operation) {
          const known = list(document.operations.map((o) => o.id));
          context.report({
            messageId: 'operation',
            at: flow.loc,
            path: ['contract', 'operation'],
            data: { ...data(), name: operation, known },
          });
        }
        if (channel === undefined) return;
        const found = target.channel;
        if (!found) {
          const known = list(document.channels.map((c) => c.id));
          context.report({
            messageId: 'channel',
            at: flow.loc,
            path: ['contract', 'channel'],
            data: { ...data(), name: channel, known },
          });
        } else if (message !== undefined && !found.messages.includes(message)) {
          report(flow, message, channel, found.messages);
        }
      },
    };

    function report(flow: Flow, name: string, channel: string, messages: string[]) {
      context.report({
        messageId: 'message',
        at: flow.loc,
        path: ['contract', 'message'],
        data: { flow: flow.id, contract: flow.contract!.ref, name, channel, known: list(messages) },
      });
    }
  },
});

function list(names: string[]): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, 8).map(token).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} in all)` : shown;
}
