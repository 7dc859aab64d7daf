/** The one-line verdict shared by the check-run title, the review body and the terminal output. */
import type { Review } from '../types.js';
import { severityCounts } from '../../report/bounded-table.js';
import { plural } from './finding-text.js';

export function headline(review: Review): string {
  switch (review.outcome.kind) {
    case 'config-invalid':
      return 'Invalid blueprint-review configuration';
    case 'not-touched':
      return 'No blueprint changes';
    case 'reviewed': {
      const diff = review.newFindings.filter((f) => isContractChange(f.ruleId));
      const lint = review.newFindings.filter((f) => !isContractChange(f.ruleId));
      const breaking = diff.filter((f) => f.severity === 'error').length;
      const parts: string[] = [];
      if (lint.length > 0) parts.push(`${severityCounts(lint)} introduced`);
      if (breaking > 0) parts.push(plural(breaking, 'breaking contract change'));
      if (diff.length > breaking) parts.push(plural(diff.length - breaking, 'contract change') + ' to note');
      // A contract that could not be compared fails the review: the title must not say "No new problems".
      const uncompared = review.contracts.filter((c) => c.problems.length > 0).length;
      if (uncompared > 0) parts.push(plural(uncompared, 'contract') + ' not compared');
      return parts.length === 0 ? 'No new problems' : parts.join(' · ');
    }
  }
}

/** Findings of the contract diff carry `breaking/<check>` ids, whatever their severity. */
export function isContractChange(ruleId: string): boolean {
  return ruleId.startsWith('breaking/');
}
