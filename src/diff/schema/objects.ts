/**
 * Object schemas compared property by property: what was removed, added, made required or
 * optional, hidden by `readOnly`/`writeOnly`, and whether the object admits other properties —
 * one part of the schema compatibility core (compare.ts), which compares each property's schema.
 */
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import type { SchemaDelta, SchemaDeltaKind, SchemaDirection, SchemaEnv } from './compare.js';
import { compareDiffering, compareSchemas } from './compare.js';
import { nest, withoutOwnDefault } from './delta-lists.js';
import type { SchemaNode, SchemaView } from './view.js';
import type { Visibility } from './defined-flags.js';
import { definedVisibility, deprecatedProperty } from './defined-flags.js';
import { AT_ROOT, under } from './field-path.js';

export function compareObject(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  // Consumers never send read-only properties and never receive write-only ones.
  const hidden = (p: Visibility) => (direction === 'request' ? p.readOnly : p.writeOnly);
  const propsAt = (view: SchemaView) => view.origin.get('properties') ?? view.place;
  const place = (side: SchemaView, p?: { node: SchemaNode }) =>
    p ? { file: p.node.file, pointer: p.node.pointer } : propsAt(side);
  // forEach, not for…of: no iterator result and entry pair per property (this runs for every
  // property of every object schema compared).
  b.properties.forEach((bp, name) => {
    const hp = h.properties.get(name);
    if (!hp) {
      if (hidden(definedVisibility(env.base, bp))) return;
      // Undeclared but required (and admitted) on the head, the key stays: only its schema changed,
      // to what an undeclared key gets; that it became required is said with the undeclared ones.
      if (h.required.has(name) && h.additional !== 'closed') {
        nest(out, name, compareSchemas(env, bp.node, undeclaredKey(h, name), direction));
        return;
      }
      out.push({
        kind: removalKind(env.base, { b, h, name }, direction),
        path: under(name),
        base: place(b, bp),
        head: sharedPart(h, bp.node, (at) => env.structural.samePlace(bp.node, at)),
        data: { closed: String(h.additional === 'closed') },
      });
      return;
    }
    // Asked once per property (most are unchanged: 12,306 of the GitHub pair's 13,293): it decides
    // where the visibility flags are read and whether the schemas need comparing at all. Written
    // beside the property, or both definitions the same (the same schema, refs included: the same
    // flags wherever set), the flags read with the property decide; otherwise they are read where
    // each side defines it (a `$ref` target, an `allOf` member).
    const same = env.structural.sameNode(bp.node, hp.node);
    const besideOnly = same || !(indirect(bp.node) || indirect(hp.node));
    const bv = besideOnly ? bp : definedVisibility(env.base, bp);
    const hv = besideOnly ? hp : definedVisibility(env.head, hp);
    // Flagged on both sides; on the side that no longer sees the property, the comparison stops.
    if (!bv.readOnly && hv.readOnly) out.push(flagAdded('read-only-added', name, place(b, bp), place(h, hp)));
    if (!bv.writeOnly && hv.writeOnly)
      out.push(flagAdded('write-only-added', name, place(b, bp), place(h, hp)));
    if (hidden(hv)) return; // no longer seen (or never seen) on the side that receives/sends it
    const isRequired = h.required.has(name);
    if ((b.required.has(name) && !hidden(bv)) !== isRequired) {
      // Rare, and then what decides is where the property is defined: a required `{ $ref: ServerId }`
      // is never sent when `ServerId` is read-only.
      const [bd, hd] = [definedVisibility(env.base, bp), definedVisibility(env.head, hp)];
      const wasRequired = b.required.has(name) && !hidden(bd);
      if (!hidden(hd) && wasRequired !== isRequired)
        out.push({
          kind: isRequired ? 'property-became-required' : 'property-became-optional',
          path: under(name),
          base: wasRequired ? requiredPlace(b, bp, name) : place(b, bp),
          head: isRequired ? requiredPlace(h, hp, name) : place(h, hp),
          data: {},
        });
    }
    if (same) return;
    const deltas = compareDiffering(env, bp.node, hp.node, direction);
    nest(out, name, b.required.has(name) || isRequired ? withoutOwnDefault(deltas) : deltas);
  });
  h.properties.forEach((hp, name) => {
    if (b.properties.has(name) || hidden(definedVisibility(env.head, hp))) return;
    // Required though undeclared on the base, the key was always there: now declared, it is typed.
    if (b.required.has(name) && b.additional !== 'closed') {
      nest(out, name, compareSchemas(env, undeclaredKey(b, name), hp.node, direction));
      return;
    }
    out.push({
      kind: h.required.has(name) ? 'required-property-added' : 'property-added',
      path: under(name),
      base: sharedPart(b, hp.node, (at) => env.structural.samePlace(at, hp.node)),
      head: { file: hp.node.file, pointer: hp.node.pointer },
      data: { closed: String(b.additional === 'closed') },
    });
  });
  compareUndeclaredRequired(b, h, out);
  const ba = b.additional;
  const ha = h.additional;
  const at = (v: SchemaView) => v.origin.get('additionalProperties') ?? v.place;
  if (ba === 'closed' && ha !== 'closed')
    out.push({
      kind: 'additional-properties-opened',
      path: AT_ROOT,
      base: at(b),
      head: at(h),
      data: closer(at(b)),
    });
  else if (ba !== 'closed' && ha === 'closed')
    out.push({
      kind: 'additional-properties-closed',
      path: AT_ROOT,
      base: at(b),
      head: at(h),
      data: closer(at(h)),
    });
  else if (ba !== 'closed' && ha !== 'closed' && (typeof ba === 'object' || typeof ha === 'object'))
    // Open is a schema that admits anything: typing the other properties narrows, untyping widens.
    nest(out, '*', compareSchemas(env, additionalSchema(b, ba), additionalSchema(h, ha), direction));
}

/**
 * Where the other side holds a property present on one side only: the outermost schema object it
 * merges that holds the property's place (`aligned`: that part and the property are in aligned
 * files), else its whole schema. A property removed from `Pet`, which `Cat` merges through
 * `allOf`, is then one change at `Pet` whether `Pet` or `Cat` is compared, as a change inside any
 * schema that operations share is.
 */
function sharedPart(other: SchemaView, property: Place, aligned: (part: Place) => boolean): Place {
  let found: SchemaNode | undefined;
  for (const part of other.parts)
    if (
      (!found || part.pointer.length < found.pointer.length) &&
      property.pointer.startsWith(`${part.pointer}/`) &&
      aligned({ file: part.file, pointer: property.pointer })
    )
      found = part;
  return found ? { file: found.file, pointer: found.pointer } : other.place;
}

/** A flag that hides the property from one direction, set on the head side only. */
function flagAdded(
  kind: 'read-only-added' | 'write-only-added',
  name: string,
  base: Place,
  head: Place,
): SchemaDelta {
  return { kind, path: under(name), base, head, data: {} };
}

/** The schema is defined (in part) elsewhere: through a `$ref` or an `allOf` member. */
function indirect(node: SchemaNode): boolean {
  const v = node.value as { $ref?: unknown; allOf?: unknown } | null;
  return typeof v === 'object' && v !== null && (typeof v.$ref === 'string' || Array.isArray(v.allOf));
}

/** `additionalProperties` as a schema: open is `{}` (any value), where the keyword would be written. */
function additionalSchema(view: SchemaView, additional: 'open' | SchemaNode): SchemaNode {
  return additional === 'open'
    ? { file: view.place.file, pointer: appendPointer(view.place.pointer, 'additionalProperties'), value: {} }
    : additional;
}

/**
 * Which keyword closes (closed) or closed (opened) the object, as the message names it: the view
 * records the place of `unevaluatedProperties: false` under `additionalProperties`.
 */
function closer(place: Place): { keyword: string } {
  return {
    keyword: place.pointer.endsWith('/unevaluatedProperties')
      ? 'unevaluatedProperties'
      : 'additionalProperties',
  };
}

/**
 * A property removed from an object that now admits no others: a request still sending it is
 * invalid, which says more than whether it was required (a reader is not concerned by closedness).
 */
function removalKind(
  scope: RefScope,
  { b, h, name }: { b: SchemaView; h: SchemaView; name: string },
  direction: SchemaDirection,
): SchemaDeltaKind {
  if (direction === 'request' && h.additional === 'closed') return 'closed-property-removed';
  // Marked deprecated (beside it or where its schema is defined): its removal was announced.
  const removed = b.properties.get(name);
  if (removed && deprecatedProperty(scope, removed.node)) return 'deprecated-property-removed';
  return b.required.has(name) ? 'required-property-removed' : 'property-removed';
}

/**
 * Where a property is required: at the property, unless another schema object (an `allOf` member,
 * a `$ref` sibling) lists it as required — then that list is what was edited, and the property
 * may be shared by other schemas that did not change.
 */
function requiredPlace(view: SchemaView, p: { node: SchemaNode }, name: string): Place {
  const list = view.required.get(name);
  const at = { file: p.node.file, pointer: p.node.pointer };
  if (!list) return at;
  const owner = list.pointer.slice(0, list.pointer.length - '/required'.length);
  const sameObject = list.file === at.file && appendPointer(owner, 'properties', name) === at.pointer;
  return sameObject ? at : list;
}

/**
 * The schema of a key `required` names but `properties` does not declare, on an object that admits
 * it: what `additionalProperties` says, or any value — placed at the `required` list that names it.
 */
function undeclaredKey(view: SchemaView, name: string): SchemaNode {
  if (typeof view.additional === 'object') return view.additional;
  const list = view.required.get(name) ?? view.place;
  return { file: list.file, pointer: list.pointer, value: {} };
}

/**
 * `required` may name a key that a side does not declare under `properties` (a map, a key matched
 * by `patternProperties`, a key typed in another `allOf` member or not typed at all, a declaration
 * dropped while the key became required): the key must still be present, so requiring it or no
 * longer requiring it is the same delta as for a declared property. A property declared on both
 * sides is judged in `compareObject`, and so is one declared on the side that requires it only
 * (added required, removed required).
 */
function compareUndeclaredRequired(b: SchemaView, h: SchemaView, out: SchemaDelta[]): void {
  // The list that names the key on the side that requires it; the other side's first list.
  const at = (v: SchemaView, name: string) => v.required.get(name) ?? v.origin.get('required') ?? v.place;
  for (const name of h.required.keys())
    if (!b.required.has(name) && !h.properties.has(name))
      out.push({
        kind: 'property-became-required',
        path: under(name),
        base: at(b, name),
        head: at(h, name),
        data: {},
      });
  for (const name of b.required.keys())
    if (!h.required.has(name) && !b.properties.has(name))
      out.push({
        kind: 'property-became-optional',
        path: under(name),
        base: at(b, name),
        head: at(h, name),
        data: {},
      });
}
