/**
 * AsyncAPI 3 security schemes written in place, kept in place and edited. A scheme written in place
 * is named by the component it reads exactly like, else by its own name or type (read-security.ts):
 * a copy of component `oauth` whose token URL the head edits is named `oauth` in the base and
 * `oauth2` in the head, which read as one requirement replaced by another ("now requires oauth2
 * where oauth sufficed"). The entry at the same place of the same list, written in place on either
 * side, is the same scheme: it keeps the base name, and what changed in it is a scheme change.
 */
import { code } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { appendPointer } from '../pointers.js';
import { schemeChangeDetail } from '../security.js';
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
  const count = Math.min(b.value.length, h.value.length);
  for (let i = 0; i < count; i++) {
    const [bName, ...bMore] = [...b.value[i]!.keys()];
    const [hName, ...hMore] = [...h.value[i]!.keys()];
    if (!bName || !hName || bMore.length > 0 || hMore.length > 0 || bName === hName) continue;
    // Each name only on its side: not a scheme swapped for another both sides know.
    if (hNames.has(bName) || bNames.has(hName) || renamed.has(hName)) continue;
    const bs = b.schemes.get(bName);
    const hs = h.schemes.get(hName);
    const inPlace = (use: SecurityUse, at: { file: string; pointer: string } | undefined) =>
      at !== undefined && at.file === use.file && at.pointer === appendPointer(use.pointer, i);
    if (!bs || !hs || !(inPlace(b, bs) || inPlace(h, hs))) continue;
    // The same kind of scheme: an API key replaced by OAuth in place is a requirement replaced.
    if (bs.value.type !== hs.value.type) continue;
    renamed.set(hName, bName);
    const detail = schemeChangeDetail(bs.value, hs.value);
    if (detail)
      sink.emit('security-scheme-changed', {
        ...context,
        subject: `Security scheme ${code(bName)}`,
        base: bs,
        head: hs,
        data: { detail },
      });
  }
  if (renamed.size === 0) return h;
  const value = h.value.map(
    (alt) => new Map([...alt].map(([name, scopes]) => [renamed.get(name) ?? name, scopes] as const)),
  );
  return { ...h, value };
}
