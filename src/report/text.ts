import type { Finding } from '../core/finding.js';
import { plainText } from '../core/inert-text.js';
import { maxOf } from '../core/arrays.js';

export interface TextStyle {
  color: boolean;
  /** The report only: no "No findings." and no counts line. */
  quiet?: boolean;
  /** Width to wrap messages at (a terminal's columns); 100 when unknown. */
  columns?: number | undefined;
}

const COLORS = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  underline: '\u001b[4m',
  reset: '\u001b[0m',
};

const MIN_MESSAGE_WIDTH = 40;

/**
 * Findings grouped by file, as ESLint's and Spectral's terminal output: the file once, then one entry
 * per finding — `line:col  severity  message  rule` — with long messages wrapped under themselves,
 * so no line runs to hundreds of characters. Repository text (file names, messages) is printed inert:
 * it cannot move the cursor or forge lines. Plain (no colour) unless the caller asks for colour.
 */
export function renderText(findings: readonly Finding[], style: TextStyle = { color: false }): string {
  const paint = (code: keyof typeof COLORS, text: string) =>
    style.color ? COLORS[code] + text + COLORS.reset : text;
  const width = foldWidth(style.columns);
  const lines: string[] = [];
  for (const [file, group] of byFile(findings)) {
    if (lines.length > 0) lines.push('');
    // A path of any length: folded as every line of ours, else its end reached column 0.
    for (const heading of fold(plainText(file), width)) {
      const text = heading.trimStart();
      lines.push(heading.slice(0, heading.length - text.length) + paint('underline', text));
    }
    const where = group.map((f) => `${f.range.start.line}:${f.range.start.column}`);
    const whereWidth = maxOf(where.map((w) => w.length));
    group.forEach((f, i) => {
      const indent = 2 + whereWidth + 2 + 7 + 2;
      const head = `  ${where[i]!.padEnd(whereWidth)}  ${paint(f.severity, f.severity.padEnd(7))}  `;
      const rule = f.ruleId;
      const wrapped = wrap(plainText(f.message), Math.max(MIN_MESSAGE_WIDTH, width - indent));
      const last = wrapped.length - 1;
      const fitsRule = indent + wrapped[last]!.length + 2 + rule.length <= width;
      wrapped.forEach((text, n) => {
        const tail = n === last && fitsRule ? `  ${paint('dim', rule)}` : '';
        lines.push(`${n === 0 ? head : ' '.repeat(indent)}${text}${tail}`);
      });
      if (!fitsRule) lines.push(`${' '.repeat(indent)}${paint('dim', rule)}`);
    });
  }
  if (!style.quiet) {
    if (findings.length === 0) lines.push('No findings.');
    else {
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of findings) counts[f.severity]++;
      lines.push(
        '',
        paint(
          'bold',
          `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts.error} error, ${counts.warning} warning, ${counts.info} info`,
        ),
      );
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** Findings by file, files in the order they first appear (callers sort by file, then line). */
function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

/**
 * Words into lines of at most `width` characters; a longer word is broken across lines. Left whole,
 * it ran past the terminal's width and the terminal wrapped it to column 0, where its end — chosen
 * by whoever wrote the value a message quotes — read as a line of the report's own (a file name, a
 * finding, "0 findings"): every line of a message now starts under the message.
 */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
    while (line.length > width) {
      const end = pairSafeEnd(line, width);
      out.push(line.slice(0, end));
      line = line.slice(end);
    }
  }
  out.push(line);
  return out;
}

/** `width`, or one less where that would split a surrogate pair. */
function pairSafeEnd(text: string, width: number): number {
  const last = text.charCodeAt(width - 1);
  return last >= 0xd800 && last <= 0xdbff ? width - 1 : width;
}

/** Width to fold a report at when the terminal's is unknown (a pipe, a log), and the least it folds at. */
const FOLD_WIDTH = 100;
const MIN_FOLD_WIDTH = 70;

/** The width a report is folded at in a terminal of `columns` (`FOLD_WIDTH` when unknown, `MIN_FOLD_WIDTH` at least). */
export function foldWidth(columns: number | undefined): number {
  return Math.max(columns ?? FOLD_WIDTH, MIN_FOLD_WIDTH);
}

/**
 * A report's text with every line folded (`fold`) within the terminal's `columns` (`FOLD_WIDTH` when
 * unknown, `MIN_FOLD_WIDTH` at least).
 */
export function foldedText(text: string, columns: number | undefined): string {
  const width = foldWidth(columns);
  const ends = text.endsWith('\n');
  const lines = (ends ? text.slice(0, -1) : text).split('\n');
  return lines.flatMap((line) => fold(line, width)).join('\n') + (ends ? '\n' : '');
}

/**
 * One line of a report as lines of at most `width` columns, broken at a space where there is one
 * (else inside the word), each line after the first indented by `indent` spaces (by default under
 * the first's text, four more). A line left longer than the terminal is wrapped by the terminal at
 * column 0, where text that repository values put there reads as a line of the report's own (a
 * verdict, a heading). Spaces inside a part are kept: reports align their fields with two. Colour
 * escapes take no column and are never split (`visibleWidth`).
 */
export function fold(line: string, width: number, indentWidth?: number): string[] {
  // Most reports are uncoloured (a pipe, a file): there a column is a character, and the break is
  // found by search instead of a walk over every character (Microsoft Graph's 12 MB text report).
  const plain = !line.includes(ESC);
  const columnsOf = plain ? (text: string) => text.length : visibleWidth;
  const breakIn = plain ? plainBreakAt : breakAt;
  let restWidth = columnsOf(line);
  if (restWidth <= width) return [line];
  const indent = ' '.repeat(indentWidth ?? leadingSpaces(line) + 4);
  const out: string[] = [];
  let rest = line;
  let lead = '';
  while (lead.length + restWidth > width) {
    const end = breakIn(rest, width - lead.length);
    out.push(lead + rest.slice(0, end).trimEnd());
    const next = rest.slice(end).trimStart();
    restWidth -= columnsOf(rest.slice(0, rest.length - next.length));
    rest = next;
    lead = indent;
  }
  if (rest !== '') out.push(lead + rest);
  return out;
}

/**
 * The escapes our reports colour with (ANSI CSI, SGR among them). Repository text never holds one —
 * `plainText` shows an ESC as `\x1b` — so every escape in a line is ours, and takes no column.
 */
const ESC = '\u001b';
// Matching the escape character is these expressions' whole purpose.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const ESCAPE_START = /^\u001b\[[0-?]*[ -/]*[@-~]/;

/**
 * Columns a line takes on a terminal: its characters but its colour escapes. Counted whole, a
 * coloured line folded early, and a break inside a word could fall inside an escape, printing its
 * tail (`[2m`) as text and leaving the colour on.
 */
export function visibleWidth(text: string): number {
  return text.replace(ESCAPES, '').length;
}

function leadingSpaces(line: string): number {
  const shown = line.replace(ESCAPES, '');
  return shown.length - shown.trimStart().length;
}

/** Length of the escape starting at `at` in `text`, 0 when none does. */
function escapeAt(text: string, at: number): number {
  if (text[at] !== ESC) return 0;
  return ESCAPE_START.exec(text.slice(at))?.[0].length ?? 0;
}

/**
 * Where to end a line of `room` columns taken from the start of `text`: at its last space within
 * the room that has text before it, else right after the `room`th column (never inside a surrogate
 * pair, and past the escapes that follow, so none is split and a reset stays with its text). At
 * least one character goes, so folding always ends.
 */
function breakAt(text: string, room: number): number {
  let columns = 0;
  let space = -1;
  let hard = -1;
  let seenText = false;
  for (let i = 0; i < text.length && columns <= room;) {
    const escape = escapeAt(text, i);
    if (escape > 0) {
      i += escape;
      if (hard === i - escape) hard = i;
      continue;
    }
    if (text[i] === ' ' && seenText) space = i;
    else if (text[i] !== ' ') seenText = true;
    columns++;
    i++;
    if (columns === room) hard = pairSafeEnd(text, i) || i;
  }
  return space > 0 ? space : hard > 0 ? hard : 1;
}

/**
 * `breakAt` for text without escapes: the last space within the room that has text before it, else
 * the room's end. The same answer, found by `lastIndexOf` rather than by walking each column.
 */
function plainBreakAt(text: string, room: number): number {
  if (room < 1) return 1;
  let firstText = 0;
  while (firstText < text.length && text.charCodeAt(firstText) === 0x20) firstText++;
  const space = text.lastIndexOf(' ', Math.min(text.length - 1, room));
  if (space > firstText) return space;
  return text.length >= room ? pairSafeEnd(text, room) || room : 1;
}
