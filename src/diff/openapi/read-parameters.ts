import { appendPointer } from '../pointers.js';
import type { Extensions } from '../extensions.js';
import type { SchemaNode } from '../schema/view.js';
import type { Deref, Located } from './model.js';
import { parameterKey, parameterWhat } from './detail-views.js';
import type { DuplicateDeclaration, ParameterView } from './detail-views.js';
import type { DetailReading } from './operation-detail.js';
import { valueShape } from './value-shape.js';
import { swaggerStyle } from './swagger2.js';
import { isRecord } from '../json.js';

/**
 * Parameters as the diff compares them: read from an operation's or path item's list (refs followed,
 * each component parameter read once), merged into the set in effect, with their serialisation.
 * Headers given as `content` share the two readers at the end with parameters.
 */

type Json = Record<string, unknown>;

/**
 * The parameters in effect for an operation (or a webhook's or callback's): the path item's,
 * overridden by the operation's of the same key (OpenAPI); within one list a key met again is a
 * duplicate declaration, the first one kept.
 */
export function effectiveParameters(
  pathParams: readonly ParameterView[],
  opParams: readonly ParameterView[],
): { parameters: ParameterView[]; duplicates: DuplicateDeclaration[] } {
  const merged = new Map<string, ParameterView>();
  const duplicates: DuplicateDeclaration[] = [];
  for (const [list, inPathItem] of [
    [pathParams, true],
    [opParams, false],
  ] as const) {
    const own = new Map<string, ParameterView>();
    for (const p of list) {
      const key = parameterKey(p.in, p.name);
      const first = own.get(key);
      if (first) {
        const { file, pointer, name } = p;
        duplicates.push({
          file,
          pointer,
          name,
          first: first.name,
          what: parameterWhat(p),
          ...(inPathItem ? { inPathItem } : {}),
        });
        continue;
      }
      own.set(key, p);
      merged.set(key, p);
    }
  }
  return { parameters: [...merged.values()], duplicates };
}

/**
 * Header parameters OpenAPI 3.x says "SHALL be ignored": `Accept` and `Content-Type` follow from the
 * media types, `Authorization` from the security requirements (compared there). One added, removed
 * or changed changes nothing a consumer sends.
 */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** The parameters an operation or path item lists, refs followed, as the diff compares them. */
export function readParameters(owner: Located<unknown>, r: DetailReading): ParameterView[] {
  const list = isRecord(owner.value) && Array.isArray(owner.value.parameters) ? owner.value.parameters : [];
  const out: ParameterView[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = r.deref({
      file: owner.file,
      pointer: appendPointer(owner.pointer, 'parameters', i),
      value: list[i],
    });
    if (!isRecord(p.value)) continue;
    const known = r.parameterViews.get(p.value);
    // The same object at another place (a YAML alias) is read there: a view says where it is.
    if (known && known.file === p.file && known.pointer === p.pointer) {
      out.push(known);
      continue;
    }
    const view = readParameter({ ...p, value: p.value }, r.deref, r.swagger2, r.extensions);
    if (!view) continue;
    if (!known) r.parameterViews.set(p.value, view);
    out.push(view);
  }
  return out;
}

function readParameter(
  p: Located<Json>,
  deref: Deref,
  swagger2: boolean,
  extensions: Extensions,
): ParameterView | undefined {
  const v = p.value;
  if (typeof v.name !== 'string' || typeof v.in !== 'string') return undefined;
  const where = v.in;
  if (!swagger2 && where === 'header' && IGNORED_HEADERS.has(v.name.toLowerCase())) return undefined;
  const encoded = swagger2 ? undefined : contentEncoding(v);
  const serialisation: { style: string; explode: boolean; written?: string } = swagger2
    ? swaggerStyle(where, v.collectionFormat)
    : (encoded ?? openApiStyle(where, v));
  // 2.0 parameters carry their schema inline (type, format, enum…), except `in: body`.
  const schemaValue = swagger2 && where !== 'body' ? v : v.schema;
  const schemaPointer = swagger2 && where !== 'body' ? p.pointer : appendPointer(p.pointer, 'schema');
  const contentSchema = isRecord(v.content) ? firstContentSchema(p, v.content) : undefined;
  const schema: SchemaNode | undefined =
    schemaValue !== undefined ? { file: p.file, pointer: schemaPointer, value: schemaValue } : contentSchema;
  const sunset = extensions.sunset ? v[extensions.sunset] : undefined;
  return {
    file: p.file,
    pointer: p.pointer,
    value: v,
    name: v.name,
    in: where,
    required: v.required === true || where === 'path',
    ...serialisation,
    ...valueShape(deref, schema),
    asText: encoded === undefined && where !== 'body',
    allowEmptyValue: v.allowEmptyValue === true,
    allowReserved: where === 'query' && v.allowReserved === true,
    ...(schema ? { schema } : {}),
    deprecated: v.deprecated === true,
    ...(typeof sunset === 'string' ? { sunset } : {}),
  };
}

/**
 * A 3.x parameter or header given as `content` is its media type's encoding of the whole value
 * (`ids=[1,2]` as JSON, not `ids=1,2`): that media type stands for its style, so moving between
 * `schema` and `content`, or to another media type, is a change of serialisation for every value.
 */
export function contentEncoding(v: Json): { style: string; explode: boolean } | undefined {
  if (!isRecord(v.content)) return undefined;
  const mediaType = Object.keys(v.content)[0];
  return mediaType === undefined ? undefined : { style: mediaType, explode: false };
}

/** 3.x `style`/`explode` with the defaults of the parameter's location. */
function openApiStyle(where: string, v: Json): { style: string; explode: boolean } {
  const style =
    typeof v.style === 'string' ? v.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  return { style, explode: typeof v.explode === 'boolean' ? v.explode : style === 'form' };
}

export function firstContentSchema(p: Located<unknown>, content: Json): SchemaNode | undefined {
  for (const [mediaType, media] of Object.entries(content)) {
    if (isRecord(media) && media.schema !== undefined)
      return {
        file: p.file,
        pointer: appendPointer(p.pointer, 'content', mediaType, 'schema'),
        value: media.schema,
      };
  }
  return undefined;
}
