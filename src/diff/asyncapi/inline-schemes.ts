/**
 * AsyncAPI 3 security schemes written in place, kept in place and edited. A scheme written in place
 * is named by the component it reads exactly like, else by its own name or type (read-security.ts):
 * a copy of component `oauth` whose token URL the head edits is named `oauth` in the base and
 * `oauth2` in the head, which read as one requirement replaced by another ("now requires oauth2
 * where oauth sufficed"). The entry at the same place of the same list, written in place on either
 * side, is the same scheme: it keeps the base name, and what changed in it is a scheme change. It
 * is found by its kind, not its position: moved within the list as well, it is still that scheme.
 */
import { code } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { appendPointer } from '../pointers.js';
import { schemeChangeDetail } from '../security.js';
import type { Located } from '../openapi/model.js';
import type { SecurityUse } from './read-security.js';

/**
 * The head's requirements with each scheme edited in place named as the base names it, and its
 * changes said; the head unchanged when nothing was so edited.
 */
export function alignInlineSchemes(
  b: SecurityUse | undefined,
  h: SecurityUse | undefined,
  sink: ChangeSink,
  context: { operation?: string; channel?: string; unstable?: string },
): SecurityUse | undefined {
  if (!b?.schemes || !h?.schemes) return h;
  const names = (use: SecurityUse) => new Set(use.value.flatMap((alt) => [...alt.keys()]));
  const [bNames, hNames] = [names(b), names(h)];
  const renamed = new Map<string, string>();
  const [bEntries, hEntries] = [soleSchemes(b, hNames), soleSchemes(h, bNames)];
  for (const be of bEntries) {
    const he = counterpart(be, bEntries, hEntries);
    // Written in place on either side: a component named anew on both is a requirement replaced.
    if (!he || renamed.has(he.name) || !(be.inPlace || he.inPlace)) continue;
    renamed.set(he.name, be.name);
    const detail = schemeChangeDetail(be.scheme.value, he.scheme.value);
    if (detail)
      sink.emit('security-scheme-changed', {
        ...context,
        subject: `Security scheme ${code(be.name)}`,
        base: be.scheme,
        head: he.scheme,
        data: { detail },
      });
  }
  if (renamed.size === 0) return h;
  const value = h.value.map(
    (alt) => new Map([...alt].map(([name, scopes]) => [renamed.get(name) ?? name, scopes] as const)),
  );
  return { ...h, value };
}

/** A requirement naming one scheme, named on its side only, with where it is written. */
interface SoleScheme {
  index: number;
  name: string;
  scheme: Located<Record<string, unknown>>;
  /** Written at its own entry of the list (not a component it refers to). */
  inPlace: boolean;
}

/** The requirements of `use` that name one scheme, which the other side (`others`) does not name. */
function soleSchemes(use: SecurityUse, others: ReadonlySet<string>): SoleScheme[] {
  return use.value.flatMap((alternative, index) => {
    const [name, ...more] = [...alternative.keys()];
    const scheme = name === undefined ? undefined : use.schemes?.get(name);
    if (!name || more.length > 0 || others.has(name) || !scheme) return [];
    const inPlace = scheme.file === use.file && scheme.pointer === appendPointer(use.pointer, index);
    return [{ index, name, scheme, inPlace }];
  });
}

/**
 * The head requirement that is the base one edited: the one head scheme of its kind (an API key
 * replaced by OAuth in place is a requirement replaced) when the base has one of that kind too,
 * wherever it now stands in the list; else, with several of a kind, the one at the same place.
 */
function counterpart(
  be: SoleScheme,
  bases: readonly SoleScheme[],
  heads: readonly SoleScheme[],
): SoleScheme | undefined {
  const kind = (e: SoleScheme) => e.scheme.value.type;
  const sameKind = heads.filter((he) => kind(he) === kind(be));
  if (sameKind.length === 1 && bases.filter((x) => kind(x) === kind(be)).length === 1) return sameKind[0];
  return sameKind.find((he) => he.index === be.index);
}
