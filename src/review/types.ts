/**
 * The review of one pull request: what the bot says, computed from two snapshots and the list of
 * changed files. Pure data, rendered by `src/review/render/*` for every door (app, CLI, Action).
 */
import type { Finding } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import type { BlueprintModel, ContractEntry } from '../model/types.js';

/** A file the pull request changes, as GitHub's "list pull request files" (or `git diff`) reports it. */
export interface ChangedFile {
  /** Path at head (for a removed file: the path it had). */
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The path at base, for renames. */
  previousPath?: string;
  /** The unified diff hunks (GitHub's `patch`); absent for binary or very large diffs. */
  patch?: string;
}

/** One side of a contract, for the differ: the registry entry, its blueprint, and the snapshot. */
export interface ContractSide {
  entry: ContractEntry;
  model: BlueprintModel;
  source: FileSource;
}

/** What the differ found: changes as findings, and why part of the comparison could not be made. */
export interface ContractDiff {
  /** `operations`: every operation a breaking change affects (one finding per cause). */
  findings: (Finding & { side?: 'base' | 'head'; operations?: string[] })[];
  problems: string[];
}

/**
 * The contract breaking-change check, as the review sees it. The implementation lives in `src/diff`;
 * the port keeps the pipeline testable and lets it run (lint only) where no differ is given.
 * Findings carry `breaking/<check>` rule ids and are located in the head document (or the base
 * document when the change is a removal).
 */
export type ContractDiffer = (base: ContractSide, head: ContractSide) => Promise<ContractDiff> | ContractDiff;

export interface ReviewInput {
  base: FileSource;
  head: FileSource;
  changedFiles: readonly ChangedFile[];
  /** The configuration read from the pull request's base. */
  config: BlueprintReviewConfig;
  ruleSet: RuleSet;
  contractDiffer?: ContractDiffer;
  validator?: SchemaValidator;
}

/** A finding the pull request introduces, with an id that survives line shifts (for comment markers). */
export interface NewFinding extends Finding {
  id: string;
  /** `base` for a contract change located in the base version (the element was removed). */
  side?: 'base' | 'head';
  /** A contract change: every operation it affects. */
  operations?: string[];
}

export type ContractChangeKind = 'added' | 'removed' | 'document-changed' | 'entry-changed';

/** A registered contract whose document or registry entry the pull request changes. */
export interface ContractReview {
  id: string;
  blueprint: string;
  kind: ContractChangeKind;
  /** Repository path of the contract document at head (at base when removed). */
  file: string | undefined;
  /** As declared at base (who signs off); at head for added contracts. */
  status?: string;
  owner?: string;
  consumers: string[];
  /** Findings from the differ (`breaking/...`); empty when nothing breaks or the contract is new. */
  changes: Finding[];
  /** Why part of the comparison could not be made (the review then fails closed). */
  problems: string[];
}

export type ElementChange = 'added' | 'removed' | 'modified';

/** What changed about a flow: the flow itself, or what it depends on (its contract, a named policy). */
export type FlowChange = ElementChange | 'contract-changed' | 'policy-changed';

export interface FlowSummary {
  id: string;
  blueprint: string;
  from: string;
  to: string;
  pattern?: string;
  /** Absent when the pull request does not touch the flow. */
  change?: FlowChange;
}

export type TouchedFlow = FlowSummary & { change: FlowChange };

export interface TouchedSystem {
  id: string;
  blueprint: string;
  change: ElementChange | 'flow-endpoint';
}

/** Whose approval an owner-based requirement asks for, resolved from the BASE blueprint. */
export interface OwnerRef {
  /** In words: `consumer billing`, `contract orders-api`, `system orders`. */
  role: string;
  /** `org/team` or user login as written at the base; undefined when the base names nobody. */
  owner: string | undefined;
  /**
   * What is owned, as a key (`contract:orders-api`, `system:billing`), where known: the sign-off pairs
   * an owner one commit of the base branch names with the one another names for the same thing.
   */
  subject?: string;
}

/** Why an owner is affected; the sign-off gate decides which reasons require whose approval. */
export type OwnerReason =
  | { kind: 'contract-owner'; contract: string }
  | { kind: 'contract-provider'; contract: string; system: string }
  | { kind: 'contract-consumer'; contract: string; system: string; breaking: boolean }
  | { kind: 'system-owner'; system: string }
  | { kind: 'flow-endpoint'; flow: string; system: string };

export interface AffectedOwner {
  /** A GitHub team (`org/slug`) or user, as written in the blueprint at base. */
  owner: string;
  reasons: OwnerReason[];
}

/** Elements the pull request adds: nobody owns them at base, so the gate's config decides who approves. */
export interface Addition {
  kind: 'system' | 'contract' | 'flow' | 'component' | 'blueprint';
  id: string;
  blueprint: string;
}

export type ReviewOutcome =
  | { kind: 'reviewed' }
  /** No changed file belongs to a blueprint: nothing to review. */
  | { kind: 'not-touched' }
  | { kind: 'config-invalid'; problems: string[] };

export interface ReviewStats {
  changedFiles: number;
  blueprints: number;
  contractsDiffed: number;
  contractsUnchanged: number;
}

export interface Review {
  outcome: ReviewOutcome;
  baseLabel: string;
  headLabel: string;
  /** Blueprint folders reviewed (present at base or head and touched by the change). */
  blueprints: string[];
  /** Findings the pull request introduces: lint findings absent at base, and breaking changes. */
  newFindings: NewFinding[];
  /** Findings present at head that were already present at base: counted, not repeated. */
  preExisting: Finding[];
  /** Findings present at base that the pull request fixes. */
  fixed: Finding[];
  contracts: ContractReview[];
  touched: { flows: TouchedFlow[]; systems: TouchedSystem[] };
  /** Every flow of the reviewed blueprints at head, plus removed ones: context for diagrams. */
  flows: FlowSummary[];
  owners: AffectedOwner[];
  additions: Addition[];
  conclusion: 'success' | 'failure';
  stats: ReviewStats;
}
