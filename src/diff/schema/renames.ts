/**
 * A schema renamed across a change: its former place gone from the head, its new one absent from the
 * base (`Cat` → `Feline`). What changed in it is placed where it is written now (all of it is new in
 * the pull request's diff), and the alternative it was (a discriminator value mapped to it, a
 * `oneOf` branch referring to it) is still that alternative.
 */
import { getAtPointer } from '../../core/pointer.js';
import type { RefScope } from '../ref-scope.js';
import type { SchemaEnv } from './compare.js';
import { sideView } from './compare.js';
import type { SchemaNode, SchemaView } from './view.js';

/** The schema at `b` (base) now written at `h` (head) only: moved, not one of two both sides hold. */
export function movedSchema(env: SchemaEnv, b: SchemaNode, h: SchemaNode): boolean {
  return (
    !writtenAt(env.head, env.structural.headFileOf(b.file), b.pointer) &&
    !writtenAt(env.base, env.structural.baseFileOf(h.file), h.pointer)
  );
}

/**
 * Moved, and keeping most of its former properties (`keepsMostProperties`): the same schema renamed,
 * perhaps changed. One that keeps less is another schema put in its place (`Cat` → `Lion`).
 */
export function renamedSchema(env: SchemaEnv, b: SchemaNode, h: SchemaNode, aside?: string): boolean {
  return (
    movedSchema(env, b, h) && keepsMostProperties(sideView(env, 'base', b), sideView(env, 'head', h), aside)
  );
}

/**
 * Keeps at least half of its former properties by name (`aside`, a discriminator property every
 * alternative has, not counted): renamed, it is still recognisably the schema it was.
 */
export function keepsMostProperties(former: SchemaView, now: SchemaView, aside?: string): boolean {
  const own = (view: SchemaView) => [...view.properties.keys()].filter((name) => name !== aside);
  const kept = new Set(own(now));
  const before = own(former);
  return 2 * before.filter((name) => kept.has(name)).length >= before.length;
}

function writtenAt(scope: RefScope, file: string, pointer: string): boolean {
  const doc = scope.documents.get(file);
  return doc !== undefined && getAtPointer(doc.value, pointer) !== undefined;
}
