/**
 * The headers of a message that travels over HTTP only (transport.ts) compared as HTTP fields: a
 * header whose name changed only in case (`X-Trace` → `x-trace`) is the same header, its schema and
 * requiredness compared with the base one's, not one header removed and another added. The schema
 * comparison pairs properties by exact name; this corrects its result for the headers object's own
 * properties only (a header's value may be an object whose keys keep their case).
 */
import type { SchemaDelta, SchemaDirection, SchemaEnv } from '../schema/compare.js';
import { compareSchemas, nest, sideView } from '../schema/compare.js';
import type { SchemaNode } from '../schema/view.js';

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
  const out = deltas.filter((d) => !(renamed.has(d.path[0]!) || headNames.has(d.path[0]!)));
  for (const [bName, hName] of renamed) {
    const bp = bv.properties.get(bName)!;
    const hp = hv.properties.get(hName)!;
    const [wasRequired, isRequired] = [bv.required.has(bName), hv.required.has(hName)];
    if (wasRequired !== isRequired)
      out.push({
        kind: isRequired ? 'property-became-required' : 'property-became-optional',
        path: [bName],
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
