/** Request bodies, and the media types of bodies and responses with their schemas. */
import { code, token } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSchemas, sideView } from '../schema/compare.js';
import { formAsSent } from './form-text.js';
import { admitsAnything } from '../schema/admits-anything.js';
import type { SchemaView } from '../schema/view.js';
import { resolveSchema } from '../schema/view.js';
import type { OperationView } from './model.js';
import type { BodyView, DuplicateDeclaration, MediaView } from './detail-views.js';
import type { FormPart } from './encoding.js';
import { compareEncoding } from './encoding.js';
import { defaultPartTypes } from './part-content-type.js';
import type { MediaTypesGone } from './media-types-gone.js';
import { removedFrom } from './media-types-gone.js';
import { componentSubject } from './component-subject.js';
import type { MediaMatch } from './media-matching.js';
import { byJsonKey, jsonKey, matchMediaTypes } from './media-matching.js';
import type { Common } from './pair.js';
import { shapeOfTypes } from './value-shape.js';

export function compareBody(
  env: SchemaEnv,
  b: BodyView | undefined,
  h: BodyView | undefined,
  bOp: OperationView,
  hOp: OperationView,
  sink: ChangeSink,
  common: Common,
  onDuplicate?: (duplicate: DuplicateDeclaration) => void,
  gone?: MediaTypesGone,
): void {
  if (!b && !h) return;
  const subject = `Request body of ${code(hOp.key)}`;
  if (!b) {
    if (h!.required && !h!.requiredByFields)
      sink.emit('request-body-added-required', { ...common, subject, base: bOp, head: h });
    return;
  }
  if (!h) {
    sink.emit('request-body-removed', { ...common, subject, base: b, head: hOp });
    return;
  }
  const fieldsSay = b.requiredByFields && h.requiredByFields;
  if (!b.required && h.required && !fieldsSay)
    sink.emit('request-body-became-required', { ...common, subject, base: b, head: h });
  if (b.required && !h.required && !fieldsSay)
    sink.emit('request-body-became-optional', { ...common, subject, base: b, head: h });
  compareContent(env, b.content, h.content, 'request', sink, {
    ...common,
    subject,
    fieldSubject: (field, mediaType) =>
      `${namedField(field, 'Request')} of ${code(hOp.key)}${mediaSuffix(mediaType, h.content)}`,
    base: b,
    head: h,
    ...(onDuplicate ? { onDuplicate } : {}),
    ...componentSubject(b, h, 'requestBodies', 'Request body'),
    ...(gone ? { gone } : {}),
  });
}

function mediaSuffix(mediaType: string, content: Map<string, MediaView>): string {
  return content.size > 1 ? ` (${mediaType})` : '';
}

export function compareContent(
  env: SchemaEnv,
  b: Map<string, MediaView>,
  h: Map<string, MediaView>,
  direction: 'request' | 'response',
  sink: ChangeSink,
  context: Common & {
    subject: string;
    fieldSubject: (field: string, mediaType: string) => string;
    base: { file: string; pointer: string };
    head: { file: string; pointer: string };
    /** How a field of a shared schema is named, when not by the direction ("Webhook payload"). */
    sharedLabel?: string;
    /** Hears of a part header the head declares twice (multipart `encoding`). */
    onDuplicate?: (duplicate: DuplicateDeclaration) => void;
    /**
     * The content is a shared component's (`Response \`NotFound\``): a change of it that many
     * operations share is named so, once, not after the first of them.
     */
    componentSubject?: string;
    /** Media types the head offers nowhere: their removals are one cause each (media-types-gone.ts). */
    gone?: MediaTypesGone;
    /**
     * The response compared (its status) among its operation's base responses: which statuses lost
     * a type gone everywhere, when not every one that has a body.
     */
    response?: { status: string; siblings: ReadonlyMap<string, { content: ReadonlyMap<string, unknown> }> };
  },
): void {
  const {
    fieldSubject,
    subject,
    base,
    head,
    sharedLabel,
    onDuplicate,
    componentSubject,
    gone,
    response,
    ...common
  } = context;
  const shared = componentSubject ? { sharedSubject: componentSubject } : {};
  const pairs = matchMediaTypes(b, h, direction);
  for (const [mediaType, bm] of b) {
    const match = pairs.get(mediaType);
    if (!match) {
      // A shared component's own removal is named after it, wherever else the type went.
      const anchor = componentSubject
        ? undefined
        : gone?.anchor(
            direction,
            mediaType,
            bm,
            common.unstable,
            response && removedFrom(response, mediaType),
          );
      sink.emit(`${direction}-media-type-removed`, {
        ...common,
        subject,
        ...(anchor ? { sharedSubject: anchor.subject } : shared),
        base: anchor?.place ?? bm,
        head,
        ...(anchor ? { causeSide: 'base' as const } : {}),
        data: { name: token(mediaType) },
      });
      continue;
    }
    // Another spelling of a JSON type paired with what the head kept, described as the spelling
    // already compared with it: nothing more to say.
    if (match.alsoServes !== undefined && sameSchema(b.get(match.alsoServes)!, bm)) continue;
    const { type: headType, media: hm } = match;
    if (match.rangeChanged)
      sink.emit(`${direction}-media-type-range-changed`, {
        ...common,
        subject,
        ...shared,
        base: bm,
        head: hm,
        data: { from: token(mediaType), to: token(headType) },
      });
    compareEncoding(bm.encoding, hm.encoding, direction, sink, {
      ...common,
      subject,
      mediaType: headType,
      base: bm,
      head: hm,
      ...(onDuplicate ? { onDuplicate } : {}),
      formPart: formPart(env, bm, hm),
    });
    if (bm.schema && hm.schema)
      sink.emitSchema(
        formAsSent(env, headType, bm, hm, compareSchemas(env, bm.schema, hm.schema, direction)),
        direction,
        {
          ...common,
          ...(sharedLabel ? { sharedLabel } : {}),
          subject: (field) =>
            field ? fieldSubject(field, headType) : `${subject}${mediaSuffix(headType, h)}`,
        },
      );
    // No schema and one that admits every value (`true`, `{}`) both say "any body": no change.
    else if ((bm.schema || hm.schema) && !bm.described && !hm.described && !anyBody(env, bm, hm))
      sink.emit(`${direction}-media-type-schema-${hm.schema ? 'added' : 'removed'}`, {
        ...common,
        subject,
        ...shared,
        base: bm,
        head: hm,
        data: { name: token(headType) },
      });
  }
  const matched = new Set([...pairs.values()].map((match) => match.type));
  const spellings = newSpellings(b, h, pairs, matched);
  for (const [mediaType, hm] of h) {
    const spelled = spellings.get(mediaType);
    if (spelled && !matched.has(mediaType)) {
      // Another spelling of a JSON type the base had: its consumers are the base type's. Its schema
      // is compared with that type's, unless it is the one the head's first spelling has.
      const bm = b.get(spelled.base)!;
      if (!sameSchema(h.get(spelled.head)!, hm) && bm.schema && hm.schema)
        sink.emitSchema(
          formAsSent(env, mediaType, bm, hm, compareSchemas(env, bm.schema, hm.schema, direction)),
          direction,
          {
            ...common,
            ...(sharedLabel ? { sharedLabel } : {}),
            subject: (field) =>
              field ? fieldSubject(field, mediaType) : `${subject}${mediaSuffix(mediaType, h)}`,
          },
        );
      continue;
    }
    if (!matched.has(mediaType))
      sink.emit(`${direction}-media-type-added`, {
        ...common,
        subject,
        ...shared,
        base,
        head: hm,
        data: { name: token(mediaType) },
      });
  }
}

/**
 * Head JSON types left unpaired that spell one the base had and the head kept (`application/json;
 * charset=utf-8` listed beside `application/json`: JSON has no charset, RFC 8259): each with the
 * base type of its `jsonKey` and the head type that one was paired with. The reverse of
 * `alsoServes`; looked up by key, not searched for per head type.
 */
function newSpellings(
  b: Map<string, MediaView>,
  h: Map<string, MediaView>,
  pairs: Map<string, MediaMatch>,
  matched: ReadonlySet<string>,
): Map<string, { base: string; head: string }> {
  const out = new Map<string, { base: string; head: string }>();
  let baseByKey: Map<string, string> | undefined;
  for (const hType of h.keys()) {
    const key = matched.has(hType) ? undefined : jsonKey(hType);
    if (key === undefined) continue;
    const bType = (baseByKey ??= byJsonKey(b.keys())).get(key);
    const match = bType === undefined ? undefined : pairs.get(bType);
    if (match && !match.rangeChanged && jsonKey(match.type) === key)
      out.set(hType, { base: bType!, head: match.type });
  }
  return out;
}

/** The one side's schema (the other has none) admits every body, `$ref`s followed. */
function anyBody(env: SchemaEnv, bm: MediaView, hm: MediaView): boolean {
  const [scope, schema] = bm.schema ? [env.base, bm.schema] : [env.head, hm.schema!];
  return admitsAnything(resolveSchema(scope, schema).node.value);
}

/** Both base media types give the same schema, written the same way (the same `$ref`, or inline). */
function sameSchema(a: MediaView, b: MediaView): boolean {
  return JSON.stringify(a.schema?.value) === JSON.stringify(b.schema?.value);
}

/**
 * A form part's value on each side, by the property of the body's schema it fills (its types as the
 * schema view merges them, `$ref`s and `allOf` followed): its shape, and the media types it has when
 * its `encoding` lists none. A part of no known type, or in a body whose parts are not listed, may
 * be anything: its style change is judged as a list's, and its default media type is unknown.
 * Undefined: the side's schema lists its properties and this part is not one of them (an `encoding`
 * key must name one) — a part no consumer sent, or none reads any more.
 */
function formPart(env: SchemaEnv, b: MediaView, h: MediaView) {
  return (side: 'base' | 'head', name: string): FormPart | undefined => {
    const media = side === 'base' ? b : h;
    if (!media.schema) return UNKNOWN_PART;
    const body = sideView(env, side, media.schema);
    const property = body.properties.get(name);
    if (property) {
      const view = sideView(env, side, property.node);
      return { shape: shapeOfTypes(view.types), defaultTypes: defaultPartTypes(env, side, view) };
    }
    return listsItsParts(body) ? undefined : UNKNOWN_PART;
  };
}

const UNKNOWN_PART: FormPart = { shape: shapeOfTypes(undefined) };

/**
 * A body schema that names every part it has: properties listed, and nothing else that admits a
 * part by another name (alternatives, a conditional, schemas that depend on a part, `not`, name
 * patterns, a schema for the others, a `$ref` unread) — those may declare a part the list lacks.
 * Other names it leaves `open` are free-form: no `encoding` describes them.
 */
function listsItsParts(body: SchemaView): boolean {
  return (
    body.properties.size > 0 &&
    !body.unresolved &&
    body.alternatives === undefined &&
    body.conditional === undefined &&
    body.dependentSchemas === undefined &&
    body.not === undefined &&
    body.patternProperties === undefined &&
    typeof body.additional === 'string'
  );
}
