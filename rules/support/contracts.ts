/** What rules need to know about a flow's contract: its schemas, its messages (its operation: the model's index). */
import type { LocatedDocument } from '../../src/core/located-document.js';
import { getAtPointer, toPointer } from '../../src/core/pointer.js';
import { resolveRef } from '../../src/core/refs.js';
import type { ContractDocument, Flow, ModelIndex } from '../../src/model/types.js';
import type { Json, Located } from './schema-walk.js';
import { isJson } from './schema-walk.js';

/**
 * Where the data a flow carries is described: its operation, else its channel, else (when the flow
 * names neither) the whole contract.
 */
export function flowScope(index: ModelIndex, flow: Flow): Located | undefined {
  const target = index.contractTarget(flow);
  if (!target) return undefined;
  const { document, operation, channel } = target;
  const pointer = operation?.pointer ?? channel?.pointer ?? '';
  return { file: document.file, pointer, value: getAtPointer(document.root, pointer) };
}

export interface AsyncMessage {
  /** The message's key in its map, or its `name`. */
  name: string;
  file: string;
  pointer: string;
  message: Json;
}

/**
 * Every message of an AsyncAPI document (2.x and 3.x), once each: the ones channels carry and the
 * ones under `components.messages`, `$ref`s resolved.
 */
export function asyncMessages(
  document: ContractDocument,
  documents: ReadonlyMap<string, LocatedDocument>,
): AsyncMessage[] {
  if (document.kind !== 'asyncapi') return [];
  const root = isJson(document.root) ? document.root : {};
  const found = new Map<string, AsyncMessage>();
  const add = (name: string, value: unknown, pointer: string) => {
    const located = deref(documents, document.file, value, pointer);
    if (!located || !isJson(located.value)) return;
    const key = `${located.file}#${located.pointer}`;
    if (found.has(key)) return;
    const message = located.value;
    found.set(key, {
      name: typeof message.name === 'string' ? message.name : name,
      file: located.file,
      pointer: located.pointer,
      message,
    });
  };
  const v2 = document.specVersion.startsWith('2.');
  for (const [channelName, rawChannel] of entries(root.channels)) {
    const channelPointer = toPointer(['channels', channelName]);
    const channel = deref(documents, document.file, rawChannel, channelPointer);
    if (!channel || !isJson(channel.value)) continue;
    if (!v2) {
      for (const [name, message] of entries(channel.value.messages))
        add(name, message, `${channel.pointer}/messages/${escape(name)}`);
      continue;
    }
    for (const action of ['publish', 'subscribe']) {
      const op = channel.value[action];
      if (!isJson(op)) continue;
      const base = `${channel.pointer}/${action}/message`;
      const message = op.message;
      if (isJson(message) && Array.isArray(message.oneOf)) {
        message.oneOf.forEach((m, i) => add(refName(m) ?? `${channelName}#${i}`, m, `${base}/oneOf/${i}`));
      } else if (message !== undefined) {
        add(refName(message) ?? channelName, message, base);
      }
    }
  }
  const components = isJson(root.components) ? root.components : {};
  for (const [name, message] of entries(components.messages))
    add(name, message, toPointer(['components', 'messages', name]));
  return [...found.values()];
}

/** A message's payload schema, unwrapping AsyncAPI 3's multi-format `{ schemaFormat, schema }`. */
export function payloadOf(
  message: AsyncMessage,
  documents: ReadonlyMap<string, LocatedDocument>,
): Located | undefined {
  const raw = message.message.payload;
  if (raw === undefined) return undefined;
  let located = deref(documents, message.file, raw, `${message.pointer}/payload`);
  if (located && isJson(located.value) && typeof located.value.schemaFormat === 'string') {
    located = deref(documents, located.file, located.value.schema, `${located.pointer}/schema`);
  }
  return located;
}

/** Follows `$ref`s (a bounded number of hops) to the value they name. */
export function deref(
  documents: ReadonlyMap<string, LocatedDocument>,
  file: string,
  value: unknown,
  pointer: string,
): Located | undefined {
  let current: Located = { file, pointer, value };
  for (let hops = 0; hops < 16; hops++) {
    if (!isJson(current.value) || typeof current.value.$ref !== 'string') return current;
    const resolved = resolveRef(documents, current.file, current.value.$ref);
    if (resolved.kind !== 'ok') return undefined;
    current = { file: resolved.target.file, pointer: resolved.target.pointer, value: resolved.value };
  }
  return undefined;
}

function entries(value: unknown): [string, unknown][] {
  return isJson(value) ? Object.entries(value) : [];
}

function refName(value: unknown): string | undefined {
  return isJson(value) && typeof value.$ref === 'string'
    ? value.$ref.slice(value.$ref.lastIndexOf('/') + 1)
    : undefined;
}

function escape(segment: string): string {
  return toPointer([segment]).slice(1);
}
