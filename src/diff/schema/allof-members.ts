/**
 * `allOf` membership: a member added or removed is one constraint more or less, beyond what the
 * merged views (every member's keywords in one view) compare keyword by keyword.
 */
import { code } from '../../core/inert-text.js';
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { placeKey } from '../cause-keys.js';
import { sideView } from './compare.js';
import { compatible } from './coverage.js';
import type { SchemaNode, SchemaView } from './view.js';
import { resolveSchema } from './view.js';
import { AT_ROOT } from './field-path.js';

/**
 * `allOf` members added or removed (see diffMembers for how they pair). An added member is one
 * more constraint: it narrows unless the schema already implied it, a removed one widens unless the
 * schema still implies it. A member whose effect a property-level change already reports (a new
 * required property it brings) is not reported twice; annotation-only members change nothing.
 */
export function compareAllOfMembers(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  if (b.allOf.length === 0 && h.allOf.length === 0) return;
  const { added, removed } = diffMembers(env, b, h);
  // A member's effect already reported where it lands: under the member or any schema it reaches
  // through its references (a bound behind `$ref: ShortName` in the member is reported there).
  const explained = (sideOf: 'base' | 'head', member: SchemaNode) => {
    const reached = reachedSchemas(sideOf === 'head' ? env.head : env.base, member);
    return out.some((d) => {
      const p = sideOf === 'head' ? d.head : d.base;
      return p !== undefined && env.breaks(d.kind, direction) && reached.some((r) => within(p, r));
    });
  };
  const at = (v: SchemaView) =>
    v.origin.get('allOf') ?? { file: v.place.file, pointer: appendPointer(v.place.pointer, 'allOf') };
  if (direction === 'request')
    for (const member of added) {
      if (annotationOnly(env.head, member)) continue;
      if (explained('head', member)) continue;
      if (
        compatible(env, b, memberView(env, 'head', member, h), 'request', { mode: 'validate', strict: true })
      )
        continue;
      out.push({
        kind: 'constraint-narrowed',
        path: AT_ROOT,
        base: at(b),
        head: member,
        data: { keyword: 'allOf', detail: `values must now also match ${memberLabel(member)}` },
      });
    }
  else
    for (const member of removed) {
      if (annotationOnly(env.base, member)) continue;
      if (explained('base', member)) continue;
      if (compatible(env, memberView(env, 'base', member, b), h, 'response', { mode: 'validate' })) continue;
      out.push({
        kind: 'constraint-widened',
        path: AT_ROOT,
        base: member,
        head: at(h),
        data: { keyword: 'allOf', detail: `values no longer have to match ${memberLabel(member)}` },
      });
    }
}

/**
 * An `allOf` member as it constrains the schema that lists it: null as that schema allows it. A
 * 3.0 `nullable: true` beside `allOf: [X]` admits null whatever X says (how 3.0 documents spell a
 * nullable reference), as `anyOf: [X, {type: 'null'}]` does in 3.1; nullability itself is
 * compared on the schema, not again through its members.
 */
function memberView(
  env: SchemaEnv,
  side: 'base' | 'head',
  member: SchemaNode,
  owner: SchemaView,
): SchemaView {
  const view = sideView(env, side, member);
  return view.nullable === owner.nullable ? view : { ...view, nullable: owner.nullable };
}

/**
 * The members one side has and the other lacks. Members pair before any is called added or
 * removed, since what a paired member admits is in both merged views and compared there, its
 * changes (however deep behind its references) reported once, where they are:
 * - by the schema they refer to, which on the other side may be the schema itself: `$ref: X`
 *   rewritten as `allOf: [$ref: X, {description}]` (how generators attach a description to a
 *   reference) keeps X, it adds no constraint;
 * - the references left over that constrain, in order: `allOf: [$ref: List]` become
 *   `allOf: [$ref: ItemList]` is one member renamed, whatever each holds;
 * - inline members by position.
 */
function diffMembers(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
): { added: SchemaNode[]; removed: SchemaNode[] } {
  // Places keyed as the head names them: the sides' files pair by the structural diff's alignment.
  const baseKey = (p: Place) => placeKey({ file: env.structural.headFileOf(p.file), pointer: p.pointer });
  const baseTarget = (n: SchemaNode) => baseKey(resolveSchema(env.base, n).node);
  const headTarget = (n: SchemaNode) => placeKey(resolveSchema(env.head, n).node);
  const bRefs = b.allOf.filter(isRef);
  const hRefs = h.allOf.filter(isRef);
  const bTargets = new Set([baseKey(b.place), ...bRefs.map(baseTarget)]);
  const hTargets = new Set([placeKey(h.place), ...hRefs.map(headTarget)]);
  const addedRefs = hRefs.filter((n) => !bTargets.has(headTarget(n)) && !annotationOnly(env.head, n));
  const removedRefs = bRefs.filter((n) => !hTargets.has(baseTarget(n)) && !annotationOnly(env.base, n));
  const renamed = Math.min(addedRefs.length, removedRefs.length);
  const bInline = b.allOf.filter((n) => !isRef(n));
  const hInline = h.allOf.filter((n) => !isRef(n));
  return {
    added: [...addedRefs.slice(renamed), ...hInline.slice(bInline.length)],
    removed: [...removedRefs.slice(renamed), ...bInline.slice(hInline.length)],
  };
}

/** Reading more than this many nodes of one member gives up: the member is then judged by itself. */
const MAX_REACHED_NODES = 5000;

/** The member's own place and every schema its subtree reaches through `$ref`s, transitively. */
function reachedSchemas(scope: RefScope, member: SchemaNode): Place[] {
  const reached: Place[] = [member];
  const seen = new Set<string>();
  const stack: SchemaNode[] = [member];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_REACHED_NODES) {
    const node = stack.pop()!;
    const value = node.value;
    if (typeof value !== 'object' || value === null) continue;
    const ref = (value as Record<string, unknown>).$ref;
    if (typeof ref === 'string') {
      const target = scope.resolve(node.file, ref, node.pointer);
      if (target && !seen.has(placeKey(target))) {
        seen.add(placeKey(target));
        reached.push(target);
        stack.push(target);
      }
    }
    for (const [key, child] of Object.entries(value))
      if (key !== '$ref')
        stack.push({ file: node.file, pointer: appendPointer(node.pointer, key), value: child });
  }
  return reached;
}

function within(p: Place, root: Place): boolean {
  return p.file === root.file && (p.pointer === root.pointer || p.pointer.startsWith(`${root.pointer}/`));
}

function isRef(n: SchemaNode): boolean {
  const v = n.value as Record<string, unknown> | null;
  return v !== null && typeof v === 'object' && typeof v.$ref === 'string';
}

const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'deprecated',
  'externalDocs',
  'xml',
  '$comment',
  'default',
  'readOnly',
  'writeOnly',
]);

function annotationOnly(scope: RefScope, member: SchemaNode): boolean {
  const value = resolveSchema(scope, member).node.value;
  if (value === true) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
}

function memberLabel(member: SchemaNode): string {
  const v = member.value as Record<string, unknown> | null;
  if (v && typeof v.$ref === 'string')
    return code(decodeURIComponent(v.$ref.slice(v.$ref.lastIndexOf('/') + 1)));
  return 'a new inline member';
}
