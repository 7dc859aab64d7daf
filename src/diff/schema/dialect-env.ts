/**
 * A schema environment's memo, and the environments for schemas read by another dialect than their
 * side's (see withDialects).
 */
import { NodePairMap, treeShapedFiles } from '../place-map.js';
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
