import { isRecord } from '../json.js';
import type { Deref, Located, SecurityRequirements } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';

/**
 * AsyncAPI 3 security is a list of schemes (refs or inline), each listing the `scopes` a use of it
 * needs; 2.x a list of {name: scopes}. Both read as requirements: alternatives of {scheme: scopes}.
 * `key` is where under `owner` the list is written ('' when `owner` is the list itself).
 */
export function securityAt(
  owner: Place,
  value: unknown,
  deref: Deref,
  key = 'security',
): Located<SecurityRequirements> | undefined {
  if (!Array.isArray(value)) return undefined;
  const pointer = key ? appendPointer(owner.pointer, key) : owner.pointer;
  const requirements: SecurityRequirements = value.flatMap((r, i) => {
    if (!isRecord(r)) return [];
    if (typeof r.$ref === 'string') {
      const scheme = deref({ file: owner.file, pointer: appendPointer(pointer, i), value: r }).value;
      return [new Map([[r.$ref.slice(r.$ref.lastIndexOf('/') + 1), scopesOf(scheme)]])];
    }
    if (typeof r.type === 'string') return [new Map([[String(r.name ?? r.type), scopesOf(r)]])];
    return [
      new Map(Object.entries(r).map(([k, scopes]) => [k, Array.isArray(scopes) ? scopes.map(String) : []])),
    ];
  });
  return { file: owner.file, pointer, value: requirements };
}

/** The scopes a 3.0 scheme entry asks for (none stated: none). */
function scopesOf(scheme: unknown): string[] {
  return isRecord(scheme) && Array.isArray(scheme.scopes) ? scheme.scopes.map(String) : [];
}
