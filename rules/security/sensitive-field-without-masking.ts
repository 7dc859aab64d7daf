import { code } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import type { BlueprintModel, Flow, SecurityPolicy } from '../../src/model/types.js';
import { HEADER } from '../examples.js';
import { ORDERS_WITH_PII_OPENAPI, SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { flowScope } from '../support/contracts.js';
import { flowLabel, listText, securityOf } from '../support/policies.js';
import { walkSchemas } from '../support/schema-walk.js';

interface Options {
  classifications: string[];
}

/** Fields listed by name in one message; the rest are counted. */
const LISTED = 5;

export default defineRule<Options>({
  meta: {
    id: 'security/sensitive-field-without-masking',
    category: 'security',
    severity: 'error',
    description:
      'Every field the contract tags as sensitive (`x-pii`, or `x-data-classification` confidential/restricted) that a flow carries has a masking rule in its security policy.',
    rationale:
      'Personal and restricted data leaks less through the API itself than through everything around it: gateway and application logs, traces, broker copies, dead-letter queues, analytics sinks. A masking rule per sensitive field (redact, hash, tokenize, encrypt) decides at design time what every one of those may see; GDPR calls it data minimisation, PCI DSS requires it for card data.',
    sources: [
      'OWASP ASVS 4.0, V8.3: Sensitive private data; V7.1: log content (no sensitive data in logs)',
      'GDPR Art. 5(1)(c) and 25: data minimisation, data protection by design',
      'PCI DSS v4.0, Req. 3.4: render PAN unreadable',
    ],
    messages: {
      unmasked:
        'Flow {{flow}} carries {{fields}}, tagged sensitive in contract "{{contract}}", with no masking rule in {{policy}}. Add `masking: [{ field: {{first}}, strategy: redact }]` (or hash, tokenize, encrypt) for each.',
      noPolicy:
        'Flow {{flow}} carries {{fields}}, tagged sensitive in contract "{{contract}}", but has no security policy to mask them. Add one with `masking: [{ field: {{first}}, strategy: redact }]` (or hash, tokenize, encrypt) for each.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          classifications: {
            type: 'array',
            items: { enum: ['public', 'internal', 'confidential', 'restricted'] },
            description: '`x-data-classification` values that need masking (`x-pii: true` always does).',
          },
        },
      },
      defaults: { classifications: ['confidential', 'restricted'] },
    },
    examples: {
      bad: [
        {
          description: 'The order carries the customer’s email and name; the policy masks neither',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, `security:\n${SECURITY_POLICY}`, {
            'contracts/orders.openapi.yaml': ORDERS_WITH_PII_OPENAPI,
          }),
        },
      ],
      good: [
        {
          description: 'Email is hashed, name redacted',
          files: withPolicies(
            `${HEADER}${SECURE_FLOW}`,
            `security:
${SECURITY_POLICY}    masking:
      - { field: customer.email, strategy: hash }
      - { field: customer.name, strategy: redact }
`,
            { 'contracts/orders.openapi.yaml': ORDERS_WITH_PII_OPENAPI },
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const fields = sensitiveFields(flow, context.model, context.options.classifications);
        if (fields.length === 0) return;
        const { policy, at, path, name, dangling } = securityOf(flow);
        if (dangling) return;
        const unmasked = fields.filter((f) => !isMasked(f, policy));
        if (unmasked.length === 0) return;
        const listed = unmasked.slice(0, LISTED).map((f) => code(f));
        if (unmasked.length > LISTED) listed.push(`${unmasked.length - LISTED} more`);
        const data = {
          flow: flowLabel(flow),
          fields: listText(listed),
          contract: flow.contract!.ref,
          first: unmasked[0]!,
        };
        if (!policy) context.report({ messageId: 'noPolicy', at, path, data });
        else context.report({ messageId: 'unmasked', at, path, data: { ...data, policy: name! } });
      },
    };
  },
});

/** Dotted paths of the sensitive fields in what the flow's operation (or channel) carries. */
function sensitiveFields(
  flow: Flow,
  model: Pick<BlueprintModel, 'documents' | 'index'>,
  classifications: readonly string[],
): string[] {
  const scope = flowScope(model.index, flow);
  if (!scope) return [];
  const found = new Set<string>();
  walkSchemas(
    model.documents,
    scope,
    ({ node, field }) => {
      const pii = node['x-pii'] !== undefined && node['x-pii'] !== false;
      const classification = node['x-data-classification'];
      const classified = typeof classification === 'string' && classifications.includes(classification);
      if ((pii || classified) && field.length > 0) found.add(field.join('.'));
    },
    { mode: 'paths' },
  );
  return [...found].sort();
}

/** A rule for the field itself or for an enclosing object masks it. */
function isMasked(field: string, policy: SecurityPolicy | undefined): boolean {
  return (policy?.masking ?? []).some((m) => field === m.field || field.startsWith(m.field + '.'));
}
