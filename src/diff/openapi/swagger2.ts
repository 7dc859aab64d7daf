/**
 * Swagger 2.0 read into the shape of OpenAPI 3 (model.ts): `collectionFormat` as a style, `body` and
 * `formData` parameters as the request body, `consumes`/`produces` as media types, schemes × host ×
 * basePath as server URLs.
 */
import { token } from '../../core/inert-text.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import type { BodyView, MediaView, ParameterView } from './detail-views.js';

type Json = Record<string, unknown>;

/**
 * 2.0 `collectionFormat` as the 3.x style that puts the same bytes on the wire: `csv` is `form` (in
 * a query or form) or `simple` (in a path or header), not exploded; `multi` is exploded `form`;
 * `ssv` and `pipes` are `spaceDelimited` and `pipeDelimited`. So a 2.0 → 3.0 conversion compares
 * equal where it changed nothing.
 */
export function swaggerStyle(
  where: string,
  collectionFormat: unknown,
): { style: string; explode: boolean; written: string } {
  const form = where === 'query' || where === 'formData' || where === 'cookie';
  // Said as the author wrote it: `collectionFormat multi`, not the 3.x style it stands for.
  const written = `collectionFormat ${typeof collectionFormat === 'string' ? token(collectionFormat) : 'csv'}`;
  switch (collectionFormat) {
    case 'multi':
      return { style: 'form', explode: true, written };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false, written };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false, written };
    case 'tsv':
      return { style: 'tabDelimited', explode: false, written };
    default:
      return { style: form ? 'form' : 'simple', explode: false, written };
  }
}

/** 2.0 spells a server as schemes × host × basePath; 3.x as URLs. Read as URLs. */
export function swaggerServers(doc: Json, file: string, servers: Map<string, Place>): void {
  if (typeof doc.host !== 'string' && typeof doc.basePath !== 'string') return;
  const schemes = Array.isArray(doc.schemes) && doc.schemes.length > 0 ? doc.schemes.map(String) : [''];
  for (const scheme of schemes) {
    // Without schemes the host is still a host: `//host/basePath`, not a path.
    const authority = typeof doc.host === 'string' ? `${scheme ? `${scheme}:` : ''}//${doc.host}` : '';
    servers.set(`${authority}${doc.basePath ?? ''}`, {
      file,
      pointer: typeof doc.host === 'string' ? '/host' : '/basePath',
    });
  }
}

export function swaggerBody(
  doc: Json,
  op: Json,
  opPlace: Place,
  params: ParameterView[],
): BodyView | undefined {
  const body = params.find((p) => p.in === 'body');
  const form = params.filter((p) => p.in === 'formData');
  if (!body && form.length === 0) return undefined;
  const consumes = Array.isArray(op.consumes)
    ? op.consumes
    : Array.isArray(doc.consumes)
      ? doc.consumes
      : undefined;
  const mediaTypes = (
    consumes ?? [form.length > 0 ? 'application/x-www-form-urlencoded' : 'application/json']
  ).map(String);
  const content = new Map<string, MediaView>();
  const place = body ?? form[0]!;
  for (const mediaType of mediaTypes)
    content.set(mediaType, {
      file: place.file,
      pointer: place.pointer,
      ...(body ? { schema: body.schema } : { described: 'elsewhere' as const }),
    });
  return {
    file: opPlace.file,
    pointer: place.pointer,
    required: body ? body.required : form.some((f) => f.required),
    ...(body ? {} : { requiredByFields: true as const }),
    content,
  };
}

/** The media types an operation's responses come in: its own `produces`, else the document's. */
export function swaggerProduces(doc: Json, op: Json): string[] {
  return (
    Array.isArray(op.produces)
      ? op.produces
      : Array.isArray(doc.produces)
        ? doc.produces
        : ['application/json']
  ).map(String);
}

/** A 2.0 response's one `schema`, under each media type it is produced in. */
export function swaggerResponseContent(
  response: Place,
  schema: unknown,
  produces: string[],
): Map<string, MediaView> {
  const content = new Map<string, MediaView>();
  if (schema !== undefined)
    for (const mediaType of produces)
      content.set(mediaType, {
        file: response.file,
        pointer: response.pointer,
        schema: { file: response.file, pointer: appendPointer(response.pointer, 'schema'), value: schema },
      });
  return content;
}
