import { defineRule, quoted } from '../../src/engine/rule.js';
import type { Flow, Loc } from '../../src/model/types.js';
import { HEADER, placeOrderFlow } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import { listText } from '../support/policies.js';

const header = HEADER.replace(
  '  - { id: orders, owner: acme/orders }\n',
  '  - { id: orders, owner: acme/orders }\n  - { id: backoffice, owner: acme/backoffice }\n',
);

const flows = (second: string) => `flows:
${placeOrderFlow('    security: webshop-to-orders\n')}  - id: look-up-order
    from: backoffice
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: getOrder }
    security: ${second}
`;

const policy = (id: string, clientId: string) => `  - id: ${id}
    auth:
      model: oauth2-client-credentials
      rationale: Scoped, short-lived tokens validated at the gateway.
      tokenUrl: https://auth.example.com/oauth2/token
      scopes: [orders.write]
      tokenTtl: 15m
      rotation: 90d
      clientId: ${clientId}
      credential: vault:kv/${clientId}/orders-client
    transport: { encryption: tls }
`;

interface Use {
  system: string;
  flow: string;
  at: Loc;
}

type Kind = 'clientId' | 'credential';

export default defineRule({
  meta: {
    id: 'security/shared-credential',
    category: 'security',
    severity: 'error',
    description: 'No client id or credential is used by more than one calling system.',
    rationale:
      'A credential shared by several systems cannot be revoked for one of them, cannot be scoped to what each needs, and makes the audit log name the credential instead of the caller. When it leaks, every system that holds it must rotate at once — so in practice nobody does. Each calling system gets its own identity.',
    sources: [
      'OWASP ASVS 4.0, V2.10: Service authentication (unique credentials per service)',
      'NIST SP 800-207: Zero Trust Architecture (per-workload identity)',
      'OWASP Secrets Management Cheat Sheet',
    ],
    messages: {
      shared:
        '{{kind}} "{{value}}" is used by {{systems}} (flows {{flows}}): it cannot be revoked or scoped for one of them, and audit logs cannot tell them apart. Give each calling system its own {{kindLower}}.',
    },
    examples: {
      bad: [
        {
          description: 'The backoffice borrows the webshop’s OAuth client',
          files: withPolicies(
            `${header}${flows('webshop-to-orders')}`,
            `security:\n${policy('webshop-to-orders', 'webshop')}`,
          ),
        },
      ],
      good: [
        {
          description: 'Each system has its own client',
          files: withPolicies(
            `${header}${flows('backoffice-to-orders')}`,
            `security:\n${policy('webshop-to-orders', 'webshop')}${policy('backoffice-to-orders', 'backoffice')}`,
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      blueprint(model) {
        // One finding per policy: a shared client id usually means a shared secret too.
        const reported = new Set<string>();
        for (const kind of ['clientId', 'credential'] as const) {
          for (const [value, uses] of usesOf(model.flows, kind)) {
            const systems = [...new Set(uses.map((u) => u.system))].sort();
            if (systems.length < 2) continue;
            const label = kind === 'clientId' ? 'Client id' : 'Credential';
            for (const at of distinctLocs(uses)) {
              const key = `${at.file}#${at.pointer}`;
              if (reported.has(key)) continue;
              reported.add(key);
              context.report({
                messageId: 'shared',
                at,
                path: ['auth', kind],
                data: {
                  kind: label,
                  kindLower: label.toLowerCase(),
                  value,
                  systems: listText(systems.map((s) => quoted(s))),
                  flows: listText([...new Set(uses.map((u) => quoted(u.flow)))]),
                },
              });
            }
          }
        }
      },
    };
  },
});

/** Who presents each client id (or credential): the calling system of every flow whose policy names it. */
function usesOf(flows: readonly Flow[], kind: Kind): Map<string, Use[]> {
  const byValue = new Map<string, Use[]>();
  for (const flow of flows) {
    const use = flow.security;
    const value = use?.policy?.auth?.[kind];
    if (!use?.loc || !value) continue;
    const list = byValue.get(value) ?? [];
    list.push({ system: callerOf(flow), flow: flow.id, at: use.loc });
    byValue.set(value, list);
  }
  return byValue;
}

function distinctLocs(uses: readonly Use[]): Loc[] {
  const seen = new Map<string, Loc>();
  for (const { at } of uses) seen.set(`${at.file}#${at.pointer}`, at);
  return [...seen.values()];
}

/**
 * The system that presents the credential: the caller or producer (`from`), except for a batch flow
 * that pulls from its source — the contract's provider or, when the contract does not say, an
 * external system read by an internal one — where the puller (`to`) calls the source.
 */
function callerOf(flow: Flow): string {
  if (flow.pattern !== 'batch') return flow.from;
  const provider = flow.resolved.contract?.provider;
  const pulls =
    provider !== undefined
      ? provider === flow.from
      : flow.resolved.from?.external === true && flow.resolved.to?.external !== true;
  return pulls ? flow.to : flow.from;
}
