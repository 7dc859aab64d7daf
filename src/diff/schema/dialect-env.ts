/**
 * A schema environment's memo, and the environments for schemas read by another dialect than their
 * side's (see withDialects).
 */
import { NodePairMap, treeShapedFiles } from '../place-map.js';
import type { RefScope, SchemaDialect } from '../ref-scope.js';
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
  const key = `${base} ${head}`;
  let derived = env.dialects.get(key);
  if (!derived) {
    const scopes = { base: { ...env.base, dialect: base }, head: { ...env.head, dialect: head } };
    derived = { ...env, ...scopes, memo: freshMemo(scopes.base, scopes.head), depth: 0 };
    env.dialects.set(key, derived);
  }
  return derived;
}
