import type { Extensions } from '../extensions.js';
import { appendPointer } from '../pointers.js';
import type { SchemaNode } from '../schema/view.js';
import type { Deref, Located, SecurityRequirements } from './model.js';
import type {
  BodyView,
  DuplicateDeclaration,
  HeaderView,
  MediaView,
  OperationDetail,
  ParameterView,
  ResponseView,
} from './detail-views.js';
import { readEncoding } from './encoding.js';
import { valueShape } from './value-shape.js';
import {
  contentEncoding,
  effectiveParameters,
  firstContentSchema,
  readParameters,
} from './read-parameters.js';
import type { LinkView } from './links.js';
import { readLinks } from './links.js';
import { swaggerBody, swaggerProduces, swaggerResponseContent, swaggerStyle } from './swagger2.js';
import { isRecord } from '../json.js';

/**
 * An operation's detail read as the diff compares it (the views: detail-views.ts): its effective
 * parameters (path item + operation, refs followed), request body, responses with their headers and
 * content, and security. Read only for operations that changed (OperationView.detail memoises it).
 */

type Json = Record<string, unknown>;

/** What reading the operations of one document needs. */
export interface DetailReading {
  doc: Json;
  swagger2: boolean;
  deref: Deref;
  extensions: Extensions;
  /**
   * Views by the parameter object they read (refs followed): a component parameter that many
   * operations `$ref` is read once, not once per operation (`owner`, `repo`, `per_page`… on GitHub's
   * description, where reading parameters was half the cost of an operation's detail).
   */
  parameterViews: Map<object, ParameterView>;
}

export function readDetail(
  r: DetailReading,
  opPlace: Located<Json>,
  pathParams: () => ParameterView[],
  rootSecurity: Located<unknown> | undefined,
): OperationDetail {
  return new LazyDetail(r, opPlace, pathParams, rootSecurity);
}

/**
 * An operation's detail, each part read when first asked: what asks for one part of every
 * operation (the head's media types, when one is removed: media-types-gone.ts) reads only that
 * part, not the parameters and security of the operations no comparison looks at (on GitHub's
 * 22.0.0 → 23.0.2, ~680 of its 1,068 matched operations: ~30 ms of the ~40 ms that reading cost).
 */
class LazyDetail implements OperationDetail {
  servers?: OperationDetail['servers'];
  private parametersRead?: { parameters: ParameterView[]; duplicates: DuplicateDeclaration[] };
  private comparedParameters?: ParameterView[];
  private bodyRead?: { body: BodyView | undefined };
  private responsesRead?: Map<string, ResponseView>;
  private securityRead?: { security: OperationDetail['security'] };

  constructor(
    private readonly r: DetailReading,
    private readonly opPlace: Located<Json>,
    private readonly pathParams: () => ParameterView[],
    private readonly rootSecurity: Located<unknown> | undefined,
  ) {}

  /** Every parameter in effect, 2.0's body and form fields included (they make its request body). */
  private effective() {
    return (this.parametersRead ??= effectiveParameters(
      this.pathParams(),
      readParameters(this.opPlace, this.r),
    ));
  }

  get parameters(): ParameterView[] {
    // 2.0 form fields stay parameters too: their request body has no schema to compare them in.
    return (this.comparedParameters ??= this.effective().parameters.filter(
      (p) => !(this.r.swagger2 && p.in === 'body'),
    ));
  }

  get duplicates(): DuplicateDeclaration[] {
    return this.effective().duplicates;
  }

  get requestBody(): BodyView | undefined {
    const { doc, deref, swagger2 } = this.r;
    return (this.bodyRead ??= {
      body: swagger2
        ? swaggerBody(doc, this.opPlace.value, this.opPlace, this.effective().parameters)
        : readBody(this.opPlace, deref),
    }).body;
  }

  get responses(): Map<string, ResponseView> {
    return (this.responsesRead ??= readResponses(this.r.doc, this.opPlace, this.r.deref, this.r.swagger2));
  }

  mediaTypes(direction: 'request' | 'response'): string[] {
    // 2.0's come from `consumes`/`produces` and its parameters: its views say which apply.
    if (this.r.swagger2 || (direction === 'request' ? this.bodyRead : this.responsesRead))
      return direction === 'request'
        ? [...(this.requestBody?.content.keys() ?? [])]
        : [...this.responses.values()].flatMap((response) => [...response.content.keys()]);
    const { value } = this.opPlace;
    if (direction === 'request') return contentKeys(this.derefMember(value, 'requestBody'));
    const responses = isRecord(value.responses) ? value.responses : {};
    return Object.keys(responses).flatMap((status) =>
      contentKeys(this.derefMember(responses, status, 'responses')),
    );
  }

  /**
   * `owner[key]` with its refs followed; its place built only for a `$ref` (where resolving needs
   * it): most requests and responses are written in place.
   */
  private derefMember(owner: Json, key: string, under?: string): unknown {
    const value = owner[key];
    if (!isRecord(value) || typeof value.$ref !== 'string') return value;
    const { file, pointer } = this.opPlace;
    const at = under ? appendPointer(pointer, under, key) : appendPointer(pointer, key);
    return this.r.deref({ file, pointer: at, value }).value;
  }

  get security(): OperationDetail['security'] {
    return (this.securityRead ??= { security: this.readSecurity() }).security;
  }

  private readSecurity(): OperationDetail['security'] {
    const { opPlace } = this;
    const security = Array.isArray(opPlace.value.security)
      ? {
          file: opPlace.file,
          pointer: appendPointer(opPlace.pointer, 'security'),
          value: opPlace.value.security,
        }
      : this.rootSecurity;
    return security ? { ...security, value: readSecurity(security.value) } : undefined;
  }
}

/** The media types of a request body or response object as written (none when it is not an object). */
function contentKeys(holder: unknown): string[] {
  return isRecord(holder) && isRecord(holder.content) ? Object.keys(holder.content) : [];
}

function readContent(owner: Located<unknown>, content: unknown, deref: Deref): Map<string, MediaView> {
  const out = new Map<string, MediaView>();
  for (const [mediaType, media] of Object.entries(isRecord(content) ? content : {})) {
    const pointer = appendPointer(owner.pointer, 'content', mediaType);
    const encoding = isRecord(media)
      ? readEncoding({ file: owner.file, pointer }, media.encoding, deref)
      : undefined;
    out.set(mediaType, {
      file: owner.file,
      pointer,
      schema:
        isRecord(media) && media.schema !== undefined
          ? { file: owner.file, pointer: appendPointer(pointer, 'schema'), value: media.schema }
          : undefined,
      ...(encoding ? { encoding } : {}),
    });
  }
  return out;
}

export function readBody(op: Located<Json>, deref: Deref): BodyView | undefined {
  if (op.value.requestBody === undefined) return undefined;
  const body = deref({
    file: op.file,
    pointer: appendPointer(op.pointer, 'requestBody'),
    value: op.value.requestBody,
  });
  if (!isRecord(body.value)) return undefined;
  return {
    file: body.file,
    pointer: body.pointer,
    required: body.value.required === true,
    content: readContent(body, body.value.content, deref),
  };
}

/** A 3.x operation's responses (no 2.0 `produces` to apply). */
export function readAnswers(op: Located<Json>, deref: Deref): Map<string, ResponseView> {
  return readResponses({}, op, deref, false);
}

function readResponses(
  doc: Json,
  op: Located<Json>,
  deref: Deref,
  swagger2: boolean,
): Map<string, ResponseView> {
  const out = new Map<string, ResponseView>();
  const responses = isRecord(op.value.responses) ? op.value.responses : {};
  const produces = swagger2 ? swaggerProduces(doc, op.value) : undefined;
  for (const [status, raw] of Object.entries(responses)) {
    const r = deref({ file: op.file, pointer: appendPointer(op.pointer, 'responses', status), value: raw });
    if (isRecord(r.value)) out.set(status, new LazyResponse({ ...r, value: r.value }, deref, produces));
  }
  return out;
}

/**
 * A response whose headers, content and links are read when first asked: an operation that changed
 * compares only its responses that changed, and most of them did not (on GitHub's 22.0.0 → 23.0.2,
 * the 304, 403, 404… of an operation whose 200 changed). A class: its getters are shared, not three
 * closures per response.
 */
class LazyResponse implements ResponseView {
  readonly file: string;
  readonly pointer: string;
  readonly value: Json;
  readonly mediaTypesOutside?: true;
  private headersRead?: { headers: Map<string, HeaderView>; duplicates: DuplicateDeclaration[] };
  private contentRead?: Map<string, MediaView>;
  private linksRead?: Map<string, LinkView> | null;

  constructor(
    private readonly r: Located<Json>,
    private readonly deref: Deref,
    private readonly produces: string[] | undefined,
  ) {
    this.file = r.file;
    this.pointer = r.pointer;
    this.value = r.value;
    if (produces) this.mediaTypesOutside = true;
  }

  get headers(): Map<string, HeaderView> {
    return this.headersOnce().headers;
  }

  get duplicateHeaders(): DuplicateDeclaration[] {
    return this.headersOnce().duplicates;
  }

  private headersOnce() {
    return (this.headersRead ??= readHeaders(this.r, this.deref, this.produces !== undefined));
  }

  get content(): Map<string, MediaView> {
    return (this.contentRead ??= this.produces
      ? swaggerResponseContent(this.r, this.r.value.schema, this.produces)
      : readContent(this.r, this.r.value.content, this.deref));
  }

  get links(): Map<string, LinkView> | undefined {
    if (this.linksRead === undefined)
      this.linksRead = (this.produces ? undefined : readLinks(this.r, this.deref)) ?? null;
    return this.linksRead ?? undefined;
  }
}

/**
 * A response's headers by lower-cased name (header names ignore case): a name equal to an earlier
 * one's up to case is the same header declared again, kept apart as a duplicate. OpenAPI 3.x: a
 * response header named `Content-Type` "SHALL be ignored" (the media type says it).
 */
function readHeaders(
  r: Located<Json>,
  deref: Deref,
  swagger2: boolean,
): { headers: Map<string, HeaderView>; duplicates: DuplicateDeclaration[] } {
  const headers = new Map<string, HeaderView>();
  const duplicates: DuplicateDeclaration[] = [];
  for (const [name, rawHeader] of Object.entries(isRecord(r.value.headers) ? r.value.headers : {})) {
    const key = name.toLowerCase();
    if (!swagger2 && key === 'content-type') continue;
    const pointer = appendPointer(r.pointer, 'headers', name);
    const first = headers.get(key);
    if (first) {
      duplicates.push({ file: r.file, pointer, name, first: first.name, what: 'Response header' });
      continue;
    }
    const hdr = deref({ file: r.file, pointer, value: rawHeader });
    if (!isRecord(hdr.value)) continue;
    const schemaValue = swagger2 ? hdr.value : hdr.value.schema;
    const encoded = swagger2 ? undefined : contentEncoding(hdr.value);
    const style = swagger2
      ? swaggerStyle('header', hdr.value.collectionFormat)
      : (encoded ?? {
          style: typeof hdr.value.style === 'string' ? hdr.value.style : 'simple',
          explode: hdr.value.explode === true,
        });
    const schema: SchemaNode | undefined =
      schemaValue !== undefined
        ? {
            file: hdr.file,
            pointer: swagger2 ? hdr.pointer : appendPointer(hdr.pointer, 'schema'),
            value: schemaValue,
          }
        : !swagger2 && isRecord(hdr.value.content)
          ? firstContentSchema(hdr, hdr.value.content)
          : undefined;
    headers.set(key, {
      name,
      file: hdr.file,
      pointer: hdr.pointer,
      required: hdr.value.required === true,
      deprecated: hdr.value.deprecated === true,
      ...style,
      ...valueShape(deref, schema),
      asText: encoded === undefined,
      ...(schema ? { schema } : {}),
    });
  }
  return { headers, duplicates };
}

function readSecurity(list: unknown): SecurityRequirements {
  if (!Array.isArray(list)) return [];
  return list
    .filter(isRecord)
    .map(
      (requirement) =>
        new Map(
          Object.entries(requirement).map(([name, scopes]) => [
            name,
            Array.isArray(scopes) ? scopes.map(String) : [],
          ]),
        ),
    );
}
