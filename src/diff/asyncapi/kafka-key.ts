import { isRecord } from '../json.js';
import type { Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import { resolvedText } from '../resolved-text.js';

/**
 * The Kafka message key a binding declares (`key`), as text that says what the key is (see
 * resolvedText): a key written in place or as a component is one key, and the order of its keys
 * says nothing. Descriptions stay: a key whose values stay strings but now carry another entity's
 * id (`order id` → `customer id`) is the change the check exists for. Undefined when the binding
 * declares no key.
 */
export function kafkaKeyText(scope: RefScope, binding: Located<unknown> | undefined): string | undefined {
  if (!binding || !isRecord(binding.value) || !('key' in binding.value)) return undefined;
  const { file, pointer } = binding;
  return resolvedText(scope, { file, pointer: appendPointer(pointer, 'key'), value: binding.value.key });
}
