/**
 * A discriminator on a schema others extend through `allOf` (OpenAPI's inheritance model: `Pet`
 * with `discriminator: { propertyName: kind }`, `Cat: { allOf: [{ $ref: Pet }, …] }`) selects each
 * extending schema by its component name unless `mapping` says otherwise — and the schemas extending
 * those (`Lion: { allOf: [{ $ref: Cat }, …] }` is a `Pet` too, as code generators read it). Those
 * implicit values exist in no keyword of the schema itself, so a mapping written out for them is no
 * change, and a child schema renamed changes a value on the wire.
 */
import { appendPointer } from '../../core/pointer.js';
import { dirname, relativePath } from '../../core/paths.js';
import { isRecord } from '../json.js';
import type { RefScope } from '../ref-scope.js';
import { PlaceMap } from '../place-map.js';
import type { Place } from '../types.js';

/** Who extends whom on one side: built once, asked per discriminator. */
export interface Inheritance {
  /**
   * The component schemas that extend the schema at `parent` through `allOf`, directly or through
   * another that does (children first, then theirs): name → a reference to the schema.
   */
  of(parent: Place): ReadonlyMap<string, string>;
}

const NONE: ReadonlyMap<string, string> = new Map();

/** A component schema extending another: its name, and where it is. */
interface Child {
  name: string;
  at: Place;
}

/**
 * One pass over the component schemas of every document of the side, each `allOf` `$ref` resolved
 * once: asking per discriminator by scanning every schema again was quadratic in a description
 * that holds many parents (polymorphic models, thousands of schemas). A child whose name two
 * documents use is the later one's, in the first one's order.
 */
export function inheritanceIndex(scope: Pick<RefScope, 'documents' | 'resolve'>): Inheritance {
  const children = new PlaceMap<Child[]>();
  for (const [file, doc] of scope.documents) {
    for (const [name, schema] of Object.entries(componentSchemas(doc.value) ?? {})) {
      const at = { file, pointer: appendPointer('/components/schemas', name) };
      for (const parent of allOfTargets(scope, at, schema))
        children.getOrCreate(parent.file, parent.pointer, () => []).push({ name, at });
    }
  }
  const descendants = new PlaceMap<ReadonlyMap<string, string>>();
  return {
    of: (parent) =>
      descendants.getOrCreate(parent.file, parent.pointer, () => descendantsOf(children, parent)),
  };
}

/**
 * The children of `parent`, then theirs, breadth first: each name once (the nearest), the parent
 * itself never (a schema extending its own descendant is a cycle, not a subtype of itself).
 */
function descendantsOf(children: PlaceMap<Child[]>, parent: Place): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const seen = new Set([`${parent.file}#${parent.pointer}`]);
  const queue = [parent];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]!.file, queue[i]!.pointer) ?? []) {
      const key = `${child.at.file}#${child.at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!out.has(child.name)) out.set(child.name, refFrom(parent.file, child.at));
      queue.push(child.at);
    }
  }
  return out.size > 0 ? out : NONE;
}

/**
 * A reference to the schema at `at` as the file `from` writes it: the discriminator's holder
 * resolves its subtypes from its own file, and a subtype may be in another (`../pets/cat.yaml#…`).
 */
function refFrom(from: string, at: Place): string {
  return at.file === from ? `#${at.pointer}` : `${relativePath(dirname(from), at.file)}#${at.pointer}`;
}

/**
 * The schemas under `components/schemas` (of any document of the side) that extend the schema
 * holding the discriminator at `discriminator` (discriminatorHolder): name → a reference to it.
 */
export function inheritors(scope: RefScope, discriminator: Place): ReadonlyMap<string, string> {
  return scope.inheritors(discriminatorHolder(discriminator));
}

/**
 * The schema a discriminator belongs to: the one that writes it, or, written in one of its inline
 * `allOf` members (`Pet: { allOf: [{ …, discriminator }] }`), the schema holding that member, which
 * is what others extend.
 */
export function discriminatorHolder(discriminator: Place): Place {
  const pointer = discriminator.pointer.slice(0, discriminator.pointer.lastIndexOf('/'));
  const member = /\/allOf\/\d+$/.exec(pointer);
  return { file: discriminator.file, pointer: member ? pointer.slice(0, member.index) : pointer };
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
      if (!heldDiscriminator(schema) || !heldDiscriminator(headSchemas?.[name])) continue;
      const pointer = appendPointer('/components/schemas', name);
      const before = [...base.inheritors({ file, pointer }).keys()].sort();
      const after = [...head.inheritors({ file: headFile, pointer }).keys()].sort();
      if (before.join('\n') !== after.join('\n')) out.push({ file, pointer });
    }
  }
  return out;
}

/**
 * A schema whose discriminator (written on it, or in one of its inline `allOf` members) selects
 * among the schemas extending it, not among its own branches: that discriminator, and its place
 * relative to the schema (`['discriminator']`, `['allOf', 0, 'discriminator']`).
 */
export function heldDiscriminator(
  schema: unknown,
): { at: (string | number)[]; discriminator: Record<string, unknown> } | undefined {
  if (!isRecord(schema) || schema.oneOf || schema.anyOf) return undefined;
  if (isRecord(schema.discriminator)) return { at: ['discriminator'], discriminator: schema.discriminator };
  const members: unknown[] = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    if (isRecord(m) && m.$ref === undefined && isRecord(m.discriminator) && !m.oneOf && !m.anyOf)
      return { at: ['allOf', i, 'discriminator'], discriminator: m.discriminator };
  }
  return undefined;
}
