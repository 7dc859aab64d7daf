/**
 * The review pipeline: base and head snapshots plus the changed files in, a `Review` out. Shared by
 * the GitHub App, the CLI and the Action. Work is proportional to the change: a pull request that
 * touches no blueprint file is answered from the file list (and, past a link, the trees); untouched blueprints are not loaded
 * when their folder shows they cannot be affected; unchanged contracts are neither validated nor
 * diffed.
 */
import type { Finding } from '../core/finding.js';
import { compareFindings, START_OF_FILE } from '../core/finding.js';
import { code } from '../core/inert-text.js';
import { describeConfigProblem } from '../engine/config.js';
import type { EffectiveRule } from '../engine/config.js';
import { discoverBlueprints } from '../engine/discover.js';
import { judgeLoaded } from '../engine/lint-blueprint.js';
import { resolveRules } from '../engine/rule-set.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import type { LoadResult } from '../load/load-blueprint.js';
import { changedContracts } from './contract-changes.js';
import { createContractDiffer, diffExtensionsOf } from './contract-differ.js';
import { reviewContracts } from './contract-review.js';
import type { ContractPair } from './contract-changes.js';
import { classifyFindings, findingId, findingKey } from './finding-identity.js';
import type { Documents } from './finding-identity.js';
import { affectedOwners } from './owners.js';
import {
  candidatePaths,
  changedPathSet,
  mayTouchBlueprint,
  readsFile,
  readsThroughLinks,
} from './relevance.js';
import { Snapshot } from './snapshot.js';
import { touchedElements } from './touched.js';
import type { NewFinding, Review, ReviewInput, ReviewOutcome } from './types.js';
import { append } from '../core/arrays.js';

export async function reviewPullRequest(input: ReviewInput): Promise<Review> {
  const { rules, problems } = resolveRules(input.ruleSet, input.config);
  if (problems.length > 0)
    return emptyReview(input, { kind: 'config-invalid', problems: problems.map(describeConfigProblem) });
  if (!(await mayTouchBlueprint(input.changedFiles, [input.head, input.base])))
    return emptyReview(input, { kind: 'not-touched' });
  const candidates = candidatePaths(input.changedFiles);

  input = withContractDiffer(input);
  const sides = await openSides(input);
  const touchedRoots = await selectTouched(sides.roots, candidates, async (root, outside) => {
    if (await readsUnseen(sides, root)) return true;
    if (!outside) return false;
    const [b, h] = await sides.load(root);
    return [b?.model, h?.model].some((m) => m !== undefined && candidates.some((p) => readsFile(m, p)));
  });
  if (touchedRoots.length === 0) return emptyReview(input, { kind: 'not-touched' });

  const review = emptyReview(input, { kind: 'reviewed' });
  const context: BlueprintContext = {
    input,
    rules,
    sides,
    changedPaths: changedPathSet(input.changedFiles),
    renamedFrom: new Map(
      input.changedFiles.filter((f) => f.previousPath).map((f) => [f.path, f.previousPath!]),
    ),
    newIds: new Set<string>(),
  };
  for (const root of touchedRoots) await reviewBlueprint(review, context, root);
  return concluded(review);
}

/** The differ the contracts are compared with: the caller's, or one for this configuration. */
function withContractDiffer(input: ReviewInput): ReviewInput {
  return {
    ...input,
    contractDiffer:
      input.contractDiffer ??
      createContractDiffer({ limits: input.config.limits, extensions: diffExtensionsOf(input.config) }),
  };
}

/** The base and the head as loadable snapshots, and the blueprint roots found on either. */
interface Sides {
  base: Snapshot;
  head: Snapshot;
  /** Every root on either side, sorted. */
  roots: string[];
  /** The blueprint at `root` on each side (undefined on a side that has no such root). */
  load(root: string): Promise<[LoadResult | undefined, LoadResult | undefined]>;
  /** The blueprint at `root` on the head alone (undefined when the head has no such root). */
  loadHead(root: string): Promise<LoadResult | undefined>;
}

async function openSides(input: ReviewInput): Promise<Sides> {
  const validator = input.validator ?? createSchemaValidator();
  const base = new Snapshot(input.base, validator, input.config.limits);
  const head = new Snapshot(input.head, validator, input.config.limits);
  const globs = input.config.blueprints;
  const [baseRoots, headRoots] = await Promise.all([
    discoverBlueprints(input.base, '', globs),
    discoverBlueprints(input.head, '', globs),
  ]);
  const atBase = new Set(baseRoots);
  const atHead = new Set(headRoots);
  return {
    base,
    head,
    roots: [...new Set([...baseRoots, ...headRoots])].sort(),
    load: (root) =>
      Promise.all([
        atBase.has(root) ? base.load(root) : undefined,
        atHead.has(root) ? head.load(root) : undefined,
      ]),
    loadHead: async (root) => (atHead.has(root) ? head.load(root) : undefined),
  };
}

/** What reviewing each touched blueprint shares. */
interface BlueprintContext {
  input: ReviewInput;
  rules: readonly EffectiveRule[];
  sides: Sides;
  changedPaths: ReturnType<typeof changedPathSet>;
  /** Head path → base path, for the files the pull request renames. */
  renamedFrom: ReadonlyMap<string, string>;
  /** Ids of the new findings so far, across blueprints. */
  newIds: Set<string>;
}

/** One touched blueprint's findings, contracts, touched elements and owners, added to `review`. */
async function reviewBlueprint(review: Review, context: BlueprintContext, root: string): Promise<void> {
  const { input, rules, sides } = context;
  const [b, h] = await sides.load(root);
  review.blueprints.push(root);
  if ((b && !b.model) || (h && !h.model)) {
    // Fail closed, with the reason only: a side that does not load cannot be compared, and
    // judging the other side against nothing would call every element removed or added.
    append(review.newFindings, unloadable(root, b, h));
    return;
  }
  const pairs = changedContracts(b?.model, h?.model, context.changedPaths);
  const [headFindings, baseFindings] = await Promise.all([
    findingsOf(h, sides.head, root, rules, pairs, 'head'),
    findingsOf(b, sides.base, root, rules, pairs, 'base'),
  ]);
  const classified = throughLinksNew(
    classifyFindings(
      { findings: headFindings, documents: h?.model?.documents ?? new Map() },
      { findings: baseFindings, documents: b?.model?.documents ?? new Map() },
      context.renamedFrom,
    ),
  );
  const contracts = await reviewContracts(input, root, pairs, b?.model, h?.model);
  const touched = touchedElements(root, b?.model, h?.model, pairs);
  const documents = { head: h?.model?.documents ?? new Map(), base: b?.model?.documents ?? new Map() };
  addNewFindings(review, context.newIds, documents, [
    ...classified.introduced,
    ...contracts.flatMap((c) => c.changes),
  ]);
  append(review.preExisting, classified.preExisting);
  append(review.fixed, classified.fixed);
  append(review.contracts, contracts);
  append(review.flows, touched.flows);
  append(
    review.touched.flows,
    touched.flows.filter((f) => f.change !== undefined).map((f) => ({ ...f, change: f.change! })),
  );
  append(review.touched.systems, touched.systems);
  append(review.additions, touched.additions);
  review.owners = mergeOwners(
    review.owners,
    affectedOwners(b?.model, contracts, touched.flows, touched.systems),
  );
  review.stats.contractsDiffed += contracts.filter((c) => c.kind === 'document-changed').length;
  review.stats.contractsUnchanged +=
    (h?.model?.contracts.length ?? 0) - pairs.filter((p) => p.head !== undefined).length;
}

/**
 * What the head reads through a link or submodule is never pre-existing, though the merge base read
 * through it too: its target may be what this pull request changed, unseen (relevance.ts). The
 * sign-off fails on it at the head whatever the base held; so does the review.
 */
function throughLinksNew(
  classified: ReturnType<typeof classifyFindings>,
): ReturnType<typeof classifyFindings> {
  const unseen = new Set(readsThroughLinks(classified.preExisting));
  if (unseen.size === 0) return classified;
  return {
    ...classified,
    introduced: [...classified.introduced, ...unseen],
    preExisting: classified.preExisting.filter((f) => !unseen.has(f)),
  };
}

/** Gives each finding its id (keyed in the documents of its side) and adds those not seen yet. */
function addNewFindings(
  review: Review,
  newIds: Set<string>,
  documents: Record<'base' | 'head', Documents>,
  findings: readonly (Finding & { side?: 'base' | 'head' })[],
): void {
  for (const f of findings) {
    const id = findingId(findingKey(f, documents[f.side ?? 'head']));
    // The same rule saying the same thing at the same place (one document registered by two
    // contract entries diffs twice) is one finding: one comment, counted once.
    if (newIds.has(id)) continue;
    newIds.add(id);
    review.newFindings.push({ ...f, id });
  }
}

/** The review with its findings in order, its blueprint count and its conclusion. */
function concluded(review: Review): Review {
  review.stats.blueprints = review.blueprints.length;
  review.newFindings.sort(compareFindings);
  review.preExisting.sort(compareFindings);
  review.fixed.sort(compareFindings);
  // Fail closed: a contract that could not be compared completely may hide a breaking change.
  const incomplete = review.contracts.some((c) => c.problems.length > 0);
  review.conclusion =
    incomplete || review.newFindings.some((f) => f.severity === 'error') ? 'failure' : 'success';
  return review;
}

/**
 * The findings that say why a blueprint does not load at the head, and, when the base does not load
 * either or alone, one that says the base cannot be compared with (its line numbers are the base's).
 * The folder and the file are code spans: repository text, whose words must not read as ours.
 */
function unloadable(root: string, base: LoadResult | undefined, head: LoadResult | undefined): NewFinding[] {
  const out: NewFinding[] = [];
  const documents = new Map();
  if (head && !head.model)
    for (const f of head.findings.filter((f) => f.severity === 'error'))
      out.push({ ...f, id: findingId(findingKey(f, documents)) });
  if (base && !base.model) {
    const reasons = base.findings.filter((f) => f.severity === 'error');
    const first = reasons[0];
    const finding: Finding = {
      ruleId: first?.ruleId ?? 'schema/missing-file',
      severity: 'error',
      message:
        `The blueprint ${root ? code(root) : 'at the repository root'} does not load on the base branch, so this pull request cannot be compared with it` +
        (first ? ` (${code(`${first.file}:${first.range.start.line}`)}: ${first.message})` : '') +
        '. Fix the base branch first.',
      file: first?.file ?? root,
      pointer: '',
      range: START_OF_FILE,
    };
    out.push({ ...finding, side: 'base', id: findingId(findingKey(finding, documents)) });
  }
  return out;
}

/**
 * Roots with a changed file in their folder, then roots whose model reads one (asked only when a
 * changed file is outside every root) or reads through a link at the head (every other root's head is
 * loaded for it: the sign-off loads them all anyway). Folder membership is a set lookup per ancestor
 * of each changed path, so the cost follows the change, not (roots × changed files): a pull request
 * adding 20,000 blueprints stays linear.
 */
async function selectTouched(
  roots: readonly string[],
  candidates: readonly string[],
  readsCandidate: (root: string, outside: boolean) => Promise<boolean>,
): Promise<string[]> {
  const rootSet = new Set(roots);
  const withChange = new Set<string>();
  let outside = false;
  for (const path of candidates) {
    const owning = ancestors(path).filter((folder) => rootSet.has(folder));
    for (const root of owning) withChange.add(root);
    if (owning.length === 0) outside = true;
  }
  const touched: string[] = [];
  for (const root of roots) {
    if (withChange.has(root)) touched.push(root);
    else if (await readsCandidate(root, outside)) touched.push(root);
  }
  return touched;
}

/**
 * Whether the blueprint at `root` reads through a link or submodule, at the head or at a merge base
 * that holds one: what a link stands for may be what changed, under any name, and a link the merge
 * base read through that the head no longer has is itself a change to what the blueprint reads.
 */
async function readsUnseen(sides: Sides, root: string): Promise<boolean> {
  const h = await sides.loadHead(root);
  if (h && readsThroughLinks(h.findings).length > 0) return true;
  if ((await sides.base.source.holdsLinks?.()) !== 'some') return false;
  const [b] = await sides.load(root);
  return b !== undefined && readsThroughLinks(b.findings).length > 0;
}

/** `a/b/c.yaml` → `a`, `a/b` (the folders a blueprint root could be; never the repository root). */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

async function findingsOf(
  loaded: LoadResult | undefined,
  snapshot: Snapshot,
  root: string,
  rules: readonly EffectiveRule[],
  pairs: readonly ContractPair[],
  side: 'base' | 'head',
): Promise<Finding[]> {
  if (!loaded) return [];
  const findings = judgeLoaded(loaded, rules);
  if (!loaded.model) return findings;
  for (const pair of pairs) {
    const entry = side === 'head' ? pair.head : pair.base;
    if (entry && pair.kind !== 'entry-changed')
      append(findings, await snapshot.validateContract(root, entry));
  }
  return findings;
}

function mergeOwners(a: Review['owners'], b: Review['owners']): Review['owners'] {
  const merged = new Map(a.map((o) => [o.owner, [...o.reasons]]));
  for (const o of b) merged.set(o.owner, [...(merged.get(o.owner) ?? []), ...o.reasons]);
  return [...merged.entries()]
    .map(([owner, reasons]) => ({ owner, reasons }))
    .sort((x, y) => x.owner.localeCompare(y.owner));
}

/** The review of a pull request judged under an invalid configuration: a failure that lists the problems. */
export function invalidConfigReview(problems: string[], labels = { base: '', head: '' }): Review {
  return emptyReview(
    { base: { label: labels.base }, head: { label: labels.head }, changedFiles: [] },
    { kind: 'config-invalid', problems },
  );
}

function emptyReview(
  input: { base: { label: string }; head: { label: string }; changedFiles: readonly unknown[] },
  outcome: ReviewOutcome,
): Review {
  return {
    outcome,
    baseLabel: input.base.label,
    headLabel: input.head.label,
    blueprints: [],
    newFindings: [],
    preExisting: [],
    fixed: [],
    contracts: [],
    touched: { flows: [], systems: [] },
    flows: [],
    owners: [],
    additions: [],
    conclusion: outcome.kind === 'config-invalid' ? 'failure' : 'success',
    stats: {
      changedFiles: input.changedFiles.length,
      blueprints: 0,
      contractsDiffed: 0,
      contractsUnchanged: 0,
    },
  };
}
