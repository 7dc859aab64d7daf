import { isRecord } from './json.js';
import type { Located } from './openapi/model.js';
import { appendPointer } from './pointers.js';
import type { RefScope } from './ref-scope.js';

/** Most nodes one value is read through: a value reached through a huge `$ref` graph stops here. */
const MAX_NODES = 5_000;

/**
 * A value as text that says what it is, not how it is written: `$ref`s followed (a part written in
 * place or as a component reads alike) and object keys sorted (their order says nothing). A `$ref`
 * stands for its target alone (siblings ignored, as a Reference Object and draft-07 have it); a
 * recursive or unresolvable one stays as written.
 */
export function resolvedText(scope: RefScope, at: Located<unknown>): string {
  return JSON.stringify(followed(scope, at.file, at.pointer, at.value, [], { left: MAX_NODES })) ?? '';
}

function followed(
  scope: RefScope,
  file: string,
  pointer: string,
  value: unknown,
  refsOnTheWay: readonly string[],
  budget: { left: number },
): unknown {
  if (budget.left-- <= 0) return value;
  if (Array.isArray(value))
    return value.map((v, i) => followed(scope, file, appendPointer(pointer, i), v, refsOnTheWay, budget));
  if (!isRecord(value)) return value;
  if (typeof value.$ref === 'string') {
    const target = scope.resolve(file, value.$ref, pointer);
    const at = target && `${target.file}#${target.pointer}`;
    if (target && at && !refsOnTheWay.includes(at))
      return followed(scope, target.file, target.pointer, target.value, [...refsOnTheWay, at], budget);
    return value;
  }
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, followed(scope, file, appendPointer(pointer, k), value[k], refsOnTheWay, budget)]),
  );
}
