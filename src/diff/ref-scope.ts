import type { LocatedDocument } from '../core/located-document.js';
import { parsePointer } from '../core/pointer.js';
import { refPointer } from './pointers.js';
import { resolveRef } from '../core/refs.js';
import { PlaceMap } from './place-map.js';
import type { Place } from './types.js';

/**
 * The documents of one side with a memoised `$ref` resolver: a large description repeats the same
 * few thousand refs tens of thousands of times. Targets come back with normalised pointers
 * (`#/a%7Bb%7D` and `#/a{b}` are one place), so places from refs compare equal to walked ones.
 */
export interface RefScope {
  documents: ReadonlyMap<string, LocatedDocument>;
  resolve(fromFile: string, ref: string): (Place & { value: unknown }) | undefined;
}

export function refScope(documents: ReadonlyMap<string, LocatedDocument>): RefScope {
  const memo = new PlaceMap<(Place & { value: unknown }) | null>();
  return {
    documents,
    resolve: (fromFile, ref) =>
      memo.getOrCreate(fromFile, ref, () => {
        const r = resolveRef(documents, fromFile, ref);
        return r.kind === 'ok'
          ? { file: r.target.file, pointer: refPointer(r.target.pointer, parsePointer), value: r.value }
          : null;
      }) ?? undefined,
  };
}
