import { code } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import type { RuleContext } from '../../src/engine/rule.js';
import type { LocatedDocument } from '../../src/core/located-document.js';
import { encodeSegment, getAtPointer } from '../../src/core/pointer.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import { listText } from '../support/policies.js';
import { deref } from '../support/contracts.js';
import type { Json, Located } from '../support/schema-walk.js';
import { isJson } from '../support/schema-walk.js';

const ERROR_STATUS = /^([45](\d\d|XX)|default)$/i;
const PROBLEM_TYPES = /^application\/problem\+(json|xml)$/i;
const PROBLEM_FIELDS = ['type', 'title', 'status'];

const header = HEADER.replace(
  'versioning: { strategy: semver } }\n  - { id: order-events',
  'versioning: { strategy: semver }, errorFormat: rfc9457 }\n  - { id: order-events',
);

export default defineRule({
  meta: {
    id: 'contracts/error-format-mismatch',
    category: 'contracts',
    severity: 'warning',
    description:
      'When a contract declares `errorFormat: rfc9457`, its error responses are `application/problem+json` with `type`, `title` and `status`.',
    rationale:
      'Declaring a standard error format is a promise: consumers write one error handler and rely on `type` to tell failures apart and `status` to decide on retries. A single operation that answers errors in its own shape breaks that handler, usually in the failure path nobody tests.',
    sources: [
      'RFC 9457: Problem Details for HTTP APIs',
      'Zalando RESTful API Guidelines: use Problem JSON (rule 176)',
      'OpenAPI Specification 3.1: Media Type Object',
    ],
    messages: {
      mediaType:
        'Error response {{status}} of `{{operation}}` in contract "{{contract}}" is not `application/problem+json`{{found}}, though the contract declares `errorFormat: rfc9457`. Return problem details (media type `application/problem+json`).',
      fields:
        'Error response {{status}} of `{{operation}}` in contract "{{contract}}" uses problem details without {{missing}}. Add them to its schema (RFC 9457 members: type, title, status, detail, instance).',
    },
    examples: {
      bad: [
        {
          description: 'The contract promises RFC 9457, but createOrder answers errors as plain JSON',
          files: withContracts(header, {
            'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
              '            application/problem+json:\n',
              '            application/json:\n',
            ),
          }),
        },
      ],
      good: [
        {
          description: 'Every error response is problem+json with type, title and status',
          files: withContracts(header),
        },
      ],
    },
  },
  create(context) {
    return {
      contract(contract) {
        const document = contract.document;
        if (contract.errorFormat !== 'rfc9457' || document?.kind !== 'openapi') return;
        for (const operation of document.operations) {
          const responses = getAtPointer(document.root, `${operation.pointer}/responses`);
          if (!isJson(responses)) continue;
          for (const [status, raw] of Object.entries(responses)) {
            if (!ERROR_STATUS.test(status)) continue;
            const pointer = `${operation.pointer}/responses/${encodeSegment(status)}`;
            const response = deref(context.model.documents, document.file, raw, pointer);
            if (!response || !isJson(response.value)) continue;
            checkErrorResponse(context, response, {
              status,
              operation: operation.key,
              contract: contract.id,
            });
          }
        }
      },
    };
  },
});

/** What a finding about one error response names: its status, its operation and its contract. */
type ResponseNames = { status: string; operation: string; contract: string };

/** An error response is problem details (RFC 9457): that media type, with `type`, `title` and `status`. */
function checkErrorResponse(
  context: RuleContext<Record<string, never>>,
  response: Located,
  names: ResponseNames,
): void {
  const content = isJson(response.value) && isJson(response.value.content) ? response.value.content : {};
  const problem = Object.keys(content).find((type) => PROBLEM_TYPES.test(type));
  if (!problem) {
    const types = Object.keys(content);
    context.report({
      messageId: 'mediaType',
      at: { file: response.file, pointer: response.pointer },
      data: {
        ...names,
        found: types.length ? ` (it is ${listText(types.map((t) => code(t)))})` : ' (it has no body)',
      },
    });
    return;
  }
  const media = content[problem];
  const schemaAt = `${response.pointer}/content/${encodeSegment(problem)}/schema`;
  const schema = isJson(media)
    ? deref(context.model.documents, response.file, media.schema, schemaAt)
    : undefined;
  const missing = PROBLEM_FIELDS.filter((f) => !propertiesOf(schema, context.model.documents).has(f));
  if (missing.length === 0) return;
  context.report({
    messageId: 'fields',
    at: schema
      ? { file: schema.file, pointer: schema.pointer }
      : { file: response.file, pointer: response.pointer },
    data: { ...names, missing: listText(missing.map((m) => code(m))) },
  });
}

/** Property names of a schema, including those its `allOf` parts contribute. */
function propertiesOf(
  schema: Located | undefined,
  documents: ReadonlyMap<string, LocatedDocument>,
  depth = 0,
): Set<string> {
  const names = new Set<string>();
  if (!schema || !isJson(schema.value) || depth > 8) return names;
  const value: Json = schema.value;
  if (isJson(value.properties)) Object.keys(value.properties).forEach((n) => names.add(n));
  (Array.isArray(value.allOf) ? value.allOf : []).forEach((part, i) => {
    const located = deref(documents, schema.file, part, `${schema.pointer}/allOf/${i}`);
    propertiesOf(located, documents, depth + 1).forEach((n) => names.add(n));
  });
  return names;
}
