/**
 * What the diff reads of an operation (OpenAPI 2.0 and 3.x alike): its parameters, request body,
 * responses with their headers and content, and security — the views operation-detail.ts builds and
 * the comparisons (parameters.ts, content.ts, responses.ts, webhooks.ts, swagger2.ts) read.
 */
import type { SchemaNode } from '../schema/view.js';
import type { Place } from '../types.js';
import type { Located, SecurityRequirements } from './model.js';
import type { EncodingView } from './encoding.js';
import type { LinkView } from './links.js';
import type { ServerPlace } from './servers.js';

type Json = Record<string, unknown>;

export interface ParameterView extends Place {
  /** The parameter object, refs followed (what sameness compares, without looking it up again). */
  value: Json;
  name: string;
  in: string;
  required: boolean;
  style: string;
  explode: boolean;
  /** The serialisation as a 2.0 document writes it (`collectionFormat multi`), for messages. */
  written?: string;
  /**
   * Whether the value may be an array or object (its schema type, or 2.0 `type`): only then does the
   * serialisation style change what goes on the wire. Whether a single value may be a string (or
   * its type is left open): a JSON `content` then quotes it (`"abc"`), where a number or boolean is
   * written as its text either way (value-shape.ts).
   */
  list: boolean;
  object: boolean;
  admitsText: boolean;
  /**
   * Serialised by its `style` as text (RFC 6570's expansions, OpenAPI's query styles), not by a
   * `content` media type or as a 2.0 body: no style spells a JSON null (RFC 6570 §2.3 treats null as
   * undefined, an absent value), so what its schema says of null never reaches the wire.
   */
  asText: boolean;
  /** OpenAPI 3.0 `allowEmptyValue` (and 2.0's): `?name=` is accepted. */
  allowEmptyValue: boolean;
  /** 3.x `allowReserved` (query parameters): reserved characters may go unencoded. */
  allowReserved: boolean;
  schema?: SchemaNode;
  deprecated: boolean;
  sunset?: string;
}

/**
 * A parameter or header declared again in one list: a header whose name equals an earlier one's up
 * to case (HTTP field names ignore case: it is the same header), or a parameter listed twice. The
 * first declaration is the one compared; the second is reported as a problem of the document.
 */
export interface DuplicateDeclaration extends Place {
  /** The name as the duplicate writes it, and as the declaration compared writes it. */
  name: string;
  first: string;
  /** `Header parameter`, `Query parameter`, `Response header`… */
  what: string;
  /** Declared among the path item's parameters: every operation of the path has it. */
  inPathItem?: true;
}

/** Hears of a duplicate declaration in the head of what is compared; `owner` names it (`GET /a`). */
export type DuplicateReport = (duplicate: DuplicateDeclaration, owner: string) => void;

/**
 * What pairs two parameters of one operation: the location and the name, which is case-sensitive
 * (OpenAPI: "Parameter names are case sensitive") but for a header, whose name is an HTTP field
 * name (RFC 9110: field names are case-insensitive).
 */
export function parameterKey(where: string, name: string): string {
  return `${where.toLowerCase()} ${where.toLowerCase() === 'header' ? name.toLowerCase() : name}`;
}

/** How a parameter is named in messages: `Header parameter`, `Form field`. */
export function parameterWhat(p: { in: string }): string {
  return p.in === 'formData' ? 'Form field' : `${p.in[0]!.toUpperCase()}${p.in.slice(1)} parameter`;
}

export interface MediaView extends Place {
  schema?: SchemaNode;
  /** The parts' `encoding` of a form body (multipart, URL-encoded), when given. */
  encoding?: Map<string, EncodingView>;
  /** Its fields are described elsewhere (2.0 `formData` parameters): no schema is not "any body". */
  described?: 'elsewhere';
}

export interface BodyView extends Place {
  required: boolean;
  /**
   * Swagger 2.0 form fields: the body is required because a field is, and the fields are compared
   * one by one as parameters — a field's requiredness is theirs to report, not the body's too.
   */
  requiredByFields?: true;
  content: Map<string, MediaView>;
}

export interface HeaderView extends Place {
  /** The name as the document writes it (the map's key is lower-cased: header names ignore case). */
  name: string;
  required: boolean;
  /** Marked `deprecated` (on the header or the header component it refers to). */
  deprecated: boolean;
  /** `style`/`explode` as written (headers default to `simple`, not exploded). */
  style: string;
  explode: boolean;
  /** The serialisation as a 2.0 document writes it (`collectionFormat csv`), for messages. */
  written?: string;
  /** May be an array or an object; a single value may be a string (see ParameterView). */
  list: boolean;
  object: boolean;
  admitsText: boolean;
  /** Serialised by its `style` as text, not by a `content` media type (see ParameterView.asText). */
  asText: boolean;
  schema?: SchemaNode;
}

export interface ResponseView extends Place {
  /** The response object, refs followed (what sameness compares, without looking it up again). */
  value: Json;
  /**
   * Its media types are not written in it (2.0: the operation's or document's `produces`): an
   * unchanged response may still have other ones.
   */
  mediaTypesOutside?: true;
  readonly headers: Map<string, HeaderView>;
  /** Headers whose names equal an earlier one's up to case: not compared (see DuplicateDeclaration). */
  readonly duplicateHeaders: DuplicateDeclaration[];
  readonly content: Map<string, MediaView>;
  /** 3.x `links`, when the response gives any. */
  readonly links?: Map<string, LinkView>;
}

export interface OperationDetail {
  /** The effective parameters: the path item's, overridden by the operation's (by parameterKey). */
  parameters: ParameterView[];
  /** Parameters declared again in the path item's or the operation's list: not compared. */
  duplicates: DuplicateDeclaration[];
  requestBody?: BodyView;
  responses: Map<string, ResponseView>;
  security?: Located<SecurityRequirements>;
  /** The operation's own `servers`, else its path item's; absent: the document's apply. */
  servers?: Map<string, ServerPlace>;
  /**
   * The media types its request body accepts, or its responses answer with, as the keys of
   * `requestBody.content` and of each response's `content` (duplicates kept): what is asked of every
   * operation of a side, read without building the views of the operations nothing else asks about.
   */
  mediaTypes(direction: 'request' | 'response'): string[];
}
