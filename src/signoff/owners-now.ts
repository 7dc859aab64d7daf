/**
 * The owners the merge base names, joined by those the base branch's tip names now. The merge base is
 * the head's choice (current-owners.ts), so an owner the tip names is asked too; the merge base's
 * stay, the stricter of the two. Which side names an owner (`namedBy`) only words the check's advice:
 * who is asked is the same either way.
 */
import type { OwnerReading, OwnerRef } from './types.js';
import { normalizeLogin } from './types.js';

/**
 * The merge base's owners, and each owner the tip names that they do not: said to be the current one
 * (an owner the tip does not name, `undefined`, adds nobody — the merge base's word stands for it).
 * A merge base's owner the tip no longer names says whom the tip names for the same thing instead, if
 * anyone. `current` undefined: the tip's word is unknown (it does not hold the blueprint).
 */
export function withOwnersNow(
  known: readonly OwnerRef[] | undefined,
  current: readonly OwnerRef[] | undefined,
): OwnerRef[] {
  if (current === undefined) return [...(known ?? [])];
  const out = (known ?? []).map((ref) => {
    const namedBy = notNamedAtTip(ref, current);
    return namedBy ? { ...ref, namedBy } : ref;
  });
  for (const ref of ownersNotIn(current, known ?? []))
    out.push({
      role: `${ref.role}, as the base branch names it now`,
      owner: ref.owner,
      ...(ref.subject === undefined ? {} : { subject: ref.subject }),
      namedBy: { kind: 'tip' },
    });
  return out;
}

/**
 * How the tip differs for `ref`, an owner the merge base names: undefined where the tip names it too,
 * names no owner here at all, or names no owner for the same thing (the merge base's word stands:
 * nobody replaced it). Otherwise the owners the tip names for the same thing instead (none: the tip
 * dropped it, a consumer that consumes no longer) — never those it names for something else, such as a
 * consumer it added.
 */
function notNamedAtTip(ref: OwnerRef, current: readonly OwnerRef[]): OwnerReading | undefined {
  if (ref.owner === undefined || ownersNotIn([ref], current).length === 0) return undefined;
  if (!current.some((c) => c.owner !== undefined)) return undefined;
  // Without what it owns, whether the tip replaced it or dropped it is unknown: nothing is said.
  if (ref.subject === undefined) return undefined;
  const same = current.filter((c) => c.subject === ref.subject);
  if (same.some((c) => c.owner === undefined)) return undefined;
  return { kind: 'merge-base', replacedBy: [...new Set(same.map((c) => c.owner!))] };
}

/**
 * The refs of `refs` naming an owner `others` do not name, each owner once, keyed as the gate compares
 * them (`@acme/orders` and `acme/Orders` are one team).
 */
function ownersNotIn(refs: readonly OwnerRef[], others: readonly OwnerRef[]): OwnerRef[] {
  const seen = new Set(others.flatMap((ref) => (ref.owner === undefined ? [] : [normalizeLogin(ref.owner)])));
  return refs.filter((ref) => {
    if (ref.owner === undefined || seen.has(normalizeLogin(ref.owner))) return false;
    seen.add(normalizeLogin(ref.owner));
    return true;
  });
}
