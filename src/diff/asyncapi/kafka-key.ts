import { isRecord } from '../json.js';
import type { Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';

/** Most schema nodes one key is read through: a key reached through a huge `$ref` graph stops here. */
const MAX_NODES = 5_000;

/**
 * The Kafka message key a binding declares (`key`), as text that says what the key is: `$ref`s
 * followed, so a key written in place or as a component is one key, and object keys sorted, since
 * their order says nothing. Descriptions stay: a key whose values stay strings but now carry another
 * entity's id (`order id` → `customer id`) is the change the check exists for. Undefined when the
 * binding declares no key.
 */
export function kafkaKeyText(scope: RefScope, binding: Located<unknown> | undefined): string | undefined {
  if (!binding || !isRecord(binding.value) || !('key' in binding.value)) return undefined;
  const budget = { left: MAX_NODES };
  const key = followed(
    scope,
    binding.file,
    appendPointer(binding.pointer, 'key'),
    binding.value.key,
    [],
    budget,
  );
  return JSON.stringify(key);
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
    // The AsyncAPI schema (draft-07) ignores a `$ref`'s siblings: the target is the key. A recursive
    // or unresolvable reference stays as written.
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
