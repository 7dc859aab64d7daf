import type { Finding } from '../core/finding.js';
import { START_OF_FILE } from '../core/finding.js';
import type { DiffOutcome } from './diff-contracts.js';
import type { Change, Direction } from './types.js';

/**
 * A change as a finding (rule id `breaking/<check id>`). It sits in the head file, where the element
 * is now — or in the base file when the element was removed (`side: 'base'`: a review comment goes
 * on the LEFT side of the diff). Changes at the same place (a shared schema used by many operations)
 * become one finding that names the operations.
 */
export interface BreakingFinding extends Finding {
  side: 'head' | 'base';
  checkId: string;
  direction: Direction;
  /** The check's default level is error: consumers break. */
  breaking: boolean;
  /** Breaking with the versioning strategy's consent: still needs the consumers' approval. */
  intended?: { reason: string };
  operations: string[];
}

const MAX_NAMED = 3;

export function changesToFindings(outcome: Pick<DiffOutcome, 'changes' | 'documents'>): BreakingFinding[] {
  const groups = new Map<string, { change: Change; operations: string[] }>();
  for (const change of outcome.changes) {
    const side = change.head ? 'head' : 'base';
    const place = change.head ?? change.base;
    const key = `${change.id}|${side}|${place?.file}|${place?.pointer}|${change.severity}`;
    const group = groups.get(key);
    const op = change.operation ?? change.channel;
    if (group) {
      if (op && !group.operations.includes(op)) group.operations.push(op);
    } else groups.set(key, { change, operations: op ? [op] : [] });
  }
  return [...groups.values()].map(({ change, operations }) => {
    const side = change.head ? 'head' : 'base';
    const place = (change.head ?? change.base)!;
    const doc = outcome.documents[side].get(place.file);
    const others = operations.slice(1);
    const also =
      others.length === 0
        ? ''
        : ` Also affects ${others
            .slice(0, MAX_NAMED)
            .map((o) => `\`${o}\``)
            .join(', ')}${others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : ''}.`;
    return {
      ruleId: `breaking/${change.id}`,
      severity: change.severity,
      message: `${change.message}${also}${side === 'base' ? ' (Located in the base version: the element no longer exists.)' : ''}`,
      file: place.file,
      pointer: place.pointer,
      range: doc ? doc.rangeOf(place.pointer) : START_OF_FILE,
      side,
      checkId: change.id,
      direction: change.direction,
      breaking: change.breaking,
      ...(change.intended ? { intended: change.intended } : {}),
      operations,
    };
  });
}
