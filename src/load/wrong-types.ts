/**
 * Values the schema rejected for being of the wrong kind (`owner: 12345`, `id: [orders]`,
 * `pattern: {…}`) are left out of what the model is built from: the schema finding says what is
 * wrong, and no rule, renderer or document meets a number or an object where its types say string.
 * The parsed document itself is not changed (findings and source maps still read it); the pruned
 * copy shares every untouched subtree with it.
 */
import { parsePointer } from '../core/pointer.js';
import type { SchemaViolation } from './schema-validation.js';
import { jsonType } from './schema-validation.js';

export function withoutWrongTypes<T>(
  value: T,
  violations: readonly SchemaViolation[],
): { value: T; leftOut: SchemaViolation[] } {
  const leftOut = violations.filter((v) => {
    if (v.expectedTypes === undefined || v.pointer === '') return false;
    const found = valueAt(value, parsePointer(v.pointer));
    return found.exists && !v.expectedTypes.includes(jsonType(found.value));
  });
  // Each value once (several violations can name one), deepest and, within one list, highest index
  // first: a removal never shifts another's path.
  const pointers = [...new Set(leftOut.map((v) => v.pointer))];
  // A list of mappings (systems, flows, policies) is read by position: the model names its elements
  // `/systems/3`, so an entry left out leaves a hole there and the ones after it keep their index —
  // and with it the lines their findings point at.
  const byPosition = new Set(
    leftOut.filter((v) => v.expectedTypes?.includes('object')).map((v) => v.pointer),
  );
  const removals = pointers
    .map((pointer) => ({ path: parsePointer(pointer), keepPosition: byPosition.has(pointer) }))
    .sort((a, b) => comparePathsDescending(a.path, b.path));
  let out: unknown = value;
  for (const { path, keepPosition } of removals) out = removeAt(out, path, keepPosition);
  return { value: out as T, leftOut };
}

function valueAt(root: unknown, path: readonly string[]): { exists: boolean; value?: unknown } {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length)
      node = node[Number(segment)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
    else return { exists: false };
  }
  return { exists: true, value: node };
}

/**
 * A copy of `node` without the value at `path`, copying only the containers on the way; a list item
 * is cut out, or with `keepPosition` leaves a hole (a sparse array: `flatMap`, `forEach` skip it).
 */
function removeAt(node: unknown, path: readonly string[], keepPosition: boolean): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return node;
  if (Array.isArray(node)) {
    const index = Number(head);
    const copy = [...node];
    if (rest.length > 0) copy[index] = removeAt(node[index], rest, keepPosition);
    else if (keepPosition) delete copy[index];
    else copy.splice(index, 1);
    return copy;
  }
  if (isRecord(node)) {
    const copy: Record<string, unknown> = { ...node };
    if (rest.length === 0) delete copy[head];
    else copy[head] = removeAt(node[head], rest, keepPosition);
    return copy;
  }
  return node;
}

function comparePathsDescending(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const [x, y] = [Number(a[i]), Number(b[i])];
    if (/^\d+$/.test(a[i]!) && /^\d+$/.test(b[i]!)) return y - x;
    return a[i]! < b[i]! ? 1 : -1;
  }
  return b.length - a.length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
