/**
 * Repository text in one cell of a GitHub Markdown table. GitHub splits a row into cells at each `|`
 * before it parses anything else, so a cell escapes every pipe (`markdownCell`), inside code spans
 * too — and escaping lengthens what it escapes: a message's `|` is `\|` once Markdown-escaped and
 * `\\|` in a cell. A writer's bound applied before the cell's escaping did not bound the cell (a
 * message of pipes came out at 6,000 characters against 4,000, a code span's at twice its bound),
 * so each writer here escapes for the cell inside its bound (`renderedWithin`): the cell is within
 * it as shown. What these return is cell-ready: it is not passed through `markdownCell` again.
 */
import { elided, renderedWithin } from './inert-cut.js';
import {
  codeSpan,
  markdownCell,
  MAX_MESSAGE_CHARS,
  MAX_VALUE_CHARS,
  messageInline,
  plainText,
  textInline,
} from './inert-text.js';

/** A finding's message (`markdownMessage`) in a cell, at most `MAX_MESSAGE_CHARS` long as shown. */
export function markdownCellMessage(message: string): string {
  return renderedWithin(String(message), MAX_MESSAGE_CHARS, (cut) => markdownCell(messageInline(cut)));
}

/** Repository text (`markdownText`) in a cell, at most `MAX_MESSAGE_CHARS` long as shown. */
export function markdownCellText(text: string): string {
  return renderedWithin(String(text), MAX_MESSAGE_CHARS, (cut) => markdownCell(textInline(cut)));
}

/**
 * One value (`markdownCode`) in a cell: its text at most `max` characters long as shown (the fence
 * aside), its middle left out past that.
 */
export function markdownCellCode(value: string, max = MAX_VALUE_CHARS): string {
  return codeSpan(renderedWithin(String(value), max, (cut) => markdownCell(plainText(cut)), elided));
}
