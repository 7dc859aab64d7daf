/**
 * The JSON Schema 2020-12 applicators beyond properties and items (`contains`, `propertyNames`,
 * `contentSchema`, `patternProperties`, `dependentRequired`, `dependentSchemas`, `not`,
 * `if`/`then`/`else`); `allOf` membership is in allof-members.ts. Each is judged by what it does to the set of valid
 * values: a keyword added constrains (narrows), one removed frees (widens), and a subschema that
 * changed is compared in the direction the keyword applies it — the same one for all of them except
 * `not`, which turns it around.
 */
import { code } from '../../core/inert-text.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas, pushSubschemaPresence, sideView } from './compare.js';
import { nest } from './delta-lists.js';
import { compatible } from './coverage.js';
import type { SchemaView } from './view.js';
import { SUBSCHEMA_KEYWORDS } from './view.js';
import type { ComparedTypes } from './compared-types.js';
import { KEYWORD_VOCABULARY, bothMayHold } from './vocabulary.js';
import { AT_ROOT } from './field-path.js';

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

const SEGMENT: Record<(typeof SUBSCHEMA_KEYWORDS)[number], string> = {
  contains: '[contains]',
  propertyNames: '(names)',
  contentSchema: '(content)',
};

/**
 * `contains` that counts nothing (`minContains: 0`, no `maxContains`) is read as absent, though
 * still written: "was added/removed" would misname a change of `minContains` alone.
 */
const PRESENCE_DETAIL: Partial<Record<(typeof SUBSCHEMA_KEYWORDS)[number], (added: boolean) => string>> = {
  contains: (added) =>
    added ? 'items matching it are now counted' : 'items matching it are no longer counted',
};

export function compareApplicators(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  types: ComparedTypes,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  // An applicator of one type's vocabulary judged only where both sides may hold that type (see
  // vocabulary.ts): `propertyNames` beside `type: string` constrains nothing the schema admits.
  const applies = (keyword: string) =>
    !(keyword in KEYWORD_VOCABULARY) ||
    bothMayHold(types, KEYWORD_VOCABULARY[keyword as keyof typeof KEYWORD_VOCABULARY]);
  for (const keyword of SUBSCHEMA_KEYWORDS) {
    if (!applies(keyword)) continue;
    const bs = b.sub[keyword];
    const hs = h.sub[keyword];
    if (bs && hs) nest(out, SEGMENT[keyword], compareSchemas(env, bs, hs, direction));
    else if (bs || hs)
      pushSubschemaPresence(out, undefined, keyword, b, h, !bs, PRESENCE_DETAIL[keyword]?.(!bs));
  }
  if (applies('patternProperties')) comparePatternProperties(env, b, h, direction, out);
  if (applies('dependentRequired')) compareDependencies(env, b, h, direction, out);
  compareNot(env, b, h, out);
  compareConditional(env, b, h, direction, out);
}

function comparePatternProperties(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const bp = b.patternProperties ?? EMPTY;
  const hp = h.patternProperties ?? EMPTY;
  for (const [pattern, bn] of bp) {
    const hn = hp.get(pattern);
    if (hn) nest(out, `/${pattern}/`, compareSchemas(env, bn, hn, direction));
    else
      pushSubschemaPresence(
        out,
        undefined,
        'patternProperties',
        b,
        h,
        false,
        `properties matching ${code(pattern)} are no longer constrained`,
      );
  }
  for (const pattern of hp.keys())
    if (!bp.has(pattern))
      pushSubschemaPresence(
        out,
        undefined,
        'patternProperties',
        b,
        h,
        true,
        `properties matching ${code(pattern)} are now constrained`,
      );
}

function compareDependencies(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const stricter: string[] = [];
  const looser: string[] = [];
  if (!b.dependentRequired && !h.dependentRequired && !b.dependentSchemas && !h.dependentSchemas) return;
  const bReq = b.dependentRequired ?? EMPTY;
  const hReq = h.dependentRequired ?? EMPTY;
  for (const name of new Set([...bReq.keys(), ...hReq.keys()])) {
    const before = new Set(bReq.get(name) ?? []);
    const after = new Set(hReq.get(name) ?? []);
    for (const n of after) if (!before.has(n)) stricter.push(`${code(n)} when ${code(name)} is present`);
    for (const n of before) if (!after.has(n)) looser.push(`${code(n)} when ${code(name)} is present`);
  }
  if (stricter.length > 0)
    pushSubschemaPresence(
      out,
      undefined,
      'dependentRequired',
      b,
      h,
      true,
      `now requires ${stricter.join(', ')}`,
    );
  if (looser.length > 0)
    pushSubschemaPresence(
      out,
      undefined,
      'dependentRequired',
      b,
      h,
      false,
      `no longer requires ${looser.join(', ')}`,
    );
  const bDep = b.dependentSchemas ?? EMPTY;
  const hDep = h.dependentSchemas ?? EMPTY;
  for (const [name, bn] of bDep) {
    const hn = hDep.get(name);
    if (hn) nest(out, `(if ${name})`, compareSchemas(env, bn, hn, direction));
    else
      pushSubschemaPresence(
        out,
        undefined,
        'dependentSchemas',
        b,
        h,
        false,
        `no schema applies when ${code(name)} is present`,
      );
  }
  for (const name of hDep.keys())
    if (!bDep.has(name))
      pushSubschemaPresence(
        out,
        undefined,
        'dependentSchemas',
        b,
        h,
        true,
        `a schema now applies when ${code(name)} is present`,
      );
}

/** `not: X`: what X admits is excluded, so X widening narrows the schema, and the other way round. */
function compareNot(env: SchemaEnv, b: SchemaView, h: SchemaView, out: SchemaDelta[]): void {
  if (!b.not && !h.not) return;
  if (!b.not || !h.not) {
    pushSubschemaPresence(out, undefined, 'not', b, h, !b.not);
    return;
  }
  if (env.structural.sameNode(b.not, h.not)) return;
  const bv = sideView(env, 'base', b.not);
  const hv = sideView(env, 'head', h.not);
  // The excluded set grew (X admits more): fewer values are valid.
  if (!compatible(env, bv, hv, 'response', { mode: 'validate' }))
    pushSubschemaPresence(out, undefined, 'not', b, h, true, 'the excluded values grew');
  if (!compatible(env, bv, hv, 'request', { mode: 'validate' }))
    pushSubschemaPresence(out, undefined, 'not', b, h, false, 'the excluded values shrank');
}

/**
 * `if`/`then`/`else`: with the same condition, `then` and `else` compare like any subschema; a
 * condition that changed makes the two incomparable.
 */
function compareConditional(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const bc = b.conditional;
  const hc = h.conditional;
  if (!bc && !hc) return;
  if (!bc || !hc) {
    pushSubschemaPresence(
      out,
      undefined,
      'if',
      b,
      h,
      !bc,
      bc
        ? 'the conditional (`if`/`then`/`else`) was removed'
        : 'a conditional (`if`/`then`/`else`) was added',
    );
    return;
  }
  if (!env.structural.sameNode(bc.if, hc.if)) {
    const at = (v: SchemaView) => v.origin.get('if') ?? v.place;
    out.push({
      kind: 'constraint-changed',
      path: AT_ROOT,
      base: at(b),
      head: at(h),
      data: { keyword: 'if', from: 'one condition', to: 'another', detail: 'the `if` condition changed' },
    });
    return;
  }
  for (const branch of ['then', 'else'] as const) {
    const bn = bc[branch];
    const hn = hc[branch];
    if (bn && hn) nest(out, `(${branch})`, compareSchemas(env, bn, hn, direction));
    else if (bn || hn) pushSubschemaPresence(out, undefined, branch, b, h, !bn);
  }
}
