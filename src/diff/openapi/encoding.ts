/**
 * A form body's per-part encoding (OpenAPI 3.x `encoding`, for multipart and URL-encoded bodies):
 * the media types a part may have (`contentType`, a comma-separated list, ranges allowed) and how a
 * part is serialised (`style`/`explode`). Consumers build (requests) or parse (responses) each part
 * by it, so a change there changes the wire even when every schema stays the same.
 */
import { code, token } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import type { DuplicateDeclaration } from './detail-views.js';
import type { Deref } from './model.js';
import type { Common } from './pair.js';
import { serialisationChanged, serialisationSaid } from './pair.js';
import type { ValueShape } from './value-shape.js';
import { shapeOfTypes } from './value-shape.js';

export interface EncodingView extends Place {
  /** `contentType` as listed, lower-cased; absent: the default of the part's type. */
  contentTypes?: string[];
  /** `style`/`explode` as written (defaults: form, exploded). */
  style: string;
  explode: boolean;
  /** The part's own headers (multipart) by lower-cased name, `$ref`s followed: as written, and whether required. */
  headers: Map<string, { name: string; required: boolean }>;
  /** A part header declared again up to case: the first one is compared, these are problems. */
  duplicateHeaders: DuplicateDeclaration[];
}

/** `media.encoding` by part name; undefined when the media type gives none. */
export function readEncoding(
  media: Place,
  raw: unknown,
  deref: Deref,
): Map<string, EncodingView> | undefined {
  if (!isRecord(raw)) return undefined;
  const out = new Map<string, EncodingView>();
  for (const [name, e] of Object.entries(raw)) {
    if (!isRecord(e)) continue;
    const style = typeof e.style === 'string' ? e.style : 'form';
    const pointer = appendPointer(media.pointer, 'encoding', name);
    out.set(name, {
      file: media.file,
      pointer,
      ...partHeaders({ file: media.file, pointer, value: e }, name, deref),
      ...(typeof e.contentType === 'string'
        ? { contentTypes: e.contentType.split(',').map((t) => t.trim().toLowerCase()) }
        : {}),
      style,
      explode: typeof e.explode === 'boolean' ? e.explode : style === 'form',
    });
  }
  return out;
}

/**
 * One change per part whose encoding changed the breaking way: a request part that no longer
 * accepts a media type consumers sent, a response part that may now come as one they do not
 * expect, or either serialised in another style.
 */
export function compareEncoding(
  b: ReadonlyMap<string, EncodingView> | undefined,
  h: ReadonlyMap<string, EncodingView> | undefined,
  direction: 'request' | 'response',
  sink: ChangeSink,
  context: Common & {
    subject: string;
    mediaType: string;
    base: Place;
    head: Place;
    /** Hears of a part header the head declares twice. */
    onDuplicate?: (duplicate: DuplicateDeclaration) => void;
    /**
     * A part's value on each side, by the body's schema (`style` spells only lists and objects;
     * its type gives the media types of a part its encoding leaves to the default); undefined
     * where that side's schema has no such part.
     */
    formPart: (side: 'base' | 'head', name: string) => FormPart | undefined;
  },
): void {
  if (!b && !h) return;
  const { subject, mediaType, base, head, onDuplicate, formPart, ...common } = context;
  for (const name of new Set([...(b?.keys() ?? []), ...(h?.keys() ?? [])])) {
    const be = b?.get(name);
    const he = h?.get(name);
    for (const d of he?.duplicateHeaders ?? []) onDuplicate?.(d);
    const [bListed, hListed] = [formPart('base', name), formPart('head', name)];
    // A part only one side's body has was never sent, or is no longer read: its encoding on the
    // other side changes nothing on the wire (the property's coming or going is the schema's to say).
    // A part neither side's schema lists, but both sides' encodings name, is still the same part:
    // judged as one of unknown shape.
    if ((bListed === undefined) !== (hListed === undefined)) continue;
    const [bShape, hShape] = [bListed?.shape ?? ANY_SHAPE, hListed?.shape ?? ANY_SHAPE];
    const clauses: string[] = [];
    const bTypes = partTypes(be, bListed);
    const hTypes = partTypes(he, hListed);
    const [from, to] = direction === 'request' ? [bTypes, hTypes] : [hTypes, bTypes];
    // Both left to the default: the part's media type follows its value's type, whose change the
    // schema's comparison says (the encoding, unchanged, says nothing new).
    const bothByDefault = bTypes.byDefault && hTypes.byDefault;
    if (!bothByDefault && typesNotCovered(from.types, to.types).length > 0)
      clauses.push(`contentType ${saidTypes(bTypes)} → ${saidTypes(hTypes)}`);
    const bStyle = be ?? { style: 'form', explode: true };
    const hStyle = he ?? { style: 'form', explode: true };
    if (STYLED.test(mediaType) && serialisationChanged({ ...bStyle, ...bShape }, { ...hStyle, ...hShape }))
      clauses.push(`style ${serialisationSaid(bStyle)} → ${serialisationSaid(hStyle)}`);
    // Senders must now set a part header, or readers no longer get one they could count on.
    const [was, now] = direction === 'request' ? [be, he] : [he, be];
    const newlyRequired = [...(now?.headers ?? [])].filter(
      ([k, { required }]) => required && was?.headers.get(k)?.required !== true,
    );
    for (const [, { name: header }] of newlyRequired)
      clauses.push(
        direction === 'request'
          ? `header ${token(header)} required`
          : `header ${token(header)} no longer always sent`,
      );
    if (clauses.length === 0) continue;
    sink.emit(`${direction}-media-type-encoding-changed`, {
      ...common,
      subject,
      base: be ?? base,
      head: he ?? head,
      data: { name, detail: `${token(mediaType)}: ${clauses.join('; ')}` },
    });
  }
}

/**
 * A part's `headers` (`Content-Type` is the part's `contentType`, not a header of its own), by
 * lower-cased name: HTTP field names ignore case (RFC 9110), so two equal up to case are one header
 * declared twice — the first is kept, as for parameters and response headers, the second said.
 */
function partHeaders(
  part: Place & { value: Record<string, unknown> },
  partName: string,
  deref: Deref,
): Pick<EncodingView, 'headers' | 'duplicateHeaders'> {
  const headers = new Map<string, { name: string; required: boolean }>();
  const duplicateHeaders: DuplicateDeclaration[] = [];
  if (!isRecord(part.value.headers)) return { headers, duplicateHeaders };
  for (const [name, raw] of Object.entries(part.value.headers)) {
    const key = name.toLowerCase();
    if (key === 'content-type') continue;
    const pointer = appendPointer(part.pointer, 'headers', name);
    const first = headers.get(key);
    if (first) {
      const what = `Header of part ${code(partName)}`;
      duplicateHeaders.push({ file: part.file, pointer, name, first: first.name, what });
      continue;
    }
    const header = deref({ file: part.file, pointer, value: raw }).value;
    headers.set(key, { name, required: isRecord(header) && header.required === true });
  }
  return { headers, duplicateHeaders };
}

/** The bodies whose parts `style`/`explode` apply to (3.1; 3.0 names only the URL-encoded form). */
/** A part whose value no schema describes: it may be anything, a list included. */
const ANY_SHAPE: ValueShape = shapeOfTypes(undefined);

const STYLED = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** A part's value as the body's schema says it: its shape, and its default media types if known. */
export interface FormPart {
  shape: ValueShape;
  /** The media types the part has when its encoding lists none; undefined: the value's type is unknown. */
  defaultTypes?: string[];
}

/** The media types a part may have: its encoding's list, else its value's default, if known. */
interface PartTypes {
  types: string[] | undefined;
  byDefault: boolean;
}

function partTypes(encoding: EncodingView | undefined, part: FormPart | undefined): PartTypes {
  if (encoding?.contentTypes) return { types: encoding.contentTypes, byDefault: false };
  return { types: part?.defaultTypes, byDefault: true };
}

/** `image/png, image/jpeg`, `default (text/plain)`, or `default` where the part's type is unknown. */
function saidTypes({ types, byDefault }: PartTypes): string {
  const listed = types?.map(token).join(', ');
  if (!byDefault) return listed ?? 'default';
  return listed === undefined ? 'default' : `default (${listed})`;
}

/**
 * The media types of `from` that `to` does not admit (an exact type or a range holding it). A side
 * whose part's default is unknown (its value's type is not read) is not compared with a list: one
 * side listing types the other leaves to that default counts as a change.
 */
function typesNotCovered(from: string[] | undefined, to: string[] | undefined): string[] {
  if (from === undefined && to === undefined) return [];
  if (from === undefined || to === undefined) return [(from ?? to)!.join(', ')];
  return from.filter((t) => !to.some((range) => admits(range, t)));
}

function admits(range: string, type: string): boolean {
  const essence = (m: string) => m.split(';')[0]!.trim();
  const [r, t] = [essence(range), essence(type)];
  if (r === t || r === '*/*') return true;
  return r.endsWith('/*') && t.startsWith(r.slice(0, -1));
}
