import { code, foreignText, quoted, token } from '../core/inert-text.js';
import type { LocatedDocument } from '../core/located-document.js';
import type { Severity } from '../core/finding.js';
import { refTarget } from '../core/refs.js';
import { CHECKS_BY_ID } from './checks/index.js';
import { dialectProblems, emitDialectChange } from './dialect.js';
import { ChangeSink } from './emit.js';
import type { ContractTree } from './load.js';
import { fileAlignment } from './file-alignment.js';
import { createParseCache, lineIn, readContractTree } from './load.js';
import { compareOpenApi } from './openapi/compare.js';
import type { OpenApiCompareOptions } from './openapi/compare.js';
import { readOpenApi } from './openapi/model.js';
import { compareAsyncApi } from './asyncapi/compare.js';
import { readAsyncApi } from './asyncapi/model.js';
import { createSchemaEnv } from './schema/compare.js';
import type { SchemaDeltaKind, SchemaDirection, SchemaEnv } from './schema/compare.js';
import type { Extensions } from './extensions.js';
import { resolveExtensions } from './extensions.js';
import { lazySameness } from './equality.js';
import { inheritanceChanged } from './schema/inheritors.js';
import { subtypePlaces } from './schema/subtypes.js';
import type {
  Change,
  ContractSide,
  DiffOptions,
  DiffProblem,
  DiffResult,
  Place,
  VersioningStrategy,
} from './types.js';
import type { VersionFacts } from './versioning.js';
import { consentFor } from './versioning.js';
import { sortChanges } from './change-order.js';

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
  /**
   * The contract file compared on each side, as given: a place in another file (a `$ref`'d one, its
   * path relative to its side's root like every place) is said with its side in the text outputs.
   */
  roots?: { base: string; head: string };
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
    roots: { base: base.path, head: head.path },
  });

  if (b.missing || h.missing) {
    reportMissingSide({ base, head }, { base: b, head: h }, sink, problems);
    return done();
  }
  if (!b.tree || !h.tree) return done();
  if (b.tree.kind !== h.tree.kind) {
    problems.push(kindMismatch(base, head, b.tree, h.tree));
    return done();
  }
  if (b.tree.specVersion !== h.tree.specVersion) emitSpecVersionChange(base, head, b.tree, h.tree, sink);
  emitDialectChange({ base: base.path, head: head.path }, b.tree, h.tree, sink);
  problems.push(...dialectProblems(b.tree), ...dialectProblems(h.tree));

  const extensions = resolveExtensions(options.extensions);
  const env = schemaEnvFor(b.tree, h.tree, extensions, documents, problems);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const facts = compareTrees(env, b.tree, h.tree, sink, {
    today,
    rootFile: base.path,
    extensions,
    onProblem: headProblemReporter(documents.head, problems),
  });
  const changes = sink.finish(h.tree.kind);
  applyVersioningConsent(changes, options.versioning?.strategy, facts);
  return done(changes);
}

type TreeRead = Awaited<ReturnType<typeof readContractTree>>;

/** A side that does not exist: the contract was added or removed, or the path names nothing at all. */
function reportMissingSide(
  paths: { base: ContractSide; head: ContractSide },
  read: { base: TreeRead; head: TreeRead },
  sink: ChangeSink,
  problems: DiffProblem[],
): void {
  const missing = (message: string): DiffProblem => ({
    code: 'missing',
    side: 'head',
    file: paths.head.path,
    pointer: '',
    message,
  });
  if (read.base.missing && read.head.missing)
    problems.push(missing('The file exists neither in the base nor in the head.'));
  else if (read.base.missing) {
    if (read.head.tree)
      sink.emit('contract-added', {
        subject: `Contract ${code(paths.head.path)}`,
        head: { file: paths.head.path, pointer: '' },
      });
  } else if (read.base.tree)
    sink.emit('contract-removed', {
      subject: `Contract ${code(paths.base.path)}`,
      base: { file: paths.base.path, pointer: '' },
    });
  else problems.push(missing('The file was deleted in the head (and the base could not be read).'));
}

function kindMismatch(base: ContractSide, head: ContractSide, b: ContractTree, h: ContractTree): DiffProblem {
  return {
    code: 'kind-mismatch',
    side: 'head',
    file: head.path,
    pointer: '',
    message: `${label(h)} in the head but ${base.path === head.path ? '' : `${base.path} is `}${label(b)} in the base; they cannot be compared.`,
  };
}

function emitSpecVersionChange(
  base: ContractSide,
  head: ContractSide,
  b: ContractTree,
  h: ContractTree,
  sink: ChangeSink,
): void {
  const pointer = h.kind === 'openapi' ? '/openapi' : '/asyncapi';
  sink.emit('spec-version-changed', {
    subject: `The ${h.kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} version of ${code(head.path)}`,
    base: { file: base.path, pointer },
    head: { file: head.path, pointer },
    data: { from: token(b.specVersion), to: token(h.specVersion) },
  });
}

/**
 * How schemas are compared for this pair of trees: asked element by element whether anything changed
 * (the full structural diff, structural.ts, is for callers that want every change), judged at each
 * check's level, and what could not be compared reported as problems, at their line.
 */
function schemaEnvFor(
  b: ContractTree,
  h: ContractTree,
  extensions: Extensions,
  documents: { base: ReadonlyMap<string, LocatedDocument>; head: ReadonlyMap<string, LocatedDocument> },
  problems: DiffProblem[],
): SchemaEnv {
  const reported = new Set<string>();
  return createSchemaEnv(
    b.scope,
    h.scope,
    lazySameness(b, h, {
      changed: inheritanceChanged(b.scope, h.scope, fileAlignment(b, h).headFileOf),
      reaches: subtypePlaces(b.scope),
    }),
    { level: levelBySide, view: { extensibleEnum: extensions.extensibleEnum } },
    (side, place, ref) => {
      // A ref into a file that could not be read (or may not be) was reported when reading.
      const target = refTarget(place.file, ref);
      if ('unsafe' in target || !(side === 'base' ? b : h).documents.has(target.file)) return;
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
        message: `$ref ${quoted(ref)} at ${foreignText(place.pointer || '/')} cannot be resolved (${side}); that schema was not compared.`,
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
}

/**
 * What the head document gets wrong where the comparison meets it (a header declared twice), as a
 * problem at its line: once per place, however many operations share it (a path item's parameters).
 */
function headProblemReporter(
  documents: ReadonlyMap<string, LocatedDocument>,
  problems: DiffProblem[],
): (place: Place, message: string) => void {
  const reported = new Set<string>();
  return (place, message) => {
    const key = `${place.file}#${place.pointer}`;
    if (reported.has(key)) return;
    reported.add(key);
    const line = lineIn(documents.get(place.file), place.pointer);
    problems.push({
      code: 'duplicate-declaration',
      side: 'head',
      file: place.file,
      pointer: place.pointer,
      ...(line ? { line } : {}),
      message,
    });
  };
}

/** Reads both trees as their kind's view and compares them; returns what versioning consent reads. */
function compareTrees(
  env: SchemaEnv,
  b: ContractTree,
  h: ContractTree,
  sink: ChangeSink,
  options: OpenApiCompareOptions,
): { base: VersionFacts; head: VersionFacts } {
  if (h.kind === 'openapi') {
    const bv = readOpenApi(b, options.extensions);
    const hv = readOpenApi(h, options.extensions);
    compareOpenApi(env, bv, hv, sink, options);
    return { base: openApiFacts(b, bv), head: openApiFacts(h, hv) };
  }
  const bv = readAsyncApi(b, options.extensions);
  const hv = readAsyncApi(h, options.extensions);
  compareAsyncApi(env, bv, hv, sink, { today: options.today, extensions: options.extensions });
  return { base: bv.facts, head: hv.facts };
}

/**
 * Breaking changes the contract's versioning strategy consents to (a major bump, a new versioned
 * path) are warnings that still need the consumers' approval.
 */
function applyVersioningConsent(
  changes: Change[],
  strategy: VersioningStrategy | undefined,
  facts: { base: VersionFacts; head: VersionFacts },
): void {
  for (const change of changes) {
    if (!change.breaking || change.severity !== 'error') continue;
    const reason = consentFor(strategy, change, facts.base, facts.head);
    if (!reason) continue;
    change.severity = 'warning';
    change.intended = { reason };
    change.message = `${change.message} Intended: ${reason}; it still needs the consumers' approval.`;
  }
}

/** Each schema delta kind's check level, per side (see SchemaEnv.level). */
function levelBySide(kind: SchemaDeltaKind, direction: SchemaDirection): Severity {
  return CHECKS_BY_ID.get(`${direction}-${kind}`)?.level ?? 'error';
}

function label(tree: ContractTree): string {
  return `${tree.kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} ${tree.specVersion}`;
}

function openApiFacts(tree: ContractTree, view: ReturnType<typeof readOpenApi>): VersionFacts {
  const root = tree.documents.get(tree.root)?.value as { info?: { version?: unknown } } | undefined;
  const mediaTypes = () => {
    const out = new Set<string>();
    for (const op of view.operations.values()) {
      const detail = op.detail();
      for (const m of detail.mediaTypes('request')) out.add(m);
      for (const m of detail.mediaTypes('response')) out.add(m);
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
