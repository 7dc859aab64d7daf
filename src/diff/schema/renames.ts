/**
 * A schema renamed across a change: its former place gone from the head, its new one absent from the
 * base (`Cat` → `Feline`). What changed in it is placed where it is written now (all of it is new in
 * the pull request's diff), and a discriminator value mapped to it still selects the same alternative.
 */
import { getAtPointer } from '../../core/pointer.js';
import type { RefScope } from '../ref-scope.js';
import type { SchemaEnv } from './compare.js';
import type { SchemaNode } from './view.js';

/** The schema at `b` (base) now written at `h` (head) only: moved, not one of two both sides hold. */
export function movedSchema(env: SchemaEnv, b: SchemaNode, h: SchemaNode): boolean {
  return (
    !writtenAt(env.head, env.structural.headFileOf(b.file), b.pointer) &&
    !writtenAt(env.base, env.structural.baseFileOf(h.file), h.pointer)
  );
}

function writtenAt(scope: RefScope, file: string, pointer: string): boolean {
  const doc = scope.documents.get(file);
  return doc !== undefined && getAtPointer(doc.value, pointer) !== undefined;
}
