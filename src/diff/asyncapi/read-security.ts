import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import type { Located, SecurityRequirements } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import type { AsyncReading } from './reading.js';

/**
 * AsyncAPI 3 security is a list of schemes (refs or inline), each listing the `scopes` a use of it
 * needs; 2.x a list of {name: scopes}. Both read as requirements: alternatives of {scheme: scopes}.
 * `key` is where under `owner` the list is written ('' when `owner` is the list itself).
 */
export function securityAt(
  owner: Place,
  value: unknown,
  { deref, schemeComponentOf }: Pick<AsyncReading, 'deref' | 'schemeComponentOf'>,
  key = 'security',
): SecurityUse | undefined {
  if (!Array.isArray(value)) return undefined;
  const pointer = key ? appendPointer(owner.pointer, key) : owner.pointer;
  const schemes = new Map<string, Located<Json>>();
  const requirements: SecurityRequirements = value.flatMap((r, i) => {
    if (!isRecord(r)) return [];
    const at = { file: owner.file, pointer: appendPointer(pointer, i), value: r };
    const scheme = typeof r.$ref === 'string' ? deref(at) : at;
    if (!isRecord(scheme.value) || (typeof r.$ref !== 'string' && typeof r.type !== 'string'))
      return [
        new Map(Object.entries(r).map(([k, scopes]) => [k, Array.isArray(scopes) ? scopes.map(String) : []])),
      ];
    // A scheme written in place is named by the component it copies, else by its own name or type.
    const name =
      typeof r.$ref === 'string'
        ? r.$ref.slice(r.$ref.lastIndexOf('/') + 1)
        : (schemeComponentOf(at) ?? String(r.name ?? r.type));
    if (!schemes.has(name)) schemes.set(name, { ...scheme, value: scheme.value });
    return [new Map([[name, scopesOf(scheme.value)]])];
  });
  return { file: owner.file, pointer, value: requirements, schemes };
}

/**
 * Requirements as read, with the 3.0 schemes they name by what each entry resolves to: a scheme
 * written in another file or inline is defined there, not under `components.securitySchemes`.
 */
export interface SecurityUse extends Located<SecurityRequirements> {
  schemes?: ReadonlyMap<string, Located<Json>>;
}

/**
 * `components.securitySchemes` and every scheme the requirements of `users` (servers, operations)
 * name that is defined elsewhere (3.0: a `$ref` into another file, or written inline), by the name
 * the requirements give it: a change to such a scheme is compared as one to a component's is.
 */
export function withSchemesInUse(
  components: Map<string, Located<Json>>,
  users: Iterable<{ security?: SecurityUse }>,
): Map<string, Located<Json>> {
  for (const user of users)
    for (const [name, scheme] of user.security?.schemes ?? [])
      if (!components.has(name)) components.set(name, scheme);
  return components;
}

/** The scopes a 3.0 scheme entry asks for (none stated: none). */
function scopesOf(scheme: unknown): string[] {
  return isRecord(scheme) && Array.isArray(scheme.scopes) ? scheme.scopes.map(String) : [];
}
