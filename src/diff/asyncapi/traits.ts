/**
 * AsyncAPI `traits`: how a message's or operation's fields read once its traits are applied.
 */
import type { Deref, Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import { localRef } from '../schema/view-keywords.js';
import type { SchemaNode } from '../schema/view.js';
import type { Json } from '../json.js';
import { isRecord } from '../json.js';

/**
 * A message or operation with its `traits` applied, field by field. The two versions merge in
 * opposite orders: 2.x applies each trait over the object (JSON Merge Patch, in list order: the
 * last trait wins), 3.0 applies the object over its traits (the object's own field wins, then the
 * last trait). Traits are where shared headers, correlation ids and Kafka keys usually live: a
 * change to a trait changes every message that uses it.
 */
export interface Traited {
  /** The field as the merge leaves it, where its winning value is written. */
  field(name: string): Located<unknown> | undefined;
  /**
   * A schema field: the one place that writes it, or — when the object and traits each write part of
   * it in one file — all of them as members of one `allOf` (the merged schema's every keyword keeps
   * its own place; properties from each part add up, as authors of shared headers mean them to).
   * `inner`: the schema a part holds (3.0 multi-format schema objects hold theirs in `schema`).
   */
  schema(name: string, inner?: (part: SchemaNode) => SchemaNode | undefined): SchemaNode | undefined;
}

export function withTraits(owner: Located<unknown>, deref: Deref, v2: boolean): Traited {
  const own: Located<Json> = { ...owner, value: isRecord(owner.value) ? owner.value : {} };
  const traits = Array.isArray(own.value.traits)
    ? own.value.traits.flatMap((t, i) => {
        const trait = deref({ file: own.file, pointer: appendPointer(own.pointer, 'traits', i), value: t });
        return isRecord(trait.value) ? [{ ...trait, value: trait.value }] : [];
      })
    : [];
  // Lowest precedence first.
  const layers = v2 ? [own, ...traits] : [...traits, own];
  const writers = (name: string): Located<unknown>[] =>
    layers.flatMap((l) =>
      l.value[name] !== undefined
        ? [{ file: l.file, pointer: appendPointer(l.pointer, name), value: l.value[name] }]
        : [],
    );
  return {
    field: (name) => writers(name).at(-1),
    schema: (name, inner = (part) => part) => {
      const parts = writers(name).flatMap((part) => inner(part) ?? []);
      if (parts.length <= 1 || parts.some((p) => p.file !== own.file)) return parts.at(-1);
      return {
        file: own.file,
        // A place no document has: the merged schema is the message's alone, and its view is cached
        // by place; its `$ref`s make it "unchanged" only while every part is.
        pointer: appendPointer(own.pointer, 'traits', `*${name}`),
        value: { allOf: parts.map(localRef) },
      };
    },
  };
}

/** Bindings as the traits leave them (the winning layer's, whole: protocols are not merged). */
export function bindingsOf(traited: Traited): Located<Json> | undefined {
  const b = traited.field('bindings');
  return b && isRecord(b.value) ? { ...b, value: b.value } : undefined;
}
