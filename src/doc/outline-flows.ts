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
import type { Cell, DocRecord, Inline, Section } from './outline.js';
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
    ...(target ? [' ', { muted: target }] : []),
  ];
}

/** Named policies first (with the flows that use them), then flows that declare a policy inline. */
export function buildPolicySections(model: BlueprintModel): Section[] {
  return [errorHandlingSection(model), securitySection(model)];
}

interface PolicyEntry<P> {
  title: Cell;
  usedBy: Cell;
  policy: P;
}

function policyEntries<P>(
  named: readonly NamedPolicy<P>[],
  flows: readonly Flow[],
  pick: (flow: Flow) => PolicyUse<P> | undefined,
): PolicyEntry<P>[] {
  const users = flowsByPolicy(flows, pick);
  const entries: PolicyEntry<P>[] = named.map((p) => ({
    title: { strong: p.id },
    usedBy: users.has(p.id) ? joinCodes(users.get(p.id)!) : { badge: 'unused', tone: 'neutral' },
    policy: p.policy,
  }));
  for (const flow of flows) {
    const use = pick(flow);
    if (use && use.name === undefined && use.policy) {
      entries.push({
        title: [{ strong: flow.id }, { muted: ' (inline)' }],
        usedBy: { code: flow.id },
        policy: use.policy,
      });
    }
  }
  return entries;
}

/** Only the fields a policy states; an empty policy still shows that it states nothing. */
function fields(pairs: readonly [string, Cell | undefined][]): DocRecord['fields'] {
  const stated = pairs
    .filter((p): p is [string, Cell] => p[1] !== undefined)
    .map(([label, value]) => ({ label, value }));
  return stated.length > 0 ? stated : [{ label: 'Measures', value: { badge: 'none stated', tone: 'warn' } }];
}

function errorHandlingSection(model: BlueprintModel): Section {
  const records = policyEntries<ErrorHandlingPolicy>(
    model.errorHandlingPolicies,
    model.flows,
    (f) => f.errorHandling,
  ).map(({ title, usedBy, policy }): DocRecord => ({
    title,
    subtitle: ['Used by ', ...(Array.isArray(usedBy) ? usedBy : [usedBy as Inline])],
    fields: fields([
      [
        'Timeout',
        [policy.timeout, policy.perTryTimeout ? `per try ${policy.perTryTimeout}` : undefined]
          .filter(Boolean)
          .join(', ') || undefined,
      ],
      ['Retry', retrySummary(policy)],
      ['Circuit breaker', circuitBreakerSummary(policy)],
      ['Dead letter', deadLetterSummary(policy)],
      ['Idempotency', idempotencySummary(policy)],
      ['Alerts', alertsSummary(policy)],
      [
        'Batch failures',
        policy.batch
          ? [policy.batch.onFailure, policy.batch.partialFailure, policy.batch.rerun]
              .filter(Boolean)
              .join('; ')
          : undefined,
      ],
    ]),
  }));
  return {
    id: 'error-handling',
    title: 'Error-handling model',
    blocks: [{ kind: 'records', records, empty: 'No error-handling policies declared.' }],
  };
}

function securitySection(model: BlueprintModel): Section {
  const records = policyEntries<SecurityPolicy>(model.securityPolicies, model.flows, (f) => f.security).map(
    ({ title, usedBy, policy }): DocRecord => ({
      title,
      subtitle: ['Used by ', ...(Array.isArray(usedBy) ? usedBy : [usedBy as Inline])],
      fields: fields([
        ['Auth model', policy.auth ? { badge: policy.auth.model, tone: 'info' } : undefined],
        ['Rationale', policy.auth?.rationale],
        ['Credentials', credentialSummary(policy)],
        ['Transport', transportSummary(policy)],
        ['Masking', maskingSummary(policy)],
        ['Audit', auditSummary(policy)],
      ]),
    }),
  );
  const classified = model.flows.filter((f) => f.regulated.length > 0 || f.dataClassification !== undefined);
  const classification = classified.map((f): Cell[] => [
    { code: f.id },
    orDash(f.dataClassification),
    f.regulated.length > 0 ? f.regulated.join(', ') : DASH,
    authModel(f.security),
  ]);
  return {
    id: 'security',
    title: 'Security model',
    blocks: [
      { kind: 'records', records, empty: 'No security policies declared.' },
      {
        kind: 'table',
        headers: ['Flow', 'Data classification', 'Regulated', 'Auth model'],
        rows: classification,
        empty: 'No flow states a data classification.',
      },
    ],
  };
}
