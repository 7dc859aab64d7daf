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
  return listedSentence(affected.map(code), operations ? 'operations' : 'channels');
}

/**
 * The messages a change written once for several reaches (a message trait's): each already named
 * inertly ("`created` on `orders`"), said as operations are.
 */
export function messagesSentence(messages: readonly string[]): string {
  return listedSentence(messages, 'messages');
}

function listedSentence(shown: readonly string[], noun: string): string {
  const more = shown.length > LISTED ? ` and ${shown.length - LISTED} more` : '';
  return `Affects ${shown.length} ${noun}: ${shown.slice(0, LISTED).join(', ')}${more}.`;
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
