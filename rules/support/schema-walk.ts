/**
 * Walks the schemas of a contract, following `$ref`s through the documents already loaded from the
 * snapshot (never reading anything). Field paths count property names only (`customer.email`), so
 * one walker serves OpenAPI operations, AsyncAPI channels and whole documents alike.
 */
import type { LocatedDocument } from '../../src/core/located-document.js';
import type { Visitors } from '../../src/engine/rule.js';
import type { BlueprintModel, ContractEntry } from '../../src/model/types.js';
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

/** The `$ref` targets entered on the way to a node, innermost first (shared tails, no copying). */
interface RefTrail {
  key: string;
  outer?: RefTrail;
}

function onTrail(trail: RefTrail | undefined, key: string): boolean {
  for (let t = trail; t; t = t.outer) if (t.key === key) return true;
  return false;
}

interface WalkTask {
  walk: unknown;
  file: string;
  pointer: string;
  field: string[];
  trail: RefTrail | undefined;
}

type Task = WalkTask | { visit: SchemaNode };

/**
 * Depth first, in document order, with a `$ref`'s target walked before the node that holds it.
 * Iterative: a chain of `$ref`s through a thousand files is a long list of tasks, not a deep stack.
 */
export function walkSchemas(
  documents: ReadonlyMap<string, LocatedDocument>,
  start: Located,
  visit: (node: SchemaNode) => void,
  options: WalkOptions,
): void {
  const seen = new Set<string>();
  let budget = options.maxNodes ?? MAX_NODES;
  const tasks: Task[] = [
    {
      walk: start.value,
      file: start.file,
      pointer: start.pointer,
      field: [],
      trail: { key: `${start.file}#${start.pointer}` },
    },
  ];
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if ('visit' in task) {
      visit(task.visit);
      continue;
    }
    if (budget-- <= 0) return;
    const { walk: value, file, pointer, field, trail } = task;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      pushItems(tasks, value, task);
      continue;
    }
    const node = value as Json;
    if (options.mode === 'once' && !firstTime(seen, `${file}#${pointer}`)) continue;
    const at: WalkTask = {
      walk: node,
      file,
      pointer,
      field: isParameter(node) ? [...field, node.name as string] : field,
      trail,
    };
    // Pushed in reverse (the last pushed is walked first): the ref's target first, then the node
    // itself, then its children in order.
    pushChildren(tasks, node, at);
    tasks.push({ visit: { node, file, pointer, field: at.field } });
    pushRefTarget(tasks, documents, node, at);
  }
}

/** An array's items, last first (so they are walked in order), with the array's field path and trail. */
function pushItems(
  tasks: Task[],
  items: readonly unknown[],
  { file, pointer, field, trail }: WalkTask,
): void {
  for (let i = items.length - 1; i >= 0; i--)
    tasks.push({ walk: items[i], file, pointer: `${pointer}/${i}`, field, trail });
}

/** True the first time `key` is seen (and remembered), false after. */
function firstTime(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/**
 * The node's schema-bearing children, last first: a property adds its name to the field path;
 * `$ref`, data (examples, defaults, enums) and extensions are not walked.
 */
function pushChildren(tasks: Task[], node: Json, { file, pointer, field, trail }: WalkTask): void {
  const children: Task[] = [];
  for (const [key, child] of Object.entries(node)) {
    if (key === '$ref' || DATA_KEYS.has(key) || key.startsWith('x-')) continue;
    const childPointer = `${pointer}/${encodeSegment(key)}`;
    if (key === 'properties' && isJson(child)) {
      for (const [name, property] of Object.entries(child))
        children.push({
          walk: property,
          file,
          pointer: `${childPointer}/${encodeSegment(name)}`,
          field: [...field, name],
          trail,
        });
    } else {
      children.push({ walk: child, file, pointer: childPointer, field, trail });
    }
  }
  for (let i = children.length - 1; i >= 0; i--) tasks.push(children[i]!);
}

/** The target of the node's `$ref`, when it resolves and would not re-enter a ref on the way here. */
function pushRefTarget(
  tasks: Task[],
  documents: ReadonlyMap<string, LocatedDocument>,
  node: Json,
  { file, field, trail }: WalkTask,
): void {
  if (typeof node.$ref !== 'string') return;
  const resolved = resolveRef(documents, file, node.$ref);
  if (resolved.kind !== 'ok') return;
  const { file: targetFile, pointer: targetPointer } = resolved.target;
  const key = `${targetFile}#${targetPointer}`;
  if (!onTrail(trail, key))
    tasks.push({
      walk: resolved.value,
      file: targetFile,
      pointer: targetPointer,
      field,
      trail: { key, outer: trail },
    });
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

/**
 * A rule's visitors for the schemas of every contract's document: each node once, however many `$ref`s
 * reach it (checks of the schema itself, not of what a flow carries).
 */
export function eachContractSchema(
  model: Pick<BlueprintModel, 'documents'>,
  check: (schema: SchemaNode, contract: ContractEntry) => void,
): Visitors {
  return {
    contract(contract) {
      const document = contract.document;
      if (!document) return;
      walkSchemas(
        model.documents,
        { file: document.file, pointer: '', value: document.root },
        (schema) => check(schema, contract),
        { mode: 'once' },
      );
    },
  };
}
