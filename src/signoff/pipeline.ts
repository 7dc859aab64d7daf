/**
 * The gate from two repository snapshots: the config and the owners come from the BASE snapshot, the
 * content under review from the HEAD. Both doors (the CLI over git, the app over the GitHub API) call
 * this, so neither can read the rules from the branch being judged.
 */
import type { FileSource } from '../core/file-source.js';
import { discoverBlueprints } from '../engine/discover.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { LoadLimits } from '../load/limits.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import { mayTouchBlueprint, readsThroughLinks } from '../review/relevance.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import type { Finding } from '../core/finding.js';
import { code, foreignText } from '../core/inert-text.js';
import { append } from '../core/arrays.js';
import type { BlueprintModel } from '../model/types.js';
import type { ChangedFile, ContractDiffSummary } from './changes.js';
import { DEFAULT_CONFIG_PATH, deriveChanges } from './changes.js';
import { contractVerdicts } from './contract-verdicts.js';
import { withCurrentOwners } from './current-owners.js';
import type { GateDecision } from './evaluate.js';
import type { PullRequestFacts } from './facts.js';
import { blueprintScope, evaluateSignoff, signoffConfigSource } from './gate.js';
import { readRepositoryConfig, snapshotConfigFiles } from '../load/repository-config.js';
import type { SignoffConfigSource } from './gate.js';
import type { Change, ChangeSet } from './types.js';

export interface SnapshotGateInput {
  /** The merge base: what the pull request changes is measured from it. */
  base: FileSource;
  /**
   * The base branch's tip, when it is not the merge base (undefined when it is): the owners, consumers
   * and contract status it names are asked too (current-owners.ts), so a head started from an old
   * commit cannot pick them. Asked only when the pull request may touch a blueprint (relevance.ts).
   */
  baseTip?: () => Promise<FileSource | undefined>;
  head: FileSource;
  changedFiles: readonly ChangedFile[];
  facts: PullRequestFacts;
  org: string;
  /** The diff's verdict per changed contract; computed with `src/diff` when absent. */
  contractDiffs?: readonly ContractDiffSummary[];
  /** Error findings of the head from the review, in words: they fail the gate. */
  headProblems?: readonly string[];
  configPath?: string;
  validator?: SchemaValidator;
  /** The base config when the caller already read it (from the BASE, with its `_extends`). */
  config?: SignoffConfigSource;
  /** The models when the caller already loaded them (the base's and the head's). */
  models?: { base: BlueprintModel[]; head: BlueprintModel[]; problems?: string[] };
}

export interface SnapshotGateResult {
  decision: GateDecision;
  changes: ChangeSet;
  config: SignoffConfigSource;
}

export async function signoffFromSnapshots(input: SnapshotGateInput): Promise<SnapshotGateResult> {
  const validator = input.validator ?? createSchemaValidator();
  const configPath = input.configPath ?? DEFAULT_CONFIG_PATH;
  const config = input.config ?? (await readBaseConfig(input.base, configPath, validator));
  const loading: Loading = { problems: [...(input.models?.problems ?? [])], unloadable: new Set() };
  const touches = await mayTouchBlueprint(input.changedFiles, [input.head, input.base]);
  const load = blueprintLoader(touches, config, validator, loading);
  const loadedBase = input.models?.base ?? (await load(input.base, 'base'));
  const loadedHead = input.models?.head ?? (await load(input.head, 'head'));
  // A blueprint that does not load on one side is not compared at all: against nothing, every element
  // would look removed (or added) and every owner would be asked. Its problem fails the gate.
  const base = loadedBase.filter((m) => !loading.unloadable.has(m.root));
  const head = loadedHead.filter((m) => !loading.unloadable.has(m.root));
  const contractDiffs =
    input.contractDiffs ??
    (await contractVerdicts({
      base,
      head,
      baseSource: input.base,
      headSource: input.head,
      changedFiles: input.changedFiles,
      config: config.kind === 'ok' ? config : {},
    }));
  const configPaths = config.kind === 'ok' && config.localPaths?.length ? config.localPaths : [configPath];
  const derived = deriveChanges({
    base,
    head,
    changedFiles: input.changedFiles,
    contractDiffs,
    configPaths,
  });
  const current = touches ? await withOwnersAtTip(input, derived.changes, base, head, load) : derived.changes;
  const changes: ChangeSet = { changes: current, problems: [...derived.problems, ...loading.problems] };
  const decision = await evaluateSignoff({
    config,
    org: input.org,
    changes,
    facts: input.facts,
    scope: blueprintScope(base, head, configPaths),
    headProblems: input.headProblems,
  });
  return { decision, changes, config };
}

/** What loading the blueprints found wrong, across every snapshot loaded. */
interface Loading {
  problems: string[];
  /** Roots of blueprints that did not load. */
  unloadable: Set<string>;
}

type Side = 'base' | 'head' | "base branch's tip";

/** Loads a snapshot's blueprints under the base's config, noting what does not load in `loading`. */
function blueprintLoader(
  touches: boolean,
  config: SignoffConfigSource,
  validator: SchemaValidator,
  loading: Loading,
): (source: FileSource, side: Side) => Promise<BlueprintModel[]> {
  // A pull request that cannot touch a blueprint (relevance.ts) has nothing to sign off and no blueprint to load.
  if (!touches) return async () => [];
  const globs = config.kind === 'ok' ? config.blueprints : undefined;
  const limits = config.kind === 'ok' ? config.limits : undefined;
  return (source, side) =>
    loadAll(source, { globs, validator, limits }, side, loading.problems, loading.unloadable);
}

/**
 * The changes with the owners the base branch names now, at its tip, when it moved past the merge
 * base (the merge base is the head's choice: current-owners.ts).
 */
async function withOwnersAtTip(
  input: SnapshotGateInput,
  changes: Change[],
  base: BlueprintModel[],
  head: BlueprintModel[],
  load: (source: FileSource, side: Side) => Promise<BlueprintModel[]>,
): Promise<Change[]> {
  const tipSource = input.baseTip ? await input.baseTip() : undefined;
  if (!tipSource) return changes;
  // A blueprint the tip cannot load names no current owner: its problem fails the gate (fail closed).
  const tip = await load(tipSource, "base branch's tip");
  return withCurrentOwners(changes, tip, head, new Map(input.changedFiles.map((f) => [f.path, f])), base);
}

/** The gate's config from the BASE snapshot (the branch tip, not the merge base), read as every door reads it. */
export async function readBaseConfig(
  base: FileSource,
  path: string,
  validator: SchemaValidator,
): Promise<SignoffConfigSource> {
  return signoffConfigSource(
    path,
    await readRepositoryConfig(snapshotConfigFiles(base), { path }, validator),
  );
}

/** The way every door loads a blueprint: the config's globs and limits (as the review), no spec validation. */
interface LoadSettings {
  globs: string[] | undefined;
  validator: SchemaValidator;
  limits: Partial<LoadLimits> | undefined;
}

async function loadAll(
  source: FileSource,
  { globs, validator, limits }: LoadSettings,
  side: Side,
  problems: string[],
  unloadable: Set<string>,
): Promise<BlueprintModel[]> {
  const models: BlueprintModel[] = [];
  let roots: string[];
  try {
    roots = await discoverBlueprints(source, '', globs);
  } catch (error) {
    // The error's words quote what failed (a path, a branch): a backtick in them must not pair with a fence.
    problems.push(
      `Could not list the ${side} snapshot: ${foreignText(error instanceof Error ? error.message : String(error))}.`,
    );
    return models;
  }
  for (const root of roots) {
    const loaded = await loadBlueprint(source, root, { validator, validateContracts: false, limits });
    if (side === 'head') append(problems, unseenThroughLinks(root, loaded.findings));
    if (loaded.model) models.push(loaded.model);
    else {
      unloadable.add(root);
      problems.push(
        `The blueprint in ${root ? code(root) : 'the repository root'} does not load at the ${side}: ${describe(loaded.findings)}.`,
      );
    }
  }
  return models;
}

/**
 * What the head's blueprint reads through a symbolic link or a submodule: the gate reads neither, and
 * what they stand for (a link's target, anywhere in the repository and under any name) can change in a
 * pull request that leaves the blueprint's own files as they were — a change no one would be asked to
 * approve. So the head cannot pass while its blueprint holds one; a merge base that holds one only
 * makes the contract one that cannot be compared: breaking (signoff/contract-changes.ts), and a
 * problem of the review (review/contract-review.ts).
 */
function unseenThroughLinks(root: string, findings: readonly Finding[]): string[] {
  return readsThroughLinks(findings).map(
    (f) =>
      `The blueprint in ${root ? code(root) : 'the repository root'} reads what the gate cannot see at the head: ${f.message.replace(/\.$/, '')} (${code(`${f.file}:${f.range.start.line}`)}). What a link or submodule stands for can change without the blueprint changing: commit the file itself.`,
  );
}

/**
 * Why a blueprint does not load: the failures themselves first (not schema findings of other files).
 * Each names its place as a code span: a path is the repository's text, and bare its words (`[x] ✅`)
 * would read as the message's own.
 */
function describe(findings: readonly Finding[]): string {
  const causes = findings.filter((f) => f.ruleId !== 'schema/invalid' || f.pointer === '');
  return (
    (causes.length > 0 ? causes : findings)
      .slice(0, 3)
      .map((f) => `${f.message.replace(/\.$/, '')} (${code(`${f.file}:${f.range.start.line}`)})`)
      .join('; ') || 'no blueprint.yaml'
  );
}
