/**
 * RFC 6901 pointer building on the diff's hot paths: the same results as core/pointer.ts, without a
 * regular expression per segment (almost no key contains `~` or `/`).
 */
export function segment(key: string | number): string {
  const s = String(key);
  if (s.indexOf('~') < 0 && s.indexOf('/') < 0) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function appendPointer(pointer: string, ...keys: (string | number)[]): string {
  let out = pointer;
  for (const key of keys) out += '/' + segment(key);
  return out;
}

export function toPointer(keys: readonly (string | number)[]): string {
  return appendPointer('', ...keys);
}

/** A `$ref` fragment as a pointer: URI-decoded and re-encoded only when it holds a `%` escape. */
export function refPointer(fragment: string, decode: (p: string) => string[]): string {
  const p = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!p.includes('%') && (p === '' || p.startsWith('/'))) return p;
  return toPointer(decode(p));
}

/** Segments of a pointer built by this module (never URI-encoded, unlike a `$ref` fragment). */
export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  const parts = pointer.slice(1).split('/');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.includes('~')) parts[i] = p.replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return parts;
}
