import { defineRule } from '../../src/engine/rule.js';
import { getAtPointer } from '../../src/core/pointer.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import { isJson } from '../support/schema-walk.js';

const ERROR_STATUS = /^([45](\d\d|XX)|default)$/i;

export default defineRule({
  meta: {
    id: 'contracts/operation-without-error-response',
    category: 'contracts',
    severity: 'warning',
    description: 'Every OpenAPI operation documents at least one error response (4xx, 5xx or `default`).',
    rationale:
      'Every operation fails sometimes: invalid input, missing resource, overload. If the contract documents only the happy path, each consumer guesses the error shape and which failures are worth retrying — and the provider cannot change it without breaking the guesses. A documented error response (ideally RFC 9457 problem details) makes failure part of the contract.',
    sources: [
      'Zalando RESTful API Guidelines: specify success and error responses (rule 151)',
      'RFC 9457: Problem Details for HTTP APIs',
      'OpenAPI Specification 3.1: Responses Object',
    ],
    messages: {
      noError:
        'Operation `{{operation}}` in contract "{{contract}}" documents no error response: consumers must guess what a failure looks like. Add `4XX`/`5XX` or `default` responses (e.g. `application/problem+json`).',
    },
    examples: {
      bad: [
        {
          description: 'getOrder documents only 200',
          files: withContracts(HEADER, {
            'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
              /(operationId: getOrder[\s\S]*?) {8}default:\n[\s\S]*?status: \{ type: integer \}\n/,
              '$1',
            ),
          }),
        },
      ],
      good: [
        { description: 'Both operations have a default problem response', files: withContracts(HEADER) },
      ],
    },
  },
  create(context) {
    return {
      contract(contract) {
        const document = contract.document;
        if (document?.kind !== 'openapi') return;
        for (const operation of document.operations) {
          const responses = getAtPointer(document.root, `${operation.pointer}/responses`);
          if (isJson(responses) && Object.keys(responses).some((code) => ERROR_STATUS.test(code))) continue;
          context.report({
            messageId: 'noError',
            at: { file: document.file, pointer: `${operation.pointer}/responses` },
            data: { operation: operation.key, contract: contract.id },
          });
        }
      },
    };
  },
});
