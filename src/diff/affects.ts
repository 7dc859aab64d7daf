/**
 * The sentence a change's message ends with when it affects several operations (or channels). The
 * message stands alone (a line comment, an annotation, JSON); the text and Markdown reports list every
 * affected one themselves, so they show the message without it rather than name them twice.
 */
import { code } from '../core/inert-text.js';
import type { Change } from './types.js';

/** Operations named in a message; the full list is in `Change.operations`. */
const LISTED = 8;

export function affectsSentence(affected: readonly string[], operations: boolean): string {
  const shown = affected.slice(0, LISTED).map(code).join(', ');
  const more = affected.length > LISTED ? ` and ${affected.length - LISTED} more` : '';
  return `Affects ${affected.length} ${operations ? 'operations' : 'channels'}: ${shown}${more}.`;
}

/** What a change affects: its operations, else its channels. */
export function affectedBy(change: Pick<Change, 'operations' | 'channels'>): readonly string[] {
  return change.operations.length > 0 ? change.operations : change.channels;
}

/** The change's message without its closing `Affects …` sentence (unchanged when it has none). */
export function messageWithoutAffects(change: Change): string {
  const affected = affectedBy(change);
  if (affected.length <= 1) return change.message;
  const sentence = ` ${affectsSentence(affected, change.operations.length > 0)}`;
  return change.message.endsWith(sentence) ? change.message.slice(0, -sentence.length) : change.message;
}
