/**
 * How a schema object's `oneOf`/`anyOf` go into a view (see view-keywords.ts): as its alternatives,
 * as nullability (null-only alternatives), as the one alternative left beside null (merged like an
 * `allOf` member), and as further choices a value must also make.
 */
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import { isNullOnly, isNullPlaceholder, noteNull } from './nullability.js';
import type { SchemaNode } from './view.js';
import type { Merge } from './view-keywords.js';

/** The place of one of the schema object's keywords. */
function at(m: Merge, keyword: string): Place {
  return { file: m.node.file, pointer: appendPointer(m.node.pointer, keyword) };
}

/**
 * `oneOf`/`anyOf` branches; `null`-only branches are read as nullability, and so is 3.0's
 * `{type: object, nullable: true}` beside other branches (`isNullPlaceholder`). Returns the single
 * other branch when all the rest were `null`-only. Under `oneOf` they are still alternatives that
 * null may match beside another: noted for `admitsNull`. Inside that single branch (`nullCounts`
 * false) a choice of its own is read: it is what the schema admits besides null
 * (`anyOf: [{oneOf: [A, B]}, {type: 'null'}]` is A or B or null), and the null it may list is
 * already said by the choice around it. The first choice of several alternatives is the view's;
 * a value must make every other as well (`oneOf: [X, null]` beside `anyOf: [A, B]`, a choice in
 * each `allOf` member): those are kept as further choices, none left unread.
 */
export function readAlternatives(m: Merge, nullCounts: boolean): SchemaNode | undefined {
  const { view, s } = m;
  let single: SchemaNode | undefined;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = s[keyword];
    if (!Array.isArray(list)) continue;
    const branches = choiceBranches(m, keyword, list, nullCounts);
    const folded = list.length - branches.length;
    if (keyword === 'oneOf' && folded > 0 && nullCounts && !view.nullAlternatives)
      view.nullAlternatives = { count: folded, ...(branches.length === 1 ? { sole: branches[0] } : {}) };
    if (branches.length === 1 && folded > 0 && !single) single = branches[0];
    else if (branches.length > 0) addChoice(m, keyword, branches);
    if (!view.origin.has('alternatives')) view.origin.set('alternatives', at(m, keyword));
  }
  return single;
}

/** A choice's alternatives, each `null`-only one noted as nullability instead (where null counts). */
function choiceBranches(
  m: Merge,
  keyword: 'oneOf' | 'anyOf',
  list: unknown[],
  nullCounts: boolean,
): SchemaNode[] {
  const { view, node } = m;
  // A placeholder is null only beside a branch that is not one (`isNullPlaceholder`).
  const besideOthers = list.some((value) => !isNullPlaceholder(value, m.dialect));
  return list.flatMap((value, i) => {
    if (!isNullOnly(value) && !(besideOthers && isNullPlaceholder(value, m.dialect)))
      return [{ file: node.file, pointer: appendPointer(node.pointer, keyword, i), value }];
    if (!nullCounts) return [];
    noteNull(view, 'admits', m.dialect);
    if (!view.origin.has('type')) view.origin.set('type', at(m, keyword));
    return [];
  });
}

/** The view's choice if it has none yet (its place noted), else one more it must also make. */
function addChoice(m: Merge, keyword: 'oneOf' | 'anyOf', branches: SchemaNode[]): void {
  const { view } = m;
  if (!view.alternatives) {
    view.alternatives = branches;
    view.exclusive = keyword === 'oneOf';
    view.origin.set('alternatives', at(m, keyword));
    return;
  }
  (view.moreChoices ??= []).push({ branches, exclusive: keyword === 'oneOf', place: at(m, keyword) });
}
