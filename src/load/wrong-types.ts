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
  const paths = [...new Set(leftOut.map((v) => v.pointer))].map(parsePointer).sort(comparePathsDescending);
  let out: unknown = value;
  for (const path of paths) out = removeAt(out, path);
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

/** A copy of `node` without the value at `path`, copying only the containers on the way. */
function removeAt(node: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return node;
  if (Array.isArray(node)) {
    const index = Number(head);
    const copy = [...node];
    if (rest.length === 0) copy.splice(index, 1);
    else copy[index] = removeAt(node[index], rest);
    return copy;
  }
  if (isRecord(node)) {
    const copy: Record<string, unknown> = { ...node };
    if (rest.length === 0) delete copy[head];
    else copy[head] = removeAt(node[head], rest);
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
