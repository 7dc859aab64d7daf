import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { flowLabel, listText, securityOf } from '../support/policies.js';

const FLOW = SECURE_FLOW.replace(
  '    security: webshop-to-orders\n',
  '    regulated: [GDPR]\n    security: webshop-to-orders\n',
);

const MISSING = {
  events: 'which events are recorded (`events`)',
  fields: 'which fields each record holds (`fields`)',
  retention: 'how long records are kept (`retention`)',
  sink: 'where they go (`sink`)',
} as const;

export default defineRule({
  meta: {
    id: 'security/regulated-without-audit',
    category: 'security',
    severity: 'error',
    description:
      'A regulated exchange (`regulated: [PCI, GDPR, HIPAA, SOX, …]`) has an audit block naming events, fields, retention and sink.',
    rationale:
      'Regulated data must be traceable: who sent what to whom, when, and on whose behalf. Auditors ask for the trail, incident responders need it to scope a breach, and it cannot be produced after the fact. Retention is itself regulated (PCI DSS: a year; SOX: seven), and the sink must be tamper-evident and separate from application logs.',
    sources: [
      'OWASP ASVS 4.0, V7.1–V7.3: Log content, processing and protection',
      'PCI DSS v4.0, Req. 10: log and monitor all access (retain at least 12 months)',
      'GDPR Art. 30: records of processing activities',
      'HIPAA Security Rule §164.312(b): audit controls',
    ],
    messages: {
      noPolicy:
        'Flow {{flow}} is regulated ({{regimes}}) but has no security policy, so no audit trail is defined. Add a policy with `audit: { events, fields, retention, sink }`.',
      noAudit:
        'Flow {{flow}} is regulated ({{regimes}}) but {{policy}} has no `audit` block: nothing records who exchanged what. Add `audit: { events, fields, retention, sink }`.',
      incomplete:
        'Flow {{flow}} is regulated ({{regimes}}), but the audit block of {{policy}} does not say {{missing}}. Complete it so the trail satisfies the auditors.',
    },
    examples: {
      bad: [
        {
          description: 'A GDPR flow with no audit trail',
          files: withPolicies(`${HEADER}${FLOW}`, `security:\n${SECURITY_POLICY}`),
        },
      ],
      good: [
        {
          description: 'Order events are audited with the caller, kept 400 days in the audit index',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `security:
${SECURITY_POLICY}    audit:
      events: [order.placed, order.rejected]
      fields: [orderId, customerId, clientId, outcome, timestamp, traceId]
      retention: 400d
      sink: splunk:index=audit-orders
`,
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.regulated.length === 0) return;
        const { policy, at, path, name, dangling } = securityOf(flow);
        if (dangling) return;
        const data = { flow: flowLabel(flow), regimes: flow.regulated.join(', ') };
        if (!policy) {
          context.report({ messageId: 'noPolicy', at, path, data });
          return;
        }
        const audit = policy.audit;
        if (!audit) {
          context.report({ messageId: 'noAudit', at, path, data: { ...data, policy: name! } });
          return;
        }
        const missing = (Object.keys(MISSING) as (keyof typeof MISSING)[]).filter((field) => {
          const value = audit[field];
          return Array.isArray(value) ? value.length === 0 : !value;
        });
        if (missing.length === 0) return;
        context.report({
          messageId: 'incomplete',
          at,
          path,
          data: { ...data, policy: name!, missing: listText(missing.map((f) => MISSING[f])) },
        });
      },
    };
  },
});
