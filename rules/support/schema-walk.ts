/**
 * Walks the schemas of a contract, following `$ref`s through the documents already loaded from the
 * snapshot (never reading anything). Field paths count property names only (`customer.email`), so
 * one walker serves OpenAPI operations, AsyncAPI channels and whole documents alike.
 */
import type { LocatedDocument } from '../../src/core/located-document.js';
import { encodeSegment } from '../../src/core/pointer.js';
import { resolveRef } from '../../src/core/refs.js';

export type Json = Record<string, unknown>;

export interface Located {
  file: string;
  pointer: string;
  value: unknown;
}

export interface SchemaNode {
  node: Json;
  file: string;
  pointer: string;
  /** Property names from the start of the walk down to this node (parameter names count too). */
  field: string[];
}

export interface WalkOptions {
  /**
   * `once`: every node is visited once, however many `$ref`s reach it (checks of the schema itself).
   * `paths`: a node is visited once per field path that reaches it (checks of what a flow carries);
   * recursion is cut where a `$ref` would re-enter itself.
   */
  mode: 'once' | 'paths';
  /** Upper bound on nodes visited, so a hostile contract cannot make a rule run forever. */
  maxNodes?: number;
}

/** Values that are data, not schema: never descended into. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);
const MAX_NODES = 50_000;

export function walkSchemas(
  documents: ReadonlyMap<string, LocatedDocument>,
  start: Located,
  visit: (node: SchemaNode) => void,
  options: WalkOptions,
): void {
  const seen = new Set<string>();
  let budget = options.maxNodes ?? MAX_NODES;
  const walk = (value: unknown, file: string, pointer: string, field: string[], stack: Set<string>) => {
    if (budget-- <= 0 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, file, `${pointer}/${i}`, field, stack));
      return;
    }
    const node = value as Json;
    if (options.mode === 'once') {
      const key = `${file}#${pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    const here = isParameter(node) ? [...field, node.name as string] : field;
    if (typeof node.$ref === 'string') {
      const resolved = resolveRef(documents, file, node.$ref);
      if (resolved.kind === 'ok') {
        const { file: targetFile, pointer: targetPointer } = resolved.target;
        const key = `${targetFile}#${targetPointer}`;
        if (!stack.has(key)) walk(resolved.value, targetFile, targetPointer, here, new Set(stack).add(key));
      }
    }
    visit({ node, file, pointer, field: here });
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' || DATA_KEYS.has(key) || key.startsWith('x-')) continue;
      const childPointer = `${pointer}/${encodeSegment(key)}`;
      if (key === 'properties' && isJson(child)) {
        for (const [name, property] of Object.entries(child))
          walk(property, file, `${childPointer}/${encodeSegment(name)}`, [...here, name], stack);
      } else {
        walk(child, file, childPointer, here, stack);
      }
    }
  };
  walk(start.value, start.file, start.pointer, [], new Set([`${start.file}#${start.pointer}`]));
}

/** A JSON Schema object (as opposed to a map of responses, media types or messages). */
export function isObjectSchema(node: Json): boolean {
  return node.type === 'object' || (node.type === undefined && isJson(node.properties));
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An OpenAPI parameter: its schema describes the field the parameter names. */
function isParameter(node: Json): boolean {
  return typeof node.name === 'string' && typeof node.in === 'string';
}
