import { code } from '../../core/inert-text.js';
import { segmentsOf } from '../pointers.js';
import type { Place } from '../types.js';

/**
 * What a change written once for several messages is named by, when they share it: a message trait,
 * a correlation id component or the document's `defaultContentType`, not the first message met.
 */
export function sharedPlaceSubject(place: Place | undefined): string | undefined {
  const segments = place ? segmentsOf(place.pointer) : [];
  if (segments[0] === 'defaultContentType') return "The document's `defaultContentType`";
  if (segments[0] !== 'components' || segments[2] === undefined) return undefined;
  if (segments[1] === 'messageTraits') return `Message trait ${code(segments[2])}`;
  if (segments[1] === 'correlationIds') return `Correlation id ${code(segments[2])}`;
  return undefined;
}
