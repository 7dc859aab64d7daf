/**
 * The Markdown summary of a review: the check run's summary, the CLI's `--format markdown`, and the
 * Action's job summary. New findings are listed; pre-existing ones are only counted.
 */
import type { RuleDocs } from '../rule-docs.js';
import { ruleCellMarkdown } from '../rule-docs.js';
import { append } from '../../core/arrays.js';
import type { AffectedOwner, ContractReview, OwnerReason, Review } from '../types.js';
import type { Placement } from '../placement.js';
import { markdownCellCode, markdownCellMessage, markdownCellText } from '../../core/inert-cell.js';
import {
  markdownCell as cell,
  markdownCode as code,
  markdownMessage,
  markdownText,
} from '../../core/inert-text.js';
import { rowsThatFit, severityCounts } from '../../report/bounded-table.js';
import { location, plural, SEVERITY_ICON } from './finding-text.js';
import { headline } from './headline.js';
import { isControlled } from '../../model/contract-status.js';
import { touchedFlowsDiagram } from './mermaid.js';

export interface SummaryOptions {
  docs: RuleDocs;
  /** Where each new finding went; without it, findings are listed without "commented" marks. */
  placement?: Placement;
  /** Appended verbatim (hidden markers). */
  footer?: string;
  /** Said before the findings (what was not commented or annotated, and why): never truncated away. */
  notes?: string[];
  /**
   * The length the summary must fit in, where GitHub limits it (a check run's summary, a job
   * summary). The findings table then lists the rows that fit, errors first, and counts the others:
   * cut at the end instead, a pull request adding many findings with long messages (a
   * 5,000-character id quoted in each) pushed its errors, the contract changes and the owners to ask
   * out of the summary.
   */
  maxChars?: number;
}

export function renderSummary(review: Review, options: SummaryOptions): string {
  // Rendered once: a pull request can bring hundreds of thousands of findings.
  const rows = findingRows(review, options);
  const compose = (room: number) => composeSummary(review, options, { rows, room });
  const whole = compose(Number.POSITIVE_INFINITY);
  const { maxChars } = options;
  if (maxChars === undefined || whole.length <= maxChars) return whole;
  // Everything but the table's rows: the summary composed with no room for them.
  const others = compose(0).length;
  // The table comes first and matters most: it keeps half the room however long the rest is (the
  // rest is cut at the end then).
  return compose(Math.max(maxChars - others - ROOM_SLACK, Math.floor(maxChars / 2)));
}

/** The findings table's rows, one per new finding, and how many characters of them to show. */
interface FindingsTable {
  rows: readonly string[];
  room: number;
}

/** Room left for the counts in the "not listed" line to change length as rows come back. */
const ROOM_SLACK = 100;

/** The summary, with at most `table.room` characters of finding rows. */
function composeSummary(review: Review, options: SummaryOptions, table: FindingsTable): string {
  const out: string[] = [`## ${verdictIcon(review)} Blueprint review: ${headline(review)}`, ''];
  if (review.outcome.kind === 'config-invalid') {
    out.push('The configuration on the base branch is invalid, so this pull request was not reviewed:', '');
    append(
      out,
      review.outcome.problems.map((p) => `- ${markdownMessage(p)}`),
    );
    out.push(
      '',
      'Fix the configuration on the base branch (a pull request cannot change the rules that judge it), then re-run this check.',
    );
  } else if (review.outcome.kind === 'not-touched') {
    out.push(`None of the ${plural(review.stats.changedFiles, 'changed file')} belongs to a blueprint.`);
  } else {
    append(out, reviewedSections(review, options, table));
  }
  if (options.footer) out.push('', options.footer);
  return out.join('\n') + '\n';
}

function verdictIcon(review: Review): string {
  return review.conclusion === 'failure' ? '❌' : '✅';
}

function reviewedSections(review: Review, options: SummaryOptions, table: FindingsTable): string[] {
  const out: string[] = [];
  out.push(
    `Reviewed ${review.blueprints.map((b) => code(b || '.')).join(', ')} at ${code(review.headLabel)} against ${code(review.baseLabel)}: ` +
      `${plural(review.stats.changedFiles, 'changed file')}, ${plural(review.stats.contractsDiffed, 'changed contract')} diffed, ` +
      `${plural(review.stats.contractsUnchanged, 'unchanged contract')} not re-checked.`,
  );
  if (options.notes?.length) append(out, ['', ...options.notes.map((n) => `> ${n}`)]);
  append(out, ['', ...newFindingsSection(review, options, table)]);
  // Who has to look comes before the details: a summary past GitHub's limit is cut at the end, and a
  // pull request changing hundreds of contracts (or naming them at length) must not cut the owners
  // to ask out of it.
  if (review.owners.length > 0) append(out, ['', ...ownersSection(review.owners)]);
  if (review.additions.length > 0) {
    out.push('', '### Added by this pull request', '');
    for (const a of review.additions) out.push(`- ${a.kind} ${code(a.id)}`);
    out.push(
      '',
      '_Nobody owns these at the base branch: the sign-off configuration decides who approves them._',
    );
  }
  if (review.contracts.length > 0) append(out, ['', ...contractsSection(review.contracts)]);
  const diagram = touchedFlowsDiagram(review.flows);
  if (diagram) {
    out.push('', '### Touched flows', '', '```mermaid', diagram, '```', '');
    for (const f of review.touched.flows)
      out.push(
        `- ${code(f.id)} ${markdownText(f.from)} → ${markdownText(f.to)}${f.pattern ? ` (${markdownText(f.pattern)})` : ''}: ${f.change.replace('-', ' ')}`,
      );
  }
  const tail: string[] = [];
  if (review.preExisting.length > 0)
    tail.push(
      `${plural(review.preExisting.length, 'pre-existing finding')} in the touched blueprints (not repeated here; \`blueprint-review lint\` lists them).`,
    );
  if (review.fixed.length > 0)
    tail.push(`${plural(review.fixed.length, 'finding')} fixed by this pull request. 🎉`);
  if (tail.length > 0) out.push('', ...tail); // two lines at most
  return out;
}

function findingRows(review: Review, options: SummaryOptions): string[] {
  const commented = commentedIds(options);
  return review.newFindings.map((f) => {
    const why = options.docs.rationale(f.ruleId);
    const where = markdownCellCode(location(f)) + (commented.has(f.id) ? ' 💬' : '');
    // The rationale is the rule's own words.
    const what = markdownCellMessage(f.message) + (why ? `<br><sub>Why: ${cell(why)}</sub>` : '');
    return `| ${SEVERITY_ICON[f.severity]} | ${where} | ${what} | ${ruleCellMarkdown(f.ruleId, options.docs)} |`;
  });
}

function commentedIds(options: SummaryOptions): Set<string> {
  return new Set(options.placement?.comments.map((c) => c.finding.id) ?? []);
}

function newFindingsSection(review: Review, options: SummaryOptions, table: FindingsTable): string[] {
  if (review.newFindings.length === 0) return ['**No new findings.**'];
  const shown = rowsThatFit(
    review.newFindings.map((f) => f.severity),
    table.rows,
    table.room,
  );
  const out = [
    `### New findings (${review.newFindings.length})`,
    '',
    '| | Where | Finding | Rule |',
    '| --- | --- | --- | --- |',
  ];
  append(
    out,
    table.rows.filter((_, i) => shown.has(i)),
  );
  const left = review.newFindings.filter((_, i) => !shown.has(i));
  if (left.length > 0)
    out.push(
      '',
      `_GitHub limits a summary's length: ${severityCounts(left)} ${left.length === 1 ? 'is' : 'are'} not listed here. Each is on its line (a review comment or an annotation), and \`blueprint-review review\` lists every finding._`,
    );
  if (commentedIds(options).size > 0) out.push('', '💬 also posted as a review comment on the changed line.');
  return out;
}

/** The contract table, after what must not be cut from it: the change-control warning and the problems. */
function contractsSection(contracts: readonly ContractReview[]): string[] {
  const out = ['### Contract changes'];
  // The statuses the gate keeps under change control (model/contract-status.ts): a deprecated
  // contract is still consumed, and breaking or removing it needs the same as a finalized one.
  const controlled = new Set(
    contracts
      .filter((c) => isControlled(c.status) && c.changes.some((f) => f.severity === 'error'))
      .map((c) => c.status),
  );
  if (controlled.size > 0)
    out.push(
      '',
      `⚠️ A ${[...controlled].sort().reverse().join(' or ')} contract changes incompatibly: this needs change control and the consumers’ approval.`,
    );
  for (const c of contracts)
    for (const problem of c.problems)
      out.push('', `⛔ ${code(c.id)} could not be compared completely: ${markdownMessage(problem)}`);
  out.push('', '| Contract | Status | Change | Consumers | Breaking |', '| --- | --- | --- | --- | --- |');
  for (const c of contracts) {
    const breaking = c.changes.filter((f) => f.severity === 'error').length;
    const change = c.kind.replace('-', ' ');
    out.push(
      `| ${markdownCellCode(c.id)}${c.owner ? ` (${markdownCellCode(c.owner)})` : ''} | ${c.status ? markdownCellText(c.status) : '—'} | ${change} | ${c.consumers.map((consumer) => markdownCellCode(consumer)).join(', ') || '—'} | ${breaking > 0 ? `**${breaking}**` : '0'} |`,
    );
  }
  return out;
}

function ownersSection(owners: readonly AffectedOwner[]): string[] {
  const out = ['### Owners affected (as declared on the base branch)', ''];
  for (const o of owners)
    out.push(`- ${code(o.owner)}: ${[...new Set(o.reasons.map(describeReason))].join('; ')}`);
  return out;
}

function describeReason(r: OwnerReason): string {
  switch (r.kind) {
    case 'contract-owner':
      return `owns contract ${code(r.contract)}`;
    case 'contract-provider':
      return `provides contract ${code(r.contract)} (${markdownText(r.system)})`;
    case 'contract-consumer':
      return `${markdownText(r.system)} consumes ${code(r.contract)}${r.breaking ? ' (breaking change)' : ''}`;
    case 'system-owner':
      return `owns system ${code(r.system)}`;
    case 'flow-endpoint':
      return `${markdownText(r.system)} is an end of flow ${code(r.flow)}`;
  }
}
