/**
 * A schema environment's memo, and the environments for schemas read by another dialect than their
 * side's (see withDialects).
 */
import { NodePairMap, treeShapedFiles } from '../place-map.js';
import type { Sameness } from '../equality.js';
import type { RefScope, SchemaDialect } from '../ref-scope.js';
import type { Place } from '../types.js';
import type { SchemaEnv } from './compare.js';

export function freshMemo(base: RefScope, head: RefScope): SchemaEnv['memo'] {
  const baseShaped = treeShapedFiles(base.documents);
  const headShaped = treeShapedFiles(head.documents);
  return {
    request: new NodePairMap(baseShaped, headShaped),
    response: new NodePairMap(baseShaped, headShaped),
  };
}

/**
 * The environment for schemas whose document declares their dialect apart from the side's (an
 * AsyncAPI payload whose `schemaFormat` is JSON Schema 2020-12): the same documents, sameness and
 * judgement, the scopes reading that dialect, and a memo of its own — a schema compared by one
 * dialect's rules says nothing of it by another's. Made once per pair of dialects.
 */
export function withDialects(env: SchemaEnv, base: SchemaDialect, head: SchemaDialect): SchemaEnv {
  if (env.base.dialect === base && env.head.dialect === head) return env;
  // The environment asked first is kept too, so coming back to its dialects finds its memo.
  const own = `${env.base.dialect} ${env.head.dialect}`;
  if (!env.dialects.has(own)) env.dialects.set(own, env);
  const key = `${base} ${head}`;
  let derived = env.dialects.get(key);
  if (!derived) {
    const scopes = { base: { ...env.base, dialect: base }, head: { ...env.head, dialect: head } };
    // Its own coverage budget too: the one a judgement holds while this is made would outlive it here.
    derived = {
      ...env,
      ...scopes,
      structural: sameAsRead(env.written, base, head),
      memo: freshMemo(scopes.base, scopes.head),
      depth: 0,
      coverage: undefined,
    };
    env.dialects.set(key, derived);
  }
  return derived;
}

/**
 * The environment for a pair of schemas on sides that declare dialects schema by schema (`$schema`
 * in an OpenAPI 3.1 document): each side read by the dialect of the resource holding its schema.
 * The environment itself where neither side declares any (no lookup is spent then).
 */
export function dialectEnvAt(env: SchemaEnv, b: Place, h: Place): SchemaEnv {
  const { dialectAt: baseAt } = env.base;
  const { dialectAt: headAt } = env.head;
  if (!baseAt && !headAt) return env;
  return withDialects(env, baseAt?.(b) ?? env.base.dialect, headAt?.(h) ?? env.head.dialect);
}

/**
 * Sameness for two sides that read schemas by these dialects. Read by one dialect, the same text says
 * the same. Read by two, it may not: draft-07 ignores the keywords beside a `$ref` that 2020-12 applies,
 * so `{$ref: Name, maxLength: 5}` unchanged narrows when the document's `jsonSchemaDialect` moves from
 * draft-07 to 2020-12 (or an AsyncAPI payload's `schemaFormat` does). Then nothing that holds a schema
 * is the same without being compared: every skip of an unchanged operation, body, parameter or schema
 * asks here, so each is compared and the views, read by each side's dialect, say what changed.
 * Places still pair as written.
 */
export function sameAsRead(written: Sameness, base: SchemaDialect, head: SchemaDialect): Sameness {
  if (base === head) return written;
  return {
    unchanged: () => false,
    sameNode: () => false,
    sameElsewhere: () => false,
    samePlace: (b, h) => written.samePlace(b, h),
    headFileOf: (file) => written.headFileOf(file),
    baseFileOf: (file) => written.baseFileOf(file),
  };
}
