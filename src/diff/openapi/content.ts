/** Request bodies, and the media types of bodies and responses with their schemas. */
import type { ChangeSink } from '../emit.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSchemas } from '../schema/compare.js';
import type { BodyView, MediaView, OperationView } from './model.js';
import type { Common } from './pair.js';

export function compareBody(
  env: SchemaEnv,
  b: BodyView | undefined,
  h: BodyView | undefined,
  bOp: OperationView,
  hOp: OperationView,
  sink: ChangeSink,
  common: Common,
): void {
  const subject = `Request body of \`${hOp.key}\``;
  if (!b && !h) return;
  if (!b) {
    if (h!.required) sink.emit('request-body-added-required', { ...common, subject, base: bOp, head: h });
    return;
  }
  if (!h) {
    sink.emit('request-body-removed', { ...common, subject, base: b, head: hOp });
    return;
  }
  if (!b.required && h.required)
    sink.emit('request-body-became-required', { ...common, subject, base: b, head: h });
  if (b.required && !h.required)
    sink.emit('request-body-became-optional', { ...common, subject, base: b, head: h });
  compareContent(env, b.content, h.content, 'request', sink, {
    ...common,
    subject,
    fieldSubject: (field, mediaType) =>
      `Request field \`${field}\` of \`${hOp.key}\`${mediaSuffix(mediaType, h.content)}`,
    base: b,
    head: h,
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
  },
): void {
  const { fieldSubject, subject, base, head, ...common } = context;
  for (const [mediaType, bm] of b) {
    const hm = h.get(mediaType);
    if (!hm) {
      sink.emit(`${direction}-media-type-removed`, {
        ...common,
        subject,
        base: bm,
        head,
        data: { name: mediaType },
      });
      continue;
    }
    if (bm.schema && hm.schema)
      sink.emitSchema(compareSchemas(env, bm.schema, hm.schema, direction), direction, {
        ...common,
        subject: (field) =>
          field ? fieldSubject(field, mediaType) : `${subject}${mediaSuffix(mediaType, h)}`,
      });
  }
  for (const [mediaType, hm] of h)
    if (!b.has(mediaType))
      sink.emit(`${direction}-media-type-added`, {
        ...common,
        subject,
        base,
        head: hm,
        data: { name: mediaType },
      });
}
