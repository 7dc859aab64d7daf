/**
 * What every part of reading an AsyncAPI document needs: its root file, how to follow `$ref`s, which
 * version's words apply, and the few conventions all parts share.
 */
import type { Extensions } from '../extensions.js';
import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import type { Deref, Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';

export interface AsyncReading {
  /** The document's root file: where the top-level maps (channels, operations, servers) are written. */
  root: string;
  deref: Deref;
  /** 2.x (operations are a channel's `publish`/`subscribe`) rather than 3.0 (top-level `operations`). */
  v2: boolean;
  extensions: Extensions;
  /** The document's `defaultContentType`: what a message that states none is sent as. */
  defaultContentType?: { value: string; place: Place };
  /**
   * 3.0: the `components.securitySchemes` entry a security scheme written in place reads exactly
   * like (see resolvedText), if any: that scheme, copied out, is the same scheme.
   */
  schemeComponentOf: (scheme: Located<unknown>) => string | undefined;
}

/** The entry `pointer` of the root document, refs followed. */
export function atRoot(reading: AsyncReading, pointer: string, value: unknown): Located<unknown> {
  return reading.deref({ file: reading.root, pointer, value });
}

/** The place of `owner[key]`. */
export function under(owner: Place, key: string): Place {
  return { file: owner.file, pointer: appendPointer(owner.pointer, key) };
}

/** `owner[key]` when it is an object (bindings), placed under its owner. */
export function located(owner: Place, key: string, value: unknown): Located<Json> | undefined {
  return isRecord(value)
    ? { file: owner.file, pointer: appendPointer(owner.pointer, key), value }
    : undefined;
}

/** The name a `$ref` ends with (`#/components/messages/order%20placed` → `order placed`). */
export function refName(ref: string): string {
  return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
}

/** The name an `{ $ref }` object points at; '' when it is not one (no channel named). */
export function refNameOf(value: unknown): string {
  return isRecord(value) && typeof value.$ref === 'string' ? refName(value.$ref) : '';
}

/** The operation's stability level, when the configured extension states one. */
export function stabilityOf(op: Json, extensions: Extensions): { stability?: string } {
  const level = extensions.stability ? op[extensions.stability] : undefined;
  return typeof level === 'string' ? { stability: level } : {};
}
