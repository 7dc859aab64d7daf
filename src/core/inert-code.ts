/**
 * Code spans around repository values: the one fencing rule every inert Markdown writer uses
 * (inert-text.ts re-exports `code` and `codeSpan`). A fence longer than any backtick run inside, and
 * a space on each side where CommonMark would otherwise change the value.
 */
import { maxOf } from './arrays.js';

/**
 * `markdownCode` of text already flat and bounded: a message's own code spans are not cut again.
 * Nothing for no text (a message's empty span shows nothing); else the one fencing rule, `code`.
 */
export function codeSpan(flat: string): string {
  return flat === '' ? '' : code(flat);
}

/**
 * A repository value as a code span inside a message we write (`Field ${code(name)} was removed`):
 * the fence is longer than any backtick run the value holds, so a backtick in a name cannot close
 * the span early and leave the rest to read as the message's own words. Every output that parses
 * code spans (`markdownMessage`, and a reader of the text, JSON and SARIF outputs) sees exactly one
 * span around the value. The value is kept whole: it is made inert where the message is rendered.
 * An empty value shows as a span holding one space (an empty span cannot be written).
 */
export function code(value: string | number): string {
  const text = String(value);
  if (text === '') return '` `';
  // Almost no value holds a backtick: one fence, and no runs to measure (a diff of Microsoft Graph
  // 1.1.3 -> 1.3.17 writes ~210,000 spans, each of which built two arrays to learn that).
  const fence = text.includes('`') ? '`'.repeat(longestRun(text) + 1) : '`';
  return `${fence}${needsPad(text) ? ` ${text} ` : text}${fence}`;
}

/** The length of the longest run of backticks in the text. */
function longestRun(text: string): number {
  return maxOf(
    (text.match(/`+/g) ?? []).map((run) => run.length),
    0,
  );
}

/**
 * CommonMark joins a backtick at either end of the content to the fence, and strips one space from
 * each side of content that starts and ends with a space (unless it is all spaces): a space on each
 * side keeps both from changing the value.
 */
function needsPad(text: string): boolean {
  if (text.startsWith('`') || text.endsWith('`')) return true;
  // Starts and ends with a space, and is not all white space (compared by character: a regular
  // expression flattened each value it was asked about).
  return text.length > 1 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '';
}
