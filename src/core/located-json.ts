import { writesDuplicateKeys } from './json-keys.js';
import { mayDeclareIds } from './schema-ids.js';
import { jsonLocator } from './json-scanning-locator.js';
import type { LocatedDocument } from './located-document.js';
import { MAX_NESTING } from './text-checks.js';

/**
 * The fast path of `parseLocated` for JSON text. The yaml library builds a node per value, which
 * takes seconds and hundreds of megabytes on a 12 MB OpenAPI description; `JSON.parse` takes ~0.1 s.
 * Positions are needed only for the few pointers that end up in a finding, so they are found on
 * demand (`jsonLocator`, which reads the text's tokens: no layout can mislead it), and each
 * container walked through is remembered (a second lookup in the same object costs a map lookup).
 */

export { jsonLocator, type JsonLocator } from './json-scanning-locator.js';

/**
 * JSON from this size on takes the fast path. The yaml library costs 1–2 ms per KB of JSON (a
 * 220 KB contract: 200–500 ms, against 3–13 ms here), and since the fast path rejects duplicate
 * keys too (`writesDuplicateKeys`) it no longer had a stricter check to offer: only tiny texts,
 * where both cost nothing, still go through yaml.
 */
export const FAST_JSON_MIN_CHARS = 1024;

/** A large JSON text parsed, with what the one walk over its value found. */
export interface LargeJson {
  document: LocatedDocument;
  /** Whether a `$ref` names another file (its value does not start with `#`). */
  refersToOtherFiles: boolean;
  /** Whether an object declares `$id`: refs inside it may resolve against it (core/schema-ids.ts). */
  declaresIds: boolean;
}

/**
 * Large JSON (no aliases, so no alias limit to enforce) parsed by `JSON.parse` and located on demand;
 * undefined for anything else — smaller files, YAML, text that JSON.parse rejects, or that writes a
 * key twice in one object — which the yaml library parses instead: it explains a syntax error with
 * its position, and it rejects duplicate keys (JSON.parse silently keeps the last one, so a reviewer
 * could read one value while the tools use another), whatever the file's size.
 */
export function parseLargeJson(file: string, text: string): LargeJson | undefined {
  if (text.length < FAST_JSON_MIN_CHARS || !looksLikeJson(text)) return undefined;
  const fast = parseJsonFast(text);
  if (!fast) return undefined;
  // V8's JSON.parse takes any depth without recursing; what walks the value afterwards does not:
  // yaml says where it is too deep.
  const shape = jsonShape(fast.value, MAX_NESTING);
  if (shape.tooDeep) return undefined;
  // A key written twice: JSON.parse kept the last; the yaml parser says where (json-keys.ts).
  if (writesDuplicateKeys(text, shape.keys)) return undefined;
  const locator = jsonLocator(text);
  return {
    document: {
      file,
      value: fast.value,
      rangeOf: (pointer) => locator.rangeOf(pointer),
      lineOf: (pointer) => locator.lineOf(pointer),
      treeShaped: true,
    },
    refersToOtherFiles: shape.refersToOtherFiles,
    declaresIds: shape.declaresIds,
  };
}

/** The value of a JSON text, or undefined when `JSON.parse` rejects it (the caller then explains why). */
export function parseJsonFast(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** What one walk over a parsed value tells. */
export interface JsonShape {
  /** A container sits more than the limit deep (the root is at depth 1), as its opening bracket would. */
  tooDeep: boolean;
  /** An object holds a `$ref` string that does not start with `#` (a reference to another file). */
  refersToOtherFiles: boolean;
  /** An object holds a `$id` string. */
  declaresIds: boolean;
  /** How many keys the objects hold, all together. */
  keys: number;
}

/**
 * Nesting and references to other files, found in one walk over the parsed value (a walk costs
 * about a tenth of the `JSON.parse` before it; a scan of the text for `$ref` cost as much again).
 * It recurses, but never deeper than `limit` containers: call it with a limit the stack holds
 * (MAX_NESTING), whatever the depth of the value — a recursive walk is a third faster than one
 * keeping its own stack. `for…in` is V8's fastest way through a parsed object here (GitHub's REST
 * description, both sides of a diff, cold: ~23 ms; `Object.values` with a separate `$ref` lookup
 * ~37 ms, `Object.keys` ~38 ms), about what visiting every node costs anyway.
 */
export function jsonShape(value: unknown, limit: number): JsonShape {
  const shape: JsonShape = { tooDeep: false, refersToOtherFiles: false, declaresIds: false, keys: 0 };
  if (value !== null && typeof value === 'object') walkShape(value, 1, limit, shape);
  return shape;
}

function walkShape(container: object, depth: number, limit: number, shape: JsonShape): void {
  if (depth > limit) {
    shape.tooDeep = true;
    return;
  }
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length && !shape.tooDeep; i++) {
      const item: unknown = container[i];
      if (item !== null && typeof item === 'object') walkShape(item, depth + 1, limit, shape);
    }
    return;
  }
  for (const key in container) {
    shape.keys++;
    const child = (container as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') {
      walkShape(child, depth + 1, limit, shape);
      if (shape.tooDeep) return;
    } else if (key === '$ref' && typeof child === 'string' && !child.startsWith('#'))
      shape.refersToOtherFiles = true;
    else if (key === '$id' && typeof child === 'string') shape.declaresIds = true;
    // A draft-03/04 schema declares its base URI with `id` (core/schema-ids.ts).
    // So does a schema of a document or payload that defaults to those drafts (`jsonSchemaDialect`,
    // an AsyncAPI `schemaFormat`).
    else if (ID_DIALECT_KEYS.has(key) && typeof child === 'string' && mayDeclareIds(child))
      shape.declaresIds = true;
  }
}

const ID_DIALECT_KEYS = new Set(['$schema', 'jsonSchemaDialect', 'schemaFormat']);

/** True when the text looks like JSON (its first significant character opens an object or array). */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b || c === 0x5b; // { [
  }
  return false;
}
