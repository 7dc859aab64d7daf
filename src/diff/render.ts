import type { Severity } from '../core/finding.js';
import { markdownCellCode, markdownCellMessage } from '../core/inert-cell.js';
import { markdownCode, markdownMessage, plainText } from '../core/inert-text.js';
import { keptWithin, MARKDOWN_REPORT_LIMIT, rowsThatFit, severityCounts } from '../report/bounded-table.js';
import { reportHeader } from '../report/json.js';
import { fold, foldWidth } from '../report/text.js';
import { affectedBy, messageWithoutAffects } from './affects.js';
import type { DiffOutcome } from './diff-contracts.js';
import { lineIn } from './load.js';
import { problemPlace } from './problems.js';
import type { Change, Place } from './types.js';

/** The CLI's views of a diff outcome: text lines, the documented JSON shape, and Markdown. */
export interface JsonPlace {
  file: string;
  pointer: string;
  line: number;
}

export interface JsonChange {
  id: string;
  severity: Severity;
  direction: Change['direction'];
  message: string;
  base: JsonPlace | null;
  head: JsonPlace | null;
  operation?: string;
  channel?: string;
  /** Every operation the change affects (one change per cause). */
  operations: string[];
  channels: string[];
  /** The consuming systems named for them (the contract's consumers when none is named per operation). */
  consumers: string[];
  breaking: boolean;
  intended?: { reason: string };
}

/**
 * The line a place starts on; 1 when its file was not read. A JSON document remembers each prefix of
 * the pointers it was asked for, so a report locates its places in any order, each once.
 */
function lineOf(outcome: Pick<DiffOutcome, 'documents'>, side: 'base' | 'head', place: Place): number {
  return lineIn(outcome.documents[side].get(place.file), place.pointer) ?? 1;
}

/** A place with its line, in the documents of one side; null when the change has no place there. */
function locate(
  outcome: Pick<DiffOutcome, 'documents'>,
  side: 'base' | 'head',
  place: Place | undefined,
): JsonPlace | null {
  if (!place) return null;
  // Only the documented fields: a Place may carry the matcher's internals (key, method, …).
  return { file: place.file, pointer: place.pointer, line: lineOf(outcome, side, place) };
}

/** The side and place the text and Markdown outputs point at: the head place, else the base one. */
function shownSide(change: Change): ['base' | 'head', Place | undefined] {
  return change.head ? ['head', change.head] : ['base', change.base];
}

/**
 * Where the text and Markdown outputs point: the head place, else the base one. Only that one is
 * located — finding a line costs a walk through the document, and the other side is not shown.
 */
function shownPlace(outcome: Pick<DiffOutcome, 'documents'>, change: Change): JsonPlace | null {
  return locate(outcome, ...shownSide(change));
}

/**
 * The side of the shown place, when the reader could not tell it: a place only the base has (the
 * head place is absent), or one in a file other than the compared contract file — a `$ref`'d
 * `schemas/order.yaml` exists on both sides, relative to each side's root, and the two may differ.
 */
function sideLabel(outcome: Pick<DiffOutcome, 'roots'>, change: Change, at: JsonPlace): string {
  if (!change.head) return ' (base)';
  return outcome.roots && at.file !== outcome.roots.head ? ' (head)' : '';
}

/**
 * How the text and Markdown outputs name a side's file (by default as the outcome does: relative to
 * that side's root). The CLI names both sides' files as the person running it reaches them when the
 * sides are read from different folders, so neither side is named one way and the other another.
 */
export type FileNaming = (side: 'base' | 'head', file: string) => string;

/** `file:line` of the shown place, and its side when the reader could not tell it. */
function shownWhere(
  outcome: Pick<DiffOutcome, 'roots'>,
  change: Change,
  at: JsonPlace,
  fileName: FileNaming | undefined,
): { at: string; side: string } {
  const file = fileName ? fileName(change.head ? 'head' : 'base', at.file) : at.file;
  return { at: `${file}:${at.line}`, side: sideLabel(outcome, change, at) };
}

export function toJsonChange(outcome: Pick<DiffOutcome, 'documents'>, change: Change): JsonChange {
  return {
    id: change.id,
    severity: change.severity,
    direction: change.direction,
    message: change.message,
    base: locate(outcome, 'base', change.base),
    head: locate(outcome, 'head', change.head),
    ...(change.operation ? { operation: change.operation } : {}),
    ...(change.channel ? { channel: change.channel } : {}),
    operations: change.operations,
    channels: change.channels,
    consumers: change.consumers,
    breaking: change.breaking,
    ...(change.intended ? { intended: change.intended } : {}),
  };
}

/** `diff --format json`, as schemas/diff-report.schema.json describes it. */
export function renderDiffJson(outcome: DiffOutcome, options: { toolVersion: string }): string {
  return (
    JSON.stringify(
      {
        ...reportHeader(options.toolVersion),
        changes: outcome.changes.map((c) => toJsonChange(outcome, c)),
        problems: outcome.problems,
        summary: counts(outcome.changes),
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * Spaces a change's (or a problem's) folded line is continued under: deeper than the four of its
 * `affects:` line, so that a value the message quotes, folded to the start of a line, cannot read as
 * one (`    affects: GET /admin`).
 */
const CHANGE_CONTINUATION = 8;

/**
 * One line per change, then the count — or, when a side could not be read, the problems and no claim
 * about what changed (the comparison did not happen). Every line is folded within the terminal's
 * `columns` (`fold`): a terminal wraps a longer one at column 0, where the end of a path or a field
 * name would read as a change of its own (`… breaking/…`) or as the count.
 */
export function renderDiffText(
  outcome: DiffOutcome,
  options: { quiet?: boolean; fileName?: FileNaming; columns?: number | undefined } = {},
): string {
  const width = foldWidth(options.columns);
  const lines = outcome.changes.flatMap((c) => {
    const at = shownPlace(outcome, c);
    const shown = at && shownWhere(outcome, c, at, options.fileName);
    const where = shown ? `${plainText(shown.at)}${shown.side}` : '-';
    const line = fold(
      `${where}  ${c.severity}  ${plainText(messageWithoutAffects(c))}  breaking/${c.id}`,
      width,
      CHANGE_CONTINUATION,
    );
    // The affects line lists every affected operation, in place of the message's first few.
    const affected = affectedBy(c);
    return affected.length > 1
      ? [...line, ...fold(`    affects: ${affected.map(plainText).join(', ')}`, width)]
      : line;
  });
  for (const p of outcome.problems)
    lines.push(
      ...fold(`${plainText(problemPlace(p))}  problem  ${plainText(p.message)}`, width, CHANGE_CONTINUATION),
    );
  if (!options.quiet) {
    const n = counts(outcome.changes);
    if (outcome.problems.length > 0)
      lines.push(
        `\nCould not compare completely: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'} above.`,
      );
    else if (outcome.changes.length === 0) lines.push('No changes that concern consumers.');
    else
      lines.push(
        `\n${outcome.changes.length} change${outcome.changes.length === 1 ? '' : 's'}: ${n.error} error, ${n.warning} warning, ${n.info} info`,
      );
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: 'ℹ️' };

/**
 * Characters of operations or channels a Markdown row lists at most; the text and JSON reports list
 * every one. A change to a shared schema can affect thousands: one row as long as that would not fit
 * the report, and would be left out of it whole.
 */
const MAX_AFFECTED_CHARS = 20_000;

/**
 * The diff as Markdown, within `maxChars` (`MARKDOWN_REPORT_LIMIT`: a workflow posts it as a comment or
 * a job summary): the counts and the problems always, the rows that fit, breaking ones first, the
 * others counted.
 */
export function renderDiffMarkdown(
  outcome: DiffOutcome,
  title: string,
  fileName?: FileNaming,
  maxChars = MARKDOWN_REPORT_LIMIT,
): string {
  const n = counts(outcome.changes);
  const rows = outcome.changes.map((c) => {
    const at = shownPlace(outcome, c);
    const shown = at && shownWhere(outcome, c, at, fileName);
    return `| ${ICON[c.severity]} ${c.severity} | ${shown ? `${markdownCellCode(shown.at)}${shown.side}` : ''} | ${markdownCellMessage(messageWithoutAffects(c))}${affectedList(c)} | \`breaking/${c.id}\` |`;
  });
  const compose = (shownRows: readonly string[], note: readonly string[]) =>
    [
      `## Contract changes: ${title}`,
      '',
      `**${n.error}** breaking, **${n.warning}** warnings, **${n.info}** info.`,
      '',
      ...(rows.length > 0
        ? ['| Severity | Where | Change | Check |', '| --- | --- | --- | --- |', ...shownRows, ...note]
        : outcome.problems.length > 0
          ? ['_Could not compare: see the problems below._']
          : ['_No changes that concern consumers._']),
      ...(outcome.problems.length > 0
        ? [
            '',
            '**Problems**',
            '',
            ...outcome.problems.map(
              (p) => `- ${markdownCode(problemPlace(p))}: ${markdownMessage(p.message)}`,
            ),
          ]
        : []),
      '',
    ].join('\n');
  const whole = compose(rows, []);
  if (whole.length <= maxChars) return whole;
  const fits = rowsThatFit(
    outcome.changes.map((c) => c.severity),
    rows,
    maxChars - compose([], notListed(outcome.changes, maxChars)).length,
  );
  return compose(
    rows.filter((_, i) => fits.has(i)),
    notListed(
      outcome.changes.filter((_, i) => !fits.has(i)),
      maxChars,
    ),
  );
}

/**
 * A change's operations (or channels) when it affects more than one, ready for the table's cell: as
 * many as fit, the rest counted.
 */
function affectedList(c: Change): string {
  const affected = affectedBy(c);
  if (affected.length <= 1) return '';
  const listed: string[] = [];
  let length = 0;
  for (const name of affected) {
    const shown = markdownCellCode(name);
    if (length + shown.length > MAX_AFFECTED_CHARS) break;
    listed.push(shown);
    length += shown.length + '<br>'.length;
  }
  const more = affected.length - listed.length;
  if (more > 0) listed.push(`… and ${more} more (the text and JSON reports list them all)`);
  return `<details><summary>Affects ${affected.length} ${c.operations.length > 0 ? 'operations' : 'channels'}</summary>${listed.join('<br>')}</details>`;
}

/** The line under the table counting the changes it does not list. */
function notListed(left: readonly Change[], maxChars: number): string[] {
  return [
    '',
    `_A Markdown report is ${keptWithin(maxChars)}: ${severityCounts(left)} ${left.length === 1 ? 'is' : 'are'} not listed here. \`blueprint-review diff\` lists every change._`,
  ];
}

function counts(changes: readonly Change[]): Record<Severity, number> {
  const out = { error: 0, warning: 0, info: 0 };
  for (const c of changes) out[c.severity]++;
  return out;
}
