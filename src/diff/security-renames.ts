/**
 * A security scheme renamed, its definition kept: `basic` (http, basic) in the base is
 * `api_token_basic` (http, basic) in the head, or API key `jwt` (header `Authorization`) is API key
 * `Authorization` (the same header). A requirement names a scheme, but what a consumer sends is what
 * the scheme defines: the same header, the same credentials. Read by name, every operation said
 * "now requires api_token_basic where basic sufficed" although no request changed. A head scheme
 * the base has no scheme of that name for is read under the name of a base scheme the head no longer
 * has and that consumers match the same way (no field `security-scheme-changed` compares differs).
 */
import type { Located } from './openapi/model.js';
import { schemeChangeDetail } from './security.js';

type Schemes = ReadonlyMap<string, Located<Record<string, unknown>>>;

/** Head scheme name → the base name it took over, for each scheme renamed with its definition kept. */
export function renamedSchemes(base: Schemes, head: Schemes): ReadonlyMap<string, string> {
  const renames = new Map<string, string>();
  const gone = [...base].filter(([name]) => !head.has(name));
  if (gone.length === 0) return renames;
  const taken = new Set<string>();
  for (const [name, scheme] of head) {
    if (base.has(name)) continue;
    const former = gone.find(
      ([baseName, baseScheme]) =>
        !taken.has(baseName) && schemeChangeDetail(baseScheme.value, scheme.value) === undefined,
    );
    if (!former) continue;
    renames.set(name, former[0]);
    taken.add(former[0]);
  }
  return renames;
}
