/**
 * One value as long as repository text makes it — an id, an owner, a `$ref` an error message quotes —
 * never takes the room of what a summary must say. GitHub cuts nothing itself: a check summary over
 * 65,535 characters is refused, so the summary is cut at the end, and a 70,000-character contract id
 * in the contract table took the owners to ask, the touched flows and the additions with it (the
 * summary kept its first 500 characters and said "Truncated").
 */
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownMessage, markdownText, MAX_VALUE_CHARS } from '../../src/core/inert-text.js';
import { CHECK_SUMMARY_LIMIT } from '../../src/review/render/check-run.js';
import type { NewFinding } from '../../src/review/types.js';
import { checkSummary, emptyReview, ordersApiChange } from '../support/review-fixture.js';

const LONG = 70_000;

/** A value of `length` characters that GitHub would read as mentions if it were not kept inert. */
function longValue(tag: string, length = LONG): string {
  return `${tag}-start ` + '@acme/x '.repeat(Math.ceil(length / 8)) + `${tag}-end`;
}

const breaking: NewFinding = {
  id: '0000000000000001',
  ruleId: 'breaking/response-property-removed',
  severity: 'error',
  message: `Property \`${longValue('property')}\` was removed from the response.`,
  file: 'blueprint/orders.openapi.yaml',
  pointer: '/paths/~1orders/get',
  range: { start: { line: 12, column: 5 }, end: { line: 12, column: 9 } },
};

describe('one long value', () => {
  it('is shown with its middle left out: its start and end stay, nothing cuts a code span in half', () => {
    const where = `${'a'.repeat(LONG)}/orders.openapi.yaml:12`;
    const code = markdownCode(where);
    expect(code.length).toBeLessThan(MAX_VALUE_CHARS + 100);
    expect(code).toMatch(/^`a+ … 69\d{3} characters left out … a+\/orders\.openapi\.yaml:12`$/);
    const text = markdownText(longValue('owner'));
    expect(text.length).toBeLessThan(10_000);
    expect(text).toMatch(/^owner-start [^]*\(\d+ more characters\)$/);
    const message = markdownMessage(`Could not resolve $ref '${longValue('ref')}'.`);
    expect(message.length).toBeLessThan(10_000);
    // `$` is escaped (GitHub reads `$…$` as math).
    expect(message).toMatch(/^Could not resolve \\\$ref '[^]*\(\d+ more characters\)$/);
  });

  it('in a contract, an owner and a flow, leaves the owners to ask, the flows and the additions in the check summary', () => {
    const contractId = longValue('contract');
    const system = longValue('system');
    const review = emptyReview({
      newFindings: [{ ...breaking }],
      contracts: [
        {
          ...ordersApiChange(breaking),
          id: contractId,
          owner: longValue('owner'),
          consumers: [system],
          problems: [`Could not resolve $ref '${longValue('ref')}'.`],
        },
      ],
      flows: [
        { id: longValue('flow'), blueprint: 'blueprint', from: system, to: 'shop', change: 'modified' },
      ],
      touched: {
        flows: [
          { id: longValue('flow'), blueprint: 'blueprint', from: system, to: 'shop', change: 'modified' },
        ],
        systems: [],
      },
      owners: [
        { owner: 'acme/orders', reasons: [{ kind: 'contract-owner', contract: contractId }] },
        { owner: longValue('team'), reasons: [{ kind: 'system-owner', system }] },
      ],
      additions: [{ kind: 'system', id: 'invoicing', blueprint: 'blueprint' }],
    });
    const summary = checkSummary(review, [breaking]);
    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(summary).not.toContain('Truncated');
    for (const section of [
      '### New findings (1)',
      '### Contract changes',
      '### Touched flows',
      '### Added by',
    ])
      expect(summary).toContain(section);
    expect(summary).toMatch(/^- `acme\/orders`: owns contract `contract-start/m);
    expect(summary).toMatch(/^- `team-start .*`: owns system `system-start/m);
    expect(summary).toContain('- system `invoicing`');
  });
});
