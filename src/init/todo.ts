/**
 * The to-do list after `init`: the lint findings of the generated blueprint, grouped by what to
 * decide first. Owners come first because they are who decides the rest; the topology (patterns,
 * mediators) next, because which error-handling and security questions apply depends on it.
 */
import type { Finding } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import type { Category } from '../engine/rule.js';

export interface TodoGroup {
  title: string;
  findings: Finding[];
}

type Step = 'load' | 'owners' | Category | 'other';

const ORDER: readonly { step: Step; title: string }[] = [
  // `schema/*`: a blueprint file or a contract the review cannot read or validate. The blueprint
  // itself usually loads (init wrote it); a contract that is not valid OpenAPI or AsyncAPI does not.
  { step: 'load', title: 'Fix first: files the review cannot read or validate' },
  { step: 'owners', title: 'Owners: who signs off changes' },
  { step: 'topology', title: 'Topology: the pattern and mediator of each flow' },
  { step: 'contracts', title: 'Contracts: versioning and what they promise' },
  { step: 'security', title: 'Security: how each caller proves who it is' },
  { step: 'error-handling', title: 'Error handling: retries, timeouts, dead letters, alerts' },
  { step: 'decisions', title: 'Decisions: the ADRs behind the choices' },
  { step: 'requirements', title: 'Requirements: the business needs the flows serve' },
  { step: 'other', title: 'Other findings' },
];

export function todoGroups(
  findings: readonly Finding[],
  categoryOf: (ruleId: string) => Category | undefined,
): TodoGroup[] {
  const stepOf = (f: Finding): Step => {
    if (f.ruleId.startsWith('schema/')) return 'load';
    if (f.ruleId === 'topology/owner-required') return 'owners';
    return categoryOf(f.ruleId) ?? 'other';
  };
  return ORDER.map(({ step, title }) => ({
    title,
    findings: findings.filter((f) => stepOf(f) === step).sort(compareFindings),
  })).filter((g) => g.findings.length > 0);
}
