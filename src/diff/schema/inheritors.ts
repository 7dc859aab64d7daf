/**
 * A discriminator on a schema others extend through `allOf` (OpenAPI's inheritance model: `Pet`
 * with `discriminator: { propertyName: kind }`, `Cat: { allOf: [{ $ref: Pet }, …] }`) selects each
 * extending schema by its component name unless `mapping` says otherwise. Those implicit values
 * exist in no keyword of the schema itself, so a mapping written out for them is no change, and a
 * child schema renamed changes a value on the wire.
 */
import { appendPointer } from '../../core/pointer.js';
import { isRecord } from '../json.js';
import type { RefScope } from '../ref-scope.js';
import { PlaceMap } from '../place-map.js';
import type { Place } from '../types.js';

/** Who extends whom on one side: built once, asked per discriminator. */
export interface Inheritance {
  /** The component schemas whose `allOf` `$ref`s the schema at `parent`: name → a reference to the child. */
  of(parent: Place): ReadonlyMap<string, string>;
}

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * One pass over the component schemas of every document of the side, each `allOf` `$ref` resolved
 * once: asking per discriminator by scanning every schema again was quadratic in a description
 * that holds many parents (polymorphic models, thousands of schemas). A child whose name two
 * documents use is the later one's, in the first one's order.
 */
export function inheritanceIndex(scope: Pick<RefScope, 'documents' | 'resolve'>): Inheritance {
  const children = new PlaceMap<Map<string, string>>();
  for (const [file, doc] of scope.documents) {
    for (const [name, schema] of Object.entries(componentSchemas(doc.value) ?? {})) {
      const at = appendPointer('/components/schemas', name);
      for (const parent of allOfTargets(scope, { file, pointer: at }, schema))
        children.getOrCreate(parent.file, parent.pointer, () => new Map()).set(name, `#${at}`);
    }
  }
  return { of: (parent) => children.get(parent.file, parent.pointer) ?? NONE };
}

/**
 * The schemas under `components/schemas` (of any document of the side) whose `allOf` `$ref`s the
 * schema holding the discriminator at `discriminator`: name → a reference to the child.
 */
export function inheritors(scope: RefScope, discriminator: Place): ReadonlyMap<string, string> {
  const parent = discriminator.pointer.slice(0, discriminator.pointer.lastIndexOf('/'));
  return scope.inheritors({ file: discriminator.file, pointer: parent });
}

function componentSchemas(root: unknown): Record<string, unknown> | undefined {
  const components = isRecord(root) ? root.components : undefined;
  const schemas = isRecord(components) ? components.schemas : undefined;
  return isRecord(schemas) ? schemas : undefined;
}

/** The places the `$ref` members of a schema's `allOf` lead to. */
function allOfTargets(scope: Pick<RefScope, 'resolve'>, at: Place, schema: unknown): Place[] {
  const members = isRecord(schema) && Array.isArray(schema.allOf) ? schema.allOf : [];
  return members.flatMap((member: unknown, i) => {
    if (!isRecord(member) || typeof member.$ref !== 'string') return [];
    const target = scope.resolve(at.file, member.$ref, appendPointer(at.pointer, 'allOf', i));
    return target ? [{ file: target.file, pointer: target.pointer }] : [];
  });
}

/**
 * The component schemas (base places) holding a discriminator over inheritors whose names differ
 * between the sides. Their own subtrees may be identical, so the structural diff would call them
 * unchanged and the comparison would skip them: the diff marks them changed instead.
 */
export function inheritanceChanged(
  base: RefScope,
  head: RefScope,
  headFileOf: (baseFile: string) => string,
): Place[] {
  const out: Place[] = [];
  for (const [file, doc] of base.documents) {
    const headFile = headFileOf(file);
    const headSchemas = componentSchemas(head.documents.get(headFile)?.value);
    for (const [name, schema] of Object.entries(componentSchemas(doc.value) ?? {})) {
      if (!inheritanceParent(schema) || !inheritanceParent(headSchemas?.[name])) continue;
      const pointer = appendPointer('/components/schemas', name);
      const discriminator = appendPointer(pointer, 'discriminator');
      const before = [...inheritors(base, { file, pointer: discriminator }).keys()].sort();
      const after = [...inheritors(head, { file: headFile, pointer: discriminator }).keys()].sort();
      if (before.join('\n') !== after.join('\n')) out.push({ file, pointer });
    }
  }
  return out;
}

/** A schema whose discriminator selects among the schemas extending it, not among its own branches. */
export function inheritanceParent(schema: unknown): schema is Record<string, unknown> {
  return isRecord(schema) && isRecord(schema.discriminator) && !schema.oneOf && !schema.anyOf;
}
