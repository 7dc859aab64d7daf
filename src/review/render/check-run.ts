/**
 * The check run's output: conclusion, title, summary (≤ 65,535 characters, truncated with a note),
 * and annotations for new findings that could not be posted as line comments.
 */
import type { Severity } from '../../core/finding.js';
import { plainMessage, truncateMarkdown } from '../../core/inert-text.js';
import type { Placement } from '../placement.js';
import type { RuleDocs } from '../rule-docs.js';
import type { NewFinding, Review } from '../types.js';
import { plural } from './finding-text.js';
import { headline } from './headline.js';
import { cappedNote } from './pull-request-review.js';
import { renderSummary } from './summary.js';

/** GitHub's limit for a check run's `output.summary` and `output.text`. */
export const CHECK_SUMMARY_LIMIT = 65_535;
/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/**
 * Annotations one check run gets at most (errors first): each batch of 50 is a write request, and
 * a pull request adding thousands of files must not spend hundreds of them (GitHub's secondary
 * rate limit allows about 80 a minute). The summary lists every finding; the rest are counted.
 */
export const MAX_ANNOTATIONS = 500;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
}

export interface CheckRunOutput {
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  annotations: Annotation[];
}

const LEVEL: Record<Severity, Annotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  info: 'notice',
};

export function renderCheckRun(
  review: Review,
  placement: Placement,
  options: { docs: RuleDocs; checkName: string; footer?: string },
): CheckRunOutput {
  const annotated = [...placement.elsewhere]
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    .slice(0, MAX_ANNOTATIONS);
  const unannotated = placement.elsewhere.length - annotated.length;
  const notes = [
    ...(placement.capped ? [cappedNote(placement.capped, options.checkName)] : []),
    ...(unannotated > 0
      ? [
          `${plural(unannotated, 'more finding')} ${unannotated === 1 ? 'is' : 'are'} in the table below but not annotated: a check run gets at most ${MAX_ANNOTATIONS} annotations, errors first (\`blueprint-review review\` lists every finding locally).`,
        ]
      : []),
  ];
  return {
    conclusion: review.conclusion,
    title: headline(review),
    summary: truncate(
      renderSummary(review, {
        docs: options.docs,
        placement,
        footer: options.footer,
        notes,
        maxChars: CHECK_SUMMARY_LIMIT,
      }),
      CHECK_SUMMARY_LIMIT,
    ),
    annotations: annotated.map((f) => annotation(f, options.docs)),
  };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function annotation(f: NewFinding, docs: RuleDocs): Annotation {
  const why = docs.rationale(f.ruleId);
  const a: Annotation = {
    path: f.file,
    start_line: f.range.start.line,
    end_line: Math.max(f.range.start.line, f.range.end.line),
    annotation_level: LEVEL[f.severity],
    // GitHub shows annotations as plain text: only controls and line breaks need neutralising; the
    // message is cut to a length GitHub takes (64 KB), or it refuses the whole check update.
    message: why ? `${plainMessage(f.message)}\nWhy: ${why}` : plainMessage(f.message),
    title: f.ruleId,
  };
  // GitHub accepts columns only on single-line annotations.
  if (f.range.start.line === f.range.end.line) {
    a.start_column = f.range.start.column;
    a.end_column = Math.max(f.range.start.column, f.range.end.column);
  }
  return a;
}

/** A review summary cut for GitHub's limit (see truncateMarkdown), saying how to see all of it. */
export function truncate(text: string, limit: number): string {
  return truncateMarkdown(
    text,
    limit,
    (omitted) =>
      `\n\n… Truncated: ${omitted} more characters. Run \`blueprint-review review\` locally for the full report.\n`,
  );
}

/** Annotations in request-sized batches (the first goes with the completion, the rest in updates). */
export function annotationBatches(annotations: readonly Annotation[]): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return batches;
}
