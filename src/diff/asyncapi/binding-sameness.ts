/**
 * Whether two bindings say the same, `$ref`s inside them included: a Kafka operation binding's
 * `groupId: { $ref: '#/components/schemas/GroupId' }` is the same binding as long as `GroupId` is,
 * wherever each side's binding is written (a trait's, the operation's own). Equal text is not
 * enough (a ref's target may have changed) nor needed (a ref and the schema it leads to, written in
 * place, say the same).
 */
import type { Located } from '../openapi/model.js';
import { derefer } from '../openapi/model.js';
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { SchemaEnv } from '../schema/compare.js';

/**
 * How much of two bindings one question walks, refs followed: past it they are not known to be the
 * same (a `binding-changed` warning, never a silent pass). Bindings are a handful of fields; only a
 * hostile document (refs fanning out to schemas that fan out) reaches it.
 */
const MAX_NODES = 10_000;
const MAX_DEPTH = 200;

/**
 * Two bindings the same but for the top-level `keys` (`bindingVersion`, which names the version of
 * the binding's own specification and describes the same wire; a part another check compares).
 * An absent binding reads as an empty one.
 */
export function sameBindingApartFrom(
  env: SchemaEnv,
  b: Located<unknown>,
  h: Located<unknown>,
  keys: readonly string[] = [],
): boolean {
  const walk = new BindingWalk(env);
  const rest = (v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k))) : v;
  return walk.same({ ...b, value: rest(b.value) }, { ...h, value: rest(h.value) }, 0);
}

/** One comparison's state: the nodes it may still visit and the ref targets it has paired. */
class BindingWalk {
  private budget = MAX_NODES;
  /**
   * Ref targets paired so far, by base and head place: `true` while being compared too, so a
   * recursive schema (a ref back to itself) is the same unless something along it differs.
   */
  private readonly paired = new Map<string, boolean>();
  private readonly deref: { base: ReturnType<typeof derefer>; head: ReturnType<typeof derefer> };

  constructor(private readonly env: SchemaEnv) {
    this.deref = { base: derefer(env.base), head: derefer(env.head) };
  }

  same(b: Located<unknown>, h: Located<unknown>, depth: number): boolean {
    if (--this.budget < 0 || depth > MAX_DEPTH) return false;
    if (isRef(b.value) || isRef(h.value)) return this.sameResolved(b, h, depth);
    const [bv, hv] = [b.value, h.value];
    if (Array.isArray(bv) || Array.isArray(hv)) {
      if (!Array.isArray(bv) || !Array.isArray(hv) || bv.length !== hv.length) return false;
      return bv.every((_, i) => this.same(child(b, i), child(h, i), depth + 1));
    }
    if (isRecord(bv) && isRecord(hv)) {
      const keys = Object.keys(bv);
      if (keys.length !== Object.keys(hv).length) return false;
      return keys.every((k) => Object.hasOwn(hv, k) && this.same(child(b, k), child(h, k), depth + 1));
    }
    return bv === hv;
  }

  /**
   * A ref on either side: the same when both lead to one place that did not change (sameness
   * knows, cycles included), else when what each leads to says the same. A ref that does not
   * resolve is not known to be the same as anything. Keys beside a ref say nothing: AsyncAPI's
   * Reference Object (2.x and 3.0) "cannot be extended with additional properties and any
   * properties added SHALL be ignored", and a binding's schema (an AsyncAPI Schema, a superset of
   * draft-07, as payloads read in schema/) ignores a `$ref`'s siblings too.
   */
  private sameResolved(b: Located<unknown>, h: Located<unknown>, depth: number): boolean {
    const [bt, ht] = [this.deref.base(b), this.deref.head(h)];
    if (isRef(bt.value) || isRef(ht.value)) return false;
    const { structural } = this.env;
    if (structural.samePlace(bt, ht)) return structural.unchanged(bt.file, bt.pointer);
    const key = `${bt.file}#${bt.pointer}\u0000${ht.file}#${ht.pointer}`;
    const known = this.paired.get(key);
    if (known !== undefined) return known;
    this.paired.set(key, true);
    const answer = this.same(bt, ht, depth + 1);
    this.paired.set(key, answer);
    return answer;
  }
}

function isRef(value: unknown): value is Record<string, unknown> & { $ref: string } {
  return isRecord(value) && typeof value.$ref === 'string';
}

function child(n: Located<unknown>, key: string | number): Located<unknown> {
  const value = (n.value as Record<string, unknown>)[key as string];
  return { file: n.file, pointer: appendPointer(n.pointer, String(key)), value };
}
