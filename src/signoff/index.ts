/** The sign-off gate: who must approve a blueprint change, and whether they have. */
export { deriveChanges, DEFAULT_CONFIG_PATH } from './changes.js';
export type { ChangedFile, ContractDiffSummary, DeriveChangesInput } from './changes.js';
export { resolveSignoffConfig, ROLES, OWNER_KINDS } from './config.js';
export type { EffectiveSignoffConfig, SignoffSection, SignoffRuleConfig } from './config.js';
export type { GateDecision, GateState, RuleOutcome, GroupOutcome, Blocker } from './evaluate.js';
export { InMemoryPullRequestFacts, fingerprintOf, inScope } from './facts.js';
export type { InMemoryFacts, PullRequestFacts } from './facts.js';
export { evaluateSignoff, signoffConfigSource, blueprintScope } from './gate.js';
export type { GateInput, SignoffConfigSource } from './gate.js';
export { decisionTitle, renderDecisionText, renderSummaryMarkdown, stillNeeds } from './render.js';
export {
  mergeReviewers,
  parseRequestMarker,
  requestMarker,
  reviewRequestsToMake,
  slugOf,
  NO_REVIEWERS,
} from './requests.js';
export type { Reviewers } from './requests.js';
export type * from './types.js';
export { contractDiffsFromReview } from './from-review.js';
export type { ReviewedContractLike, DiffFindingLike } from './from-review.js';
export { signoffFromSnapshots } from './pipeline.js';
export type { SnapshotGateInput, SnapshotGateResult } from './pipeline.js';
