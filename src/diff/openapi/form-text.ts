/**
 * The fields of a form body (`application/x-www-form-urlencoded`, `multipart/form-data`) that go on
 * the wire as text: as for a parameter serialised by its style (pair.ts `asSent`), no text spells a
 * JSON null — `note=` is the empty string and `note=null` the string "null", which the schema's
 * string type admits or not on its own — so null coming or going, in the field or in any item or
 * property of it, changes nothing sent or read. A field that is a JSON part (its `encoding`
 * `contentType` names JSON, or, in multipart, an object value without one, whose default part type
 * is `application/json`) spells null: its null is judged.
 */
import type { SchemaDelta, SchemaEnv } from '../schema/compare.js';
import { sideView } from '../schema/compare.js';
import type { SchemaNode } from '../schema/view.js';
import { AT_ROOT } from '../schema/field-path.js';
import type { MediaView } from './detail-views.js';

const FORM = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export function formAsSent(
  env: SchemaEnv,
  mediaType: string,
  b: MediaView,
  h: MediaView,
  deltas: SchemaDelta[],
): SchemaDelta[] {
  const form = FORM.exec(mediaType)?.[1]?.toLowerCase();
  if (!form || !b.schema || !h.schema) return deltas;
  if (!deltas.some((d) => isNullDelta(d) && d.path !== AT_ROOT)) return deltas;
  const multipart = form === 'multipart/form-data';
  const bFields = sideView(env, 'base', b.schema).properties;
  const hFields = sideView(env, 'head', h.schema).properties;
  const asText = (side: 'base' | 'head', media: MediaView, node: SchemaNode | undefined, name: string) =>
    node !== undefined && textPart(env, side, media, node, name, multipart);
  const text = new Map<string, boolean>();
  const isText = (name: string) => {
    let known = text.get(name);
    if (known === undefined) {
      known =
        asText('base', b, bFields.get(name)?.node, name) && asText('head', h, hFields.get(name)?.node, name);
      text.set(name, known);
    }
    return known;
  };
  return deltas.filter((d) => !(isNullDelta(d) && d.path !== AT_ROOT && isText(d.path.segment)));
}

const isNullDelta = (d: SchemaDelta) => d.kind === 'nullable-added' || d.kind === 'nullable-removed';

/**
 * Whether a form field goes as text: its part's `contentType`, when given, names no JSON (nor a
 * range that holds it); without one, every URL-encoded field does, and a multipart field whose
 * value is a primitive or an array of primitives (`text/plain`, OpenAPI's default for them).
 */
function textPart(
  env: SchemaEnv,
  side: 'base' | 'head',
  media: MediaView,
  node: SchemaNode,
  name: string,
  multipart: boolean,
): boolean {
  const listed = media.encoding?.get(name)?.contentTypes;
  if (listed) return !listed.some((t) => /json|^\*\/\*$|^application\/\*$/.test(t));
  if (!multipart) return true;
  const view = sideView(env, side, node);
  if (!view.types) return false;
  if ([...view.types].every((t) => t !== 'object' && t !== 'array')) return true;
  if (view.types.size !== 1 || !view.types.has('array') || !view.items) return false;
  const items = sideView(env, side, view.items).types;
  return items !== undefined && [...items].every((t) => t !== 'object' && t !== 'array');
}
