import { code } from '../../core/inert-text.js';
import { segmentsOf } from '../pointers.js';
import type { Place } from '../types.js';

/**
 * `Response \`NotFound\``: what names content both sides keep in the same component (3.x
 * `components.responses` or `components.requestBodies`), which every operation referring to it shares.
 */
export function componentSubject(
  b: Place,
  h: Place,
  section: 'responses' | 'requestBodies',
  what: string,
): { componentSubject?: string } {
  const [components, kind, name, ...rest] = segmentsOf(b.pointer);
  const same = b.pointer === h.pointer;
  return same && components === 'components' && kind === section && name !== undefined && rest.length === 0
    ? { componentSubject: `${what} ${code(name)}` }
    : {};
}
