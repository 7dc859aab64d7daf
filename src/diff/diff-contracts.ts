import type { LocatedDocument } from '../core/located-document.js';
import { severityRank } from '../core/finding.js';
import type { Severity } from '../core/finding.js';
import { refTarget } from '../core/refs.js';
import { CHECKS_BY_ID } from './checks/index.js';
import { ChangeSink } from './emit.js';
import type { ContractTree } from './load.js';
import { createParseCache, lineIn, readContractTree } from './load.js';
import { compareOpenApi } from './openapi/compare.js';
import { readOpenApi } from './openapi/model.js';
import { compareAsyncApi } from './asyncapi/compare.js';
import { readAsyncApi } from './asyncapi/model.js';
import { createSchemaEnv } from './schema/compare.js';
import type { SchemaDeltaKind, SchemaDirection } from './schema/compare.js';
import { resolveExtensions } from './extensions.js';
import { lazySameness } from './equality.js';
import type { Change, ContractSide, DiffOptions, DiffProblem, DiffResult } from './types.js';
import type { VersionFacts } from './versioning.js';
import { consentFor } from './versioning.js';

/**
 * Breaking-change detection for one contract at two snapshots.
 *
 *   const result = await diffContracts({ source: baseSource, path }, { source: headSource, path },
 *                                      { consumers: ['billing'], versioning: { strategy: 'semver' } });
 *   result.changes   // Change[]: id, severity, direction, message, base/head {file, pointer}, operation|channel
 *   result.problems  // DiffProblem[]: unreadable/invalid/mismatched input, naming the file and side
 *   changesToFindings(result)  // Finding[] with rule ids `breaking/<id>`, located in head (or base)
 *
 * Nothing is validated beyond what the diff needs; a missing side is a `contract-added` /
 * `contract-removed` change, not an error. Pass `options.cache` (createParseCache()) to share parsed
 * files across several calls of one run.
 */
export interface DiffOutcome extends DiffResult {
  /** Every document read per side: the source map for turning pointers into lines. */
  documents: { base: ReadonlyMap<string, LocatedDocument>; head: ReadonlyMap<string, LocatedDocument> };
}

export async function diffContracts(
  base: ContractSide,
  head: ContractSide,
  options: DiffOptions = {},
): Promise<DiffOutcome> {
  const cache = options.cache ?? createParseCache();
  const [b, h] = await Promise.all([
    readContractTree('base', base, cache, options.limits),
    readContractTree('head', head, cache, options.limits),
  ]);
  const problems: DiffProblem[] = [...b.problems, ...h.problems];
  const sink = new ChangeSink(CHECKS_BY_ID, options.consumers, options.operationConsumers);
  const documents = { base: b.tree?.documents ?? new Map(), head: h.tree?.documents ?? new Map() };
  const done = (changes: Change[] = sink.finish(h.tree?.kind ?? b.tree?.kind)): DiffOutcome => ({
    kind: h.tree?.kind ?? b.tree?.kind,
    baseVersion: b.tree?.specVersion,
    headVersion: h.tree?.specVersion,
    changes: sortChanges(changes),
    problems,
    documents,
  });

  if (b.missing && h.missing) {
    problems.push({
      code: 'missing',
      side: 'head',
      file: head.path,
      pointer: '',
      message: 'The file exists neither in the base nor in the head.',
    });
    return done();
  }
  if (b.missing) {
    if (h.tree)
      sink.emit('contract-added', {
        subject: `Contract \`${head.path}\``,
        head: { file: head.path, pointer: '' },
      });
    return done();
  }
  if (h.missing) {
    if (b.tree)
      sink.emit('contract-removed', {
        subject: `Contract \`${base.path}\``,
        base: { file: base.path, pointer: '' },
      });
    else
      problems.push({
        code: 'missing',
        side: 'head',
        file: head.path,
        pointer: '',
        message: 'The file was deleted in the head (and the base could not be read).',
      });
    return done();
  }
  if (!b.tree || !h.tree) return done();
  if (b.tree.kind !== h.tree.kind) {
    problems.push({
      code: 'kind-mismatch',
      side: 'head',
      file: head.path,
      pointer: '',
      message: `${label(h.tree)} in the head but ${base.path === head.path ? '' : `${base.path} is `}${label(b.tree)} in the base; they cannot be compared.`,
    });
    return done();
  }
  if (b.tree.specVersion !== h.tree.specVersion)
    sink.emit('spec-version-changed', {
      subject: `The ${h.tree.kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} version of \`${head.path}\``,
      base: { file: base.path, pointer: h.tree.kind === 'openapi' ? '/openapi' : '/asyncapi' },
      head: { file: head.path, pointer: h.tree.kind === 'openapi' ? '/openapi' : '/asyncapi' },
      data: { from: b.tree.specVersion, to: h.tree.specVersion },
    });

  // Asked element by element; the full structural diff (structural.ts) is for callers that want every change.
  const structural = lazySameness(b.tree, h.tree);
  const reported = new Set<string>();
  const extensions = resolveExtensions(options.extensions);
  const env = createSchemaEnv(
    b.tree.scope,
    h.tree.scope,
    structural,
    { level: levelBySide, view: { extensibleEnum: extensions.extensibleEnum } },
    (side, place, ref) => {
      // A ref into a file that could not be read (or may not be) was reported when reading.
      const target = refTarget(place.file, ref);
      if ('unsafe' in target || !(side === 'base' ? b : h).tree!.documents.has(target.file)) return;
      const key = `${side}|${place.file}#${place.pointer}`;
      if (reported.has(key)) return;
      reported.add(key);
      const line = lineIn(documents[side].get(place.file), place.pointer);
      problems.push({
        code: 'unresolved-ref',
        side,
        file: place.file,
        pointer: place.pointer,
        ...(line ? { line } : {}),
        message: `$ref "${ref}" at ${place.pointer || '/'} cannot be resolved (${side}); that schema was not compared.`,
      });
    },
    (place) => {
      if (problems.some((p) => p.code === 'too-deep')) return;
      const line = lineIn(documents.head.get(place.file), place.pointer);
      problems.push({
        code: 'too-deep',
        side: 'head',
        file: place.file,
        pointer: place.pointer,
        ...(line ? { line } : {}),
        message: `Schemas nest deeper than 64 levels at ${place.pointer}; the deeper levels were not compared.`,
      });
    },
  );
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  let facts: { base: VersionFacts; head: VersionFacts };
  if (h.tree.kind === 'openapi') {
    const bv = readOpenApi(b.tree, extensions);
    const hv = readOpenApi(h.tree, extensions);
    compareOpenApi(env, bv, hv, sink, { today, rootFile: base.path, extensions });
    facts = { base: openApiFacts(b.tree, bv), head: openApiFacts(h.tree, hv) };
  } else {
    const bv = readAsyncApi(b.tree, extensions);
    const hv = readAsyncApi(h.tree, extensions);
    compareAsyncApi(env, bv, hv, sink, { today, extensions });
    facts = { base: bv.facts, head: hv.facts };
  }

  const strategy = options.versioning?.strategy;
  const changes = sink.finish(h.tree.kind);
  for (const change of changes) {
    if (!change.breaking || change.severity !== 'error') continue;
    const reason = consentFor(strategy, change, facts.base, facts.head);
    if (!reason) continue;
    change.severity = 'warning';
    change.intended = { reason };
    change.message = `${change.message} Intended: ${reason}; it still needs the consumers' approval.`;
  }
  return done(changes);
}

/** Each schema delta kind's check level, per side (see SchemaEnv.level). */
function levelBySide(kind: SchemaDeltaKind, direction: SchemaDirection): Severity {
  return CHECKS_BY_ID.get(`${direction}-${kind}`)?.level ?? 'error';
}

function label(tree: ContractTree): string {
  return `${tree.kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} ${tree.specVersion}`;
}

/** Most severe first, then by place and message: a stable order for output and tests. */
function sortChanges(changes: Change[]): Change[] {
  const keyed = changes.map((c) => {
    const p = c.head ?? c.base;
    return {
      c,
      rank: severityRank(c.severity),
      key: `${p?.file ?? ''}\u0000${p?.pointer ?? ''}\u0000${c.message}`,
    };
  });
  keyed.sort((x, y) => y.rank - x.rank || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return keyed.map((k) => k.c);
}

function openApiFacts(tree: ContractTree, view: ReturnType<typeof readOpenApi>): VersionFacts {
  const root = tree.documents.get(tree.root)?.value as { info?: { version?: unknown } } | undefined;
  const mediaTypes = () => {
    const out = new Set<string>();
    for (const op of view.operations.values()) {
      const detail = op.detail();
      for (const m of detail.requestBody?.content.keys() ?? []) out.add(m);
      for (const r of detail.responses.values()) for (const m of r.content.keys()) out.add(m);
    }
    return [...out];
  };
  return {
    version: root?.info?.version !== undefined ? String(root.info.version) : undefined,
    elements: [...view.operations.keys()],
    servers: [...view.servers.keys()],
    mediaTypes,
  };
}
