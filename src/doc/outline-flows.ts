/** The flow catalogue and the error-handling and security models of the architecture document. */
import type {
  BlueprintModel,
  ErrorHandlingPolicy,
  Flow,
  NamedPolicy,
  PolicyUse,
  SecurityPolicy,
} from '../model/types.js';
import { contractVersion, DASH, joinCodes, orDash } from './cells.js';
import type { Cell, Section } from './outline.js';
import {
  alertsSummary,
  auditSummary,
  authModel,
  circuitBreakerSummary,
  credentialSummary,
  deadLetterSummary,
  errorHandlingLine,
  flowsByPolicy,
  idempotencySummary,
  maskingSummary,
  retrySummary,
  transportSummary,
} from './summaries.js';
import { patternStyle } from './topology.js';

export function buildFlowSection(model: BlueprintModel): Section {
  const rows = model.flows.map((flow): Cell[] => [
    [{ strong: flow.id }, ...(flow.name ? [' ', { muted: flow.name }] : [])],
    { code: flow.from },
    { code: flow.to },
    flow.pattern
      ? { badge: flow.pattern, tone: 'accent', color: patternStyle(flow.pattern).color }
      : { badge: 'not stated', tone: 'warn' },
    flow.via ? { code: flow.via } : DASH,
    contractCell(flow),
    orDash(flow.deliveryGuarantee),
    authModel(flow.security),
    errorHandlingLine(flow.errorHandling),
  ]);
  return {
    id: 'flows',
    title: 'Flow catalogue',
    blocks: [
      {
        kind: 'table',
        headers: [
          'Flow',
          'From',
          'To',
          'Pattern',
          'Mediator',
          'Contract',
          'Delivery',
          'Auth',
          'Error handling',
        ],
        rows,
        empty: 'No flows declared.',
      },
    ],
  };
}

function contractCell(flow: Flow): Cell {
  if (!flow.contract) return { badge: 'none', tone: 'bad' };
  const version = contractVersion(flow.resolved.contract);
  const target = flow.contract.operation ?? flow.contract.channel ?? flow.contract.message;
  return [
    { code: flow.contract.ref },
    ...(version ? [` v${version}`] : []),
    ...(target ? [{ muted: ` · ${target}` }] : []),
  ];
}

/** Named policies first (with the flows that use them), then flows that declare a policy inline. */
export function buildPolicySections(model: BlueprintModel): Section[] {
  return [errorHandlingSection(model), securitySection(model)];
}

interface PolicyRow<P> {
  label: Cell;
  usedBy: Cell;
  policy: P;
}

function policyRows<P>(
  named: readonly NamedPolicy<P>[],
  flows: readonly Flow[],
  pick: (flow: Flow) => PolicyUse<P> | undefined,
): PolicyRow<P>[] {
  const users = flowsByPolicy(flows, pick);
  const rows: PolicyRow<P>[] = named.map((p) => ({
    label: [{ strong: p.id }],
    usedBy: users.has(p.id) ? joinCodes(users.get(p.id)!) : { badge: 'unused', tone: 'neutral' },
    policy: p.policy,
  }));
  for (const flow of flows) {
    const use = pick(flow);
    if (use && use.name === undefined && use.policy) {
      rows.push({
        label: [{ muted: 'inline in ' }, { code: flow.id }],
        usedBy: { code: flow.id },
        policy: use.policy,
      });
    }
  }
  return rows;
}

function errorHandlingSection(model: BlueprintModel): Section {
  const rows = policyRows<ErrorHandlingPolicy>(
    model.errorHandlingPolicies,
    model.flows,
    (f) => f.errorHandling,
  ).map(({ label, usedBy, policy }): Cell[] => [
    label,
    usedBy,
    [policy.timeout, policy.perTryTimeout ? `per try ${policy.perTryTimeout}` : undefined]
      .filter(Boolean)
      .join(', ') || DASH,
    orDash(retrySummary(policy)),
    orDash(circuitBreakerSummary(policy)),
    orDash(deadLetterSummary(policy)),
    orDash(idempotencySummary(policy)),
    orDash(alertsSummary(policy)),
  ]);
  return {
    id: 'error-handling',
    title: 'Error-handling model',
    blocks: [
      {
        kind: 'table',
        headers: [
          'Policy',
          'Used by',
          'Timeout',
          'Retry',
          'Circuit breaker',
          'Dead letter',
          'Idempotency',
          'Alerts',
        ],
        rows,
        empty: 'No error-handling policies declared.',
      },
    ],
  };
}

function securitySection(model: BlueprintModel): Section {
  const rows = policyRows<SecurityPolicy>(model.securityPolicies, model.flows, (f) => f.security).map(
    ({ label, usedBy, policy }): Cell[] => [
      label,
      usedBy,
      policy.auth ? { badge: policy.auth.model, tone: 'info' } : DASH,
      orDash(policy.auth?.rationale),
      orDash(credentialSummary(policy)),
      orDash(transportSummary(policy)),
      orDash(maskingSummary(policy)),
      orDash(auditSummary(policy)),
    ],
  );
  const regulated = model.flows.filter((f) => f.regulated.length > 0 || f.dataClassification !== undefined);
  const classification = regulated.map((f): Cell[] => [
    { code: f.id },
    orDash(f.dataClassification),
    f.regulated.length > 0 ? f.regulated.join(', ') : DASH,
    authModel(f.security),
  ]);
  return {
    id: 'security',
    title: 'Security model',
    blocks: [
      {
        kind: 'table',
        headers: [
          'Policy',
          'Used by',
          'Auth model',
          'Rationale',
          'Credentials',
          'Transport',
          'Masking',
          'Audit',
        ],
        rows,
        empty: 'No security policies declared.',
      },
      {
        kind: 'table',
        headers: ['Flow', 'Data classification', 'Regulated', 'Auth model'],
        rows: classification,
        empty: 'No flow states a data classification.',
      },
    ],
  };
}
