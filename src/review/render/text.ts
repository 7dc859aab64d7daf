/** The review as terminal text: what the bot would say, in the order a reader needs it. */
import { plainText as t } from '../../core/inert-text.js';
import type { Placement } from '../placement.js';
import type { RuleDocs } from '../rule-docs.js';
import type { NewFinding, OwnerReason, Review } from '../types.js';
import { plural } from './finding-text.js';
import { headline } from './headline.js';
import { append } from '../../core/arrays.js';
import { fold, foldedText, foldWidth } from '../../report/text.js';

const COLOR = {
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

type Paint = (color: keyof typeof COLOR, text: string) => string;

export function renderReviewText(
  review: Review,
  placement: Placement,
  options: { docs: RuleDocs; color: boolean; columns?: number | undefined },
): string {
  const paint: Paint = (c, text) => (options.color ? COLOR[c] + text + COLOR.reset : text);
  const verdict = review.conclusion === 'failure' ? paint('red', '✗ failure') : paint('green', '✓ success');
  const out = [`${paint('bold', 'Blueprint review')}: ${headline(review)}  ${verdict}`];
  if (review.outcome.kind === 'config-invalid') {
    out.push('The configuration is invalid; nothing was reviewed:');
    append(
      out,
      review.outcome.problems.map((p) => `  ${t(p)}`),
    );
  } else if (review.outcome.kind === 'not-touched') {
    out.push(`None of the ${plural(review.stats.changedFiles, 'changed file')} belongs to a blueprint.`);
  } else {
    out.push(reviewedLine(review));
    append(out, findingLines(review, placement, options, paint));
    append(out, contractLines(review));
    append(out, touchedFlowLines(review));
    append(out, ownerLines(review));
    append(out, closingLines(review));
  }
  // Every line within the width, longer ones folded under themselves: a terminal wraps a longer line
  // at column 0, where the end of a repository value would read as a line of ours (a verdict).
  return foldedText(out.join('\n') + '\n', options.columns);
}

/** What was reviewed, at which revisions, and how much of it was compared. */
function reviewedLine(review: Review): string {
  return (
    `Reviewed ${review.blueprints.map((b) => t(b || '.')).join(', ')} at ${t(review.headLabel)} against ${t(review.baseLabel)}: ` +
    `${plural(review.stats.changedFiles, 'changed file')}, ${plural(review.stats.contractsDiffed, 'changed contract')} diffed, ` +
    `${plural(review.stats.contractsUnchanged, 'unchanged contract')} not re-checked.`
  );
}

/**
 * Spaces a finding's folded line is continued under: deeper than the six of its `why:` line (the
 * rule's own words), so a message folded to the start of a line cannot read as one.
 */
const FINDING_CONTINUATION = 8;

/** The new findings where the bot would post them: comments on changed lines, then annotations. */
function findingLines(
  review: Review,
  placement: Placement,
  options: { docs: RuleDocs; columns?: number | undefined },
  paint: Paint,
): string[] {
  const out: string[] = [];
  const width = foldWidth(options.columns);
  const line = (f: NewFinding, at: number) => {
    const sev = paint(
      f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'dim',
      f.severity,
    );
    const why = options.docs.rationale(f.ruleId);
    const finding = `  ${t(f.file)}:${at}  ${sev}  ${t(f.message)}  ${paint('dim', f.ruleId)}`;
    return [
      ...fold(finding, width, FINDING_CONTINUATION),
      ...(why ? [paint('dim', `      why: ${why}`)] : []),
    ];
  };
  if (placement.comments.length > 0) {
    out.push('', `Review comments on changed lines (${placement.comments.length}):`);
    for (const c of placement.comments) out.push(...line(c.finding, c.line));
  }
  if (placement.elsewhere.length > 0) {
    out.push(
      '',
      `Check-run annotations, not commented: outside the changed lines, or info (${placement.elsewhere.length}):`,
    );
    for (const f of placement.elsewhere) out.push(...line(f, f.range.start.line));
  }
  if (review.newFindings.length === 0) out.push('', 'No new findings.');
  return out;
}

/** Each changed contract: its status, owner and consumers, and how many breaking changes it has. */
function contractLines(review: Review): string[] {
  if (review.contracts.length === 0) return [];
  const out = ['', 'Contract changes:'];
  for (const c of review.contracts) {
    const breaking = c.changes.filter((f) => f.severity === 'error').length;
    const facts = [
      c.status,
      c.owner && `owner ${c.owner}`,
      c.consumers.length > 0 && `consumers ${c.consumers.join(', ')}`,
    ]
      .filter((fact) => typeof fact === 'string')
      .map(t);
    out.push(
      `  ${t(c.id)}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}: ${c.kind.replace('-', ' ')}, ${plural(breaking, 'breaking change')}`,
    );
    for (const problem of c.problems) out.push(`    could not be compared completely: ${t(problem)}`);
  }
  return out;
}

function touchedFlowLines(review: Review): string[] {
  if (review.touched.flows.length === 0) return [];
  return [
    '',
    'Touched flows:',
    ...review.touched.flows.map(
      (f) =>
        `  ${t(f.id)}  ${t(f.from)} → ${t(f.to)}${f.pattern ? ` (${t(f.pattern)})` : ''}: ${f.change.replace('-', ' ')}`,
    ),
  ];
}

function ownerLines(review: Review): string[] {
  if (review.owners.length === 0) return [];
  return [
    '',
    'Owners affected (as declared at base):',
    ...review.owners.map((o) => `  ${t(o.owner)}: ${[...new Set(o.reasons.map(reasonText))].join('; ')}`),
  ];
}

/** What was added, and the findings not repeated: pre-existing ones and those fixed. */
function closingLines(review: Review): string[] {
  const out: string[] = [];
  if (review.additions.length > 0)
    out.push('', `Added: ${review.additions.map((a) => `${a.kind} ${t(a.id)}`).join(', ')}`);
  const tail = [];
  if (review.preExisting.length > 0)
    tail.push(`${plural(review.preExisting.length, 'pre-existing finding')} not repeated`);
  if (review.fixed.length > 0) tail.push(`${plural(review.fixed.length, 'finding')} fixed`);
  if (tail.length > 0) out.push('', tail.join('; ') + '.');
  return out;
}

function reasonText(r: OwnerReason): string {
  switch (r.kind) {
    case 'contract-owner':
      return `owns contract ${t(r.contract)}`;
    case 'contract-provider':
      return `provides contract ${t(r.contract)}`;
    case 'contract-consumer':
      return `${t(r.system)} consumes ${t(r.contract)}${r.breaking ? ' (breaking)' : ''}`;
    case 'system-owner':
      return `owns system ${t(r.system)}`;
    case 'flow-endpoint':
      return `${t(r.system)} is an end of flow ${t(r.flow)}`;
  }
}
