/**
 * The media types a form part has when its `encoding` names none: OpenAPI gives each part a default
 * `contentType` by the type of the value it carries, so a part left to its default and one listing
 * that default are the same part on the wire (PeerTube's `videofile`, `format: binary`, given
 * `contentType: video/mp4, …, application/octet-stream` accepts what it did).
 *
 * 3.0.x: a `string` of `format: binary` is `application/octet-stream`, other primitives
 * `text/plain`, an object `application/json`, an array as its items. 3.1.1 (which, as a patch
 * release, says what 3.1.0 meant) tabulates the same, with a string carrying a `contentEncoding` and
 * a value of no type as `application/octet-stream`. A `format: binary` is read as binary under 3.1
 * too: documents converted from 3.0 keep it, and no tool sends such a part as text.
 */
import type { SchemaEnv } from '../schema/compare.js';
import { sideView } from '../schema/compare.js';
import type { SchemaView } from '../schema/view.js';

const OCTETS = 'application/octet-stream';
const TEXT = 'text/plain';
const JSON_TYPE = 'application/json';

/**
 * The default media types of a part whose value the view describes: one per type the value may
 * have (`type: [string, object]` may go as text or as JSON, and so may a choice of the two), in the
 * order first met.
 */
export function defaultPartTypes(env: SchemaEnv, side: 'base' | 'head', view: SchemaView): string[] {
  const out = new Set<string>();
  addDefaults(env, side, view, out, 0);
  return [...out];
}

/** Items and alternatives are followed a few levels down; deeper, a value is read as octets. */
const MAX_DEPTH = 4;

function addDefaults(
  env: SchemaEnv,
  side: 'base' | 'head',
  view: SchemaView,
  out: Set<string>,
  depth: number,
): void {
  const types = view.types;
  if (types === undefined && view.alternatives && depth < MAX_DEPTH) {
    // A choice of no type of its own (`anyOf: [object, string]`) has each alternative's default.
    for (const alternative of view.alternatives)
      addDefaults(env, side, sideView(env, side, alternative), out, depth + 1);
    return;
  }
  if (types === undefined || types.size === 0) {
    out.add(OCTETS);
    return;
  }
  for (const type of types) {
    if (type === 'object') out.add(JSON_TYPE);
    else if (type === 'string') out.add(binaryString(view) ? OCTETS : TEXT);
    else if (type !== 'array') out.add(TEXT);
    else if (view.items && depth < MAX_DEPTH)
      addDefaults(env, side, sideView(env, side, view.items), out, depth + 1);
    else out.add(OCTETS);
  }
}

/** A string of bytes: `format: binary` (3.0) or a `contentEncoding` (3.1). */
function binaryString(view: SchemaView): boolean {
  return view.format === 'binary' || view.contentEncoding !== undefined;
}
