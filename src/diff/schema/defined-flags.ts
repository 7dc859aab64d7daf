/**
 * Flags of a property read where its schema is defined, not only beside it: `deprecated`,
 * `readOnly` and `writeOnly` on a `$ref` target (through a chain of them) or an `allOf` member.
 * Read on demand, where a finding depends on them: merging them into every view made the GitHub
 * pair's comparison slower for no finding (362eeec, 2250ceb).
 */
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import { readsRefSiblings } from '../ref-scope.js';
import type { SchemaNode } from './view.js';

/**
 * Whether a property is marked `deprecated`, beside it or where its schema is defined (a `$ref`
 * target, also through a chain of them, an `allOf` member): asked only of a property that was
 * removed, so it costs nothing to the comparison of the rest.
 */
export function deprecatedProperty(scope: RefScope, node: SchemaNode): boolean {
  return flaggedAlong(scope, node, 'deprecated', { left: MAX_FLAG_HOPS });
}

/** `readOnly` and `writeOnly` of a property, read beside it and where its schema is defined. */
export interface Visibility {
  readOnly: boolean;
  writeOnly: boolean;
}

/**
 * A property's visibility wherever its schema is defined (as `deprecatedProperty` reads deprecation):
 * `id: { $ref: ServerId }` is read-only when `ServerId` is. Asked only where a finding depends on it
 * (see readProperty for why not of every property).
 */
export function definedVisibility(scope: RefScope, property: Visibility & { node: SchemaNode }): Visibility {
  const wanted = VISIBILITY_FLAGS.filter((flag) => !property[flag]);
  const found = new Set<PropertyFlag>();
  // One walk for both flags: each stops where it would alone (the first schema objects in the same
  // order, within the same budget), so the answer is the same as two walks.
  if (wanted.length > 0) flagsAlong(scope, property.node, wanted, found, { left: MAX_FLAG_HOPS });
  return {
    readOnly: property.readOnly || found.has('readOnly'),
    writeOnly: property.writeOnly || found.has('writeOnly'),
  };
}

/** The flags that hide a property from one direction: consumers never send the one nor receive the other. */
export const VISIBILITY_FLAGS = ['readOnly', 'writeOnly'] as const;

/** Schema objects read for one property at most: bounds a hostile fan-out of `allOf`s. */
const MAX_FLAG_HOPS = 32;

type PropertyFlag = 'deprecated' | 'readOnly' | 'writeOnly';

function flaggedAlong(
  scope: RefScope,
  node: SchemaNode,
  flag: PropertyFlag,
  budget: { left: number },
): boolean {
  const found = new Set<PropertyFlag>();
  flagsAlong(scope, node, [flag], found, budget);
  return found.has(flag);
}

/**
 * Adds to `found` each flag of `wanted` set on the schema or along its `$ref`s and `allOf` members,
 * depth first; true once every wanted flag is found (the walk stops there).
 */
function flagsAlong(
  scope: RefScope,
  node: SchemaNode,
  wanted: readonly PropertyFlag[],
  found: Set<PropertyFlag>,
  budget: { left: number },
): boolean {
  const value = node.value;
  if (!isRecord(value) || --budget.left < 0) return false;
  const ref = typeof value.$ref === 'string' ? value.$ref : undefined;
  // A JSON Reference's siblings are ignored where the spec says so (3.0, 2.0): only its target counts.
  if (ref !== undefined && !readsRefSiblings(scope)) {
    const target = scope.resolve(node.file, ref, node.pointer);
    return target !== undefined && flagsAlong(scope, target, wanted, found, budget);
  }
  for (const flag of wanted) if (value[flag] === true) found.add(flag);
  if (found.size === wanted.length) return true;
  if (ref !== undefined) {
    const target = scope.resolve(node.file, ref, node.pointer);
    if (target && flagsAlong(scope, target, wanted, found, budget)) return true;
  }
  const members = value.allOf;
  return (
    Array.isArray(members) &&
    members.some((member, i) =>
      flagsAlong(
        scope,
        { file: node.file, pointer: appendPointer(node.pointer, 'allOf', i), value: member },
        wanted,
        found,
        budget,
      ),
    )
  );
}
