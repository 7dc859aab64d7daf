import type { Finding } from '../core/finding.js';
import { START_OF_FILE } from '../core/finding.js';
import type { DiffOutcome } from './diff-contracts.js';
import type { Direction } from './types.js';

/**
 * A change as a finding (rule id `breaking/<check id>`). It sits in the head file, where the element
 * is now — or in the base file when the element was removed (`side: 'base'`: a review comment goes
 * on the LEFT side of the diff). A change is already one cause (a shared schema used by many
 * operations is one change), so a finding names every operation it affects.
 */
export interface BreakingFinding extends Finding {
  side: 'head' | 'base';
  checkId: string;
  direction: Direction;
  /** The check's default level is error: consumers break. */
  breaking: boolean;
  /** Breaking with the versioning strategy's consent: still needs the consumers' approval. */
  intended?: { reason: string };
  /** Every operation (or, for AsyncAPI without one, channel) the change affects. */
  operations: string[];
  /** The consuming systems the blueprint names for them. */
  consumers: string[];
}

export function changesToFindings(outcome: Pick<DiffOutcome, 'changes' | 'documents'>): BreakingFinding[] {
  return outcome.changes.map((change) => {
    const side = change.head ? 'head' : 'base';
    const place = (change.head ?? change.base)!;
    const doc = outcome.documents[side].get(place.file);
    return {
      ruleId: `breaking/${change.id}`,
      severity: change.severity,
      message: `${change.message}${side === 'base' ? ' (Located in the base version: the element no longer exists.)' : ''}`,
      file: place.file,
      pointer: place.pointer,
      range: doc ? doc.rangeOf(place.pointer) : START_OF_FILE,
      side,
      checkId: change.id,
      direction: change.direction,
      breaking: change.breaking,
      ...(change.intended ? { intended: change.intended } : {}),
      operations: change.operations.length > 0 ? change.operations : change.channels,
      consumers: change.consumers,
    };
  });
}
