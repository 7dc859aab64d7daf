/**
 * One-line summaries of policies for tables: short enough for a cell, complete enough that a reviewer
 * sees at a glance whether retries have jitter or a queue has a dead letter.
 */
import type { ErrorHandlingPolicy, Flow, PolicyUse, SecurityPolicy } from '../model/types.js';

export function retrySummary(policy: ErrorHandlingPolicy): string | undefined {
  const retry = policy.retry;
  if (!retry) return undefined;
  const parts = [retry.maxAttempts !== undefined ? `${retry.maxAttempts} attempts` : 'retry'];
  if (retry.initialInterval) {
    const growth = retry.multiplier !== undefined ? ` ×${retry.multiplier}` : '';
    const cap = retry.maxInterval ? ` ≤ ${retry.maxInterval}` : '';
    parts.push(`backoff ${retry.initialInterval}${growth}${cap}`);
  }
  parts.push(retry.jitter ? `${retry.jitter} jitter` : 'jitter not stated');
  return parts.join(', ');
}

export function circuitBreakerSummary(policy: ErrorHandlingPolicy): string | undefined {
  const cb = policy.circuitBreaker;
  if (!cb) return undefined;
  const parts: string[] = [];
  if (cb.failureRateThreshold !== undefined) parts.push(`opens at ${cb.failureRateThreshold}% failures`);
  if (cb.slidingWindowSize !== undefined) parts.push(`window ${cb.slidingWindowSize}`);
  if (cb.waitDurationInOpenState) parts.push(`open ${cb.waitDurationInOpenState}`);
  return parts.length > 0 ? parts.join(', ') : 'circuit breaker';
}

export function deadLetterSummary(policy: ErrorHandlingPolicy): string | undefined {
  const dl = policy.deadLetter;
  if (!dl) return undefined;
  const parts = [dl.destination ?? 'destination not stated'];
  if (dl.maxDeliveries !== undefined) parts.push(`after ${dl.maxDeliveries} deliveries`);
  if (dl.retention) parts.push(`kept ${dl.retention}`);
  if (dl.replay) parts.push(`replay: ${dl.replay}`);
  if (dl.owner) parts.push(`owner ${dl.owner}`);
  return parts.join(', ');
}

export function idempotencySummary(policy: ErrorHandlingPolicy): string | undefined {
  const id = policy.idempotency;
  if (!id) return undefined;
  return [
    id.key ? `key ${id.key}` : 'key not stated',
    id.window ? `window ${id.window}` : undefined,
    id.store,
  ]
    .filter(Boolean)
    .join(', ');
}

export function alertsSummary(policy: ErrorHandlingPolicy): string | undefined {
  const alerts = policy.alerts;
  if (!alerts) return undefined;
  const thresholds = (['dlqDepth', 'dlqAge', 'errorRate', 'consumerLag', 'latencyP99'] as const)
    .filter((k) => alerts[k] !== undefined)
    .map((k) => `${k} ${alerts[k]}`);
  const route = alerts.route ? ` → ${alerts.route}` : '';
  return `${thresholds.join(', ') || 'no thresholds'}${route}`;
}

/** The flow catalogue's error-handling cell: timeout · retry · breaker · DLQ · idempotency. */
export function errorHandlingLine(use: PolicyUse<ErrorHandlingPolicy> | undefined): string {
  if (!use) return '—';
  if (!use.policy) return `unknown policy “${use.name ?? ''}”`;
  const p = use.policy;
  const parts = [
    p.timeout ? `timeout ${p.timeout}` : undefined,
    p.retry ? `retry ${retrySummary(p)}` : undefined,
    p.circuitBreaker ? 'circuit breaker' : undefined,
    p.deadLetter ? `DLQ ${p.deadLetter.destination ?? ''}`.trim() : undefined,
    p.idempotency ? 'idempotent' : undefined,
    p.batch?.onFailure ? `on failure: ${p.batch.onFailure}` : undefined,
  ].filter((x): x is string => Boolean(x));
  return parts.join(' · ') || 'no measures stated';
}

export function authModel(use: PolicyUse<SecurityPolicy> | undefined): string {
  if (!use) return '—';
  if (!use.policy) return `unknown policy “${use.name ?? ''}”`;
  return use.policy.auth?.model ?? 'not stated';
}

export function credentialSummary(policy: SecurityPolicy): string | undefined {
  const auth = policy.auth;
  if (!auth) return undefined;
  return (
    [
      auth.tokenTtl ? `TTL ${auth.tokenTtl}` : undefined,
      auth.rotation ? `rotation ${auth.rotation}` : undefined,
    ]
      .filter(Boolean)
      .join(', ') || undefined
  );
}

export function transportSummary(policy: SecurityPolicy): string | undefined {
  const t = policy.transport;
  if (!t) return undefined;
  return (
    [t.encryption, t.minVersion ? `≥ ${t.minVersion}` : undefined].filter(Boolean).join(' ') || undefined
  );
}

export function maskingSummary(policy: SecurityPolicy): string | undefined {
  if (!policy.masking || policy.masking.length === 0) return undefined;
  return policy.masking.map((m) => `${m.field} (${m.strategy})`).join(', ');
}

export function auditSummary(policy: SecurityPolicy): string | undefined {
  const a = policy.audit;
  if (!a) return undefined;
  return [
    a.events && a.events.length > 0 ? a.events.join(', ') : undefined,
    a.retention ? `kept ${a.retention}` : undefined,
    a.sink ? `to ${a.sink}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

/** Flows grouped by the named policy they use (inline policies are listed under the flow itself). */
export function flowsByPolicy(
  flows: readonly Flow[],
  pick: (flow: Flow) => PolicyUse<unknown> | undefined,
): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const flow of flows) {
    const name = pick(flow)?.name;
    if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), flow.id]);
  }
  return byName;
}
