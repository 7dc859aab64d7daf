/**
 * The headers of a message that travels over HTTP only (transport.ts) compared as HTTP fields: a
 * header whose name changed only in case (`X-Trace` → `x-trace`) is the same header, its schema and
 * requiredness compared with the base one's, not one header removed and another added. The schema
 * comparison pairs properties by exact name; this corrects its result for the headers object's own
 * properties only (a header's value may be an object whose keys keep their case).
 */
import type { SchemaDelta, SchemaDirection, SchemaEnv } from '../schema/compare.js';
import { compareSchemas, sideView } from '../schema/compare.js';
import { nest } from '../schema/delta-lists.js';
import { AT_ROOT, under } from '../schema/field-path.js';
import type { SchemaNode } from '../schema/view.js';
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import { isRecord } from '../json.js';
import type { Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';

export function foldHeaderCase(
  env: SchemaEnv,
  b: SchemaNode,
  h: SchemaNode,
  direction: SchemaDirection,
  deltas: SchemaDelta[],
): SchemaDelta[] {
  const bv = sideView(env, 'base', b);
  const hv = sideView(env, 'head', h);
  const renamed = caseRenames([...bv.properties.keys()], [...hv.properties.keys()]);
  if (renamed.size === 0) return deltas;
  const headNames = new Set(renamed.values());
  // What the exact-name comparison said of either spelling: a removal and an addition.
  const out = deltas.filter(
    (d) => !(d.path !== AT_ROOT && (renamed.has(d.path.segment) || headNames.has(d.path.segment))),
  );
  for (const [bName, hName] of renamed) {
    const bp = bv.properties.get(bName)!;
    const hp = hv.properties.get(hName)!;
    const [wasRequired, isRequired] = [bv.required.has(bName), hv.required.has(hName)];
    if (wasRequired !== isRequired)
      out.push({
        kind: isRequired ? 'property-became-required' : 'property-became-optional',
        path: under(bName),
        base: (wasRequired && bv.required.get(bName)) || bp.node,
        head: (isRequired && hv.required.get(hName)) || hp.node,
        data: {},
      });
    nest(out, bName, compareSchemas(env, bp.node, hp.node, direction));
  }
  return out;
}

/**
 * Base names the head spells in another case only, each with its head spelling: a name either
 * side also has as written is that one, and one of several spellings that fold alike is not
 * guessed at.
 */
function caseRenames(bases: readonly string[], heads: readonly string[]): Map<string, string> {
  const headSet = new Set(heads);
  const baseSet = new Set(bases);
  const folded = (names: readonly string[], gone: ReadonlySet<string>) => {
    const out = new Map<string, string[]>();
    for (const n of names)
      if (!gone.has(n)) out.set(n.toLowerCase(), [...(out.get(n.toLowerCase()) ?? []), n]);
    return out;
  };
  const onlyBase = folded(bases, headSet);
  const onlyHead = folded(heads, baseSet);
  const out = new Map<string, string>();
  for (const [key, [bName, ...moreB]] of onlyBase) {
    const [hName, ...moreH] = onlyHead.get(key) ?? [];
    if (bName && hName && moreB.length === 0 && moreH.length === 0) out.set(bName, hName);
  }
  return out;
}

/**
 * An HTTP message binding's `headers` (a schema of the headers object, AsyncAPI's http binding): the
 * same fields as the message's own headers, read by whoever reads the message — compared as a schema
 * in the message's direction (a header now sent that readers did not expect breaks them as a payload
 * field would), header names ignoring case, rather than said only as "the binding changed". A side
 * without `headers` says nothing of them: an object, as a message without headers is.
 */
export function compareBindingHeaders(
  env: SchemaEnv,
  b: Located<unknown>,
  h: Located<unknown>,
  sink: ChangeSink,
  context: { direction: SchemaDirection; where: string; operation?: string; channel?: string },
): void {
  const headersOf = (binding: Located<unknown>): SchemaNode | undefined =>
    isRecord(binding.value) && binding.value.headers !== undefined
      ? {
          file: binding.file,
          pointer: appendPointer(binding.pointer, 'headers'),
          value: binding.value.headers,
        }
      : undefined;
  const [bs, hs] = [headersOf(b), headersOf(h)];
  if (!bs && !hs) return;
  const none = (binding: Located<unknown>) => ({
    file: binding.file,
    pointer: appendPointer(binding.pointer, 'headers'),
    value: { type: 'object' },
  });
  const [bn, hn] = [bs ?? none(b), hs ?? none(h)];
  const { direction, where, operation, channel } = context;
  const deltas = foldHeaderCase(env, bn, hn, direction, compareSchemas(env, bn, hn, direction));
  sink.emitSchema(deltas, direction, {
    ...(operation ? { operation } : {}),
    ...(channel ? { channel } : {}),
    sharedLabel: 'HTTP header',
    subject: (field) =>
      field ? `${namedField(field, 'HTTP header')} of ${where}` : `HTTP binding headers of ${where}`,
  });
}
