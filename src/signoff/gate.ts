/**
 * One evaluation of the sign-off gate: base config + what changed + the PR's facts → decision.
 * Nothing here throws on bad input or failed lookups; every such case ends in a decision that is not
 * `success` and says why.
 */
import { joinPath } from '../core/paths.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { RepositoryConfig } from '../load/repository-config.js';
import type { BlueprintModel } from '../model/types.js';
import { DEFAULT_CONFIG_PATH } from './changes.js';
import { changeRecordPath } from './contract-changes.js';
import { resolveSignoffConfig } from './config.js';
import type { SignoffSection } from './config.js';
import { groupsStillShort } from './capacity.js';
import type { EvaluationInput, GateDecision } from './evaluate.js';
import { evaluate } from './evaluate.js';
import { attempt, gatherCapacityEvidence, gatherEvidence } from './evidence.js';
import type { LabelRemoval, PullRequestFacts, PushersContext } from './facts.js';
import { labelRemovers, labelsThatStand } from './labels.js';
import { planRules } from './plan.js';
import { contributorsOf, effectiveReviews, whoseStandingCounts } from './reviews.js';
import type { BlueprintScope, ChangeSet, Lookup, Review } from './types.js';

/** The config file as read from the BASE branch. */
export type SignoffConfigSource =
  | {
      kind: 'ok';
      path: string;
      /** Every file of this repository the config is read from (itself and same-repository `_extends`). */
      localPaths?: string[];
      section: SignoffSection | undefined;
      blueprints?: string[];
      /** How the breaking-change diff reads contracts (the review reads the same). */
      diff?: BlueprintReviewConfig['diff'];
      limits?: BlueprintReviewConfig['limits'];
    }
  | { kind: 'missing'; path: string }
  | { kind: 'invalid'; path: string; problems: string[] };

export interface GateInput {
  config: SignoffConfigSource;
  /** The repository's owner: default team names are `<org>/security` and so on. */
  org: string;
  changes: ChangeSet;
  facts: PullRequestFacts;
  scope: BlueprintScope;
  /** Error findings or load failures of the head, in words (from the review pipeline). */
  headProblems?: readonly string[];
}

export async function evaluateSignoff(input: GateInput): Promise<GateDecision> {
  const section = input.config.kind === 'ok' ? input.config.section : undefined;
  const config = resolveSignoffConfig(section, input.org);
  // Read only when a rule names a label: who took one off is then asked about as a pusher too.
  const removals = config.rules.some((rule) => rule.when.labels !== undefined)
    ? attempt(() => input.facts.labelRemovals())
    : undefined;
  const activity = await readActivity(
    input.facts,
    { scope: input.scope, steerable: config.steerableAccounts },
    removals,
  );
  const labels = await labelsOf(
    input.facts,
    removals,
    activity,
    config.rules.flatMap((rule) => rule.when.labels ?? []),
  );
  const plans = planRules(config, input.changes.changes, labels);
  const evidence = await gatherEvidence(
    input.facts,
    plans,
    activity.reviews,
    config.configuredTeams.map((t) => t.name),
    input.scope,
  );
  const evaluation: EvaluationInput = {
    headSha: input.facts.headSha,
    author: input.facts.author,
    plans,
    reviews: activity.reviews,
    contributors: activity.contributors,
    allowSelfApproval: config.allowSelfApproval,
    evidence,
    problems: [
      ...configProblems(input.config),
      ...input.changes.problems,
      ...(input.headProblems ?? []),
      ...activity.problems,
    ],
    unanswered: activity.unanswered,
    notes: activity.notes,
    configuredTeams: config.configuredTeams,
    org: input.org,
    ...(activity.retargetedAt === undefined ? {} : { retargetedAt: activity.retargetedAt }),
  };
  const decision = evaluate(evaluation);
  // A group still short may be one that can never reach its count (capacity.ts): ask who can approve
  // for it, then decide again with the answers.
  const short = groupsStillShort(plans, decision.rules);
  if (short.length === 0) return decision;
  await gatherCapacityEvidence(input.facts, short, activity.contributors, evidence);
  return evaluate(evaluation);
}

/** Who took part in the pull request and how they reviewed it, with the lookups that failed, in words. */
interface Activity {
  /** Each reviewer's review that counts (`effectiveReviews`). */
  reviews: Map<string, Review>;
  /** Author, commit authors/committers and pushers → why they are one. */
  contributors: Map<string, string>;
  problems: string[];
  /** Those of `problems` that are GitHub not answering: a re-run may well pass them. */
  unanswered: string[];
  /** What the check tells besides (a label taken off that still stands), in words. */
  notes: string[];
  /** When the base branch was last changed, if ever: approvals before it do not count. */
  retargetedAt?: string;
}

/**
 * The reviews, commits, pushers and retargeting, read at once — the pushers once the reviews say whose
 * pushes are worth comparing with the trees; one that cannot be read is a problem.
 */
async function readActivity(
  facts: PullRequestFacts,
  pushing: PushersContext,
  removals: Promise<Lookup<LabelRemoval[]>> | undefined,
): Promise<Activity> {
  const reviewsRead = attempt(() => facts.reviews());
  const [reviews, commits, pushers, retargeted] = await Promise.all([
    reviewsRead,
    attempt(() => facts.commits()),
    Promise.all([reviewsRead, removals]).then(([read, removed]) =>
      attempt(() =>
        facts.pushers({
          ...pushing,
          reviewers: [
            ...(read.kind === 'ok' ? whoseStandingCounts(read.value, facts.author) : []),
            ...(removed?.kind === 'ok' ? labelRemovers(removed.value, facts.author) : []),
          ],
        }),
      ),
    ),
    attempt(() => facts.retargetedAt()),
  ]);
  const problems: string[] = [];
  // Lookups GitHub did not answer: a re-run may well pass them (the title says so, not "fix").
  const unanswered: string[] = [];
  const lookupProblem = (lookup: { reason: string; transient?: boolean }, lead: string) => {
    const problem = sentence(`${lead}: ${lookup.reason}`);
    problems.push(problem);
    if (lookup.transient) unanswered.push(problem);
  };
  if (reviews.kind === 'error') lookupProblem(reviews, "Could not read the pull request's reviews");
  if (commits.kind === 'error') lookupProblem(commits, "Could not read the pull request's commits");
  if (pushers.kind === 'error') lookupProblem(pushers, 'Could not find out who pushed to the pull request');
  if (retargeted.kind === 'error')
    lookupProblem(retargeted, "Could not find out when the pull request's base branch was last changed");
  const contributors = contributorsOf(
    facts.author,
    commits.kind === 'ok' ? commits.value : [],
    pushers.kind === 'ok' ? pushers.value : { pushers: [], passedThrough: [] },
  );
  const effective = effectiveReviews(reviews.kind === 'ok' ? reviews.value : [], contributors);
  const retargetedAt = retargeted.kind === 'ok' ? retargeted.value : undefined;
  return {
    reviews: effective,
    contributors,
    problems,
    unanswered,
    notes: [],
    ...(retargetedAt ? { retargetedAt } : {}),
  };
}

/**
 * The labels the rules read: those on the pull request, and those its own side took off (labels.ts).
 * Asked of GitHub only when a rule names a label; a removal that cannot be read is a problem.
 */
async function labelsOf(
  facts: PullRequestFacts,
  read: Promise<Lookup<LabelRemoval[]>> | undefined,
  activity: Activity,
  named: readonly string[],
): Promise<readonly string[]> {
  if (!read) return facts.labels;
  const removals = await read;
  if (removals.kind === 'ok') {
    const standing = labelsThatStand(facts.labels, removals.value, activity.contributors, named);
    activity.notes.push(...standing.notes);
    return standing.labels;
  }
  const problem = sentence(`Could not find out who took labels off the pull request: ${removals.reason}`);
  activity.problems.push(problem);
  if (removals.transient) activity.unanswered.push(problem);
  return facts.labels;
}

/** `text` ending in exactly one full stop (GitHub's reasons may or may not end in one). */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function configProblems(config: SignoffConfigSource): string[] {
  switch (config.kind) {
    case 'ok':
      return [];
    case 'missing':
      return [
        `There is no ${config.path} on the base branch. The gate fails closed without one; add it (an empty \`signoff: {}\` uses the default rules).`,
      ];
    case 'invalid':
      return [
        `${config.path} on the base branch is invalid, so the gate cannot trust it: ${config.problems.join('; ')}. Fix it on the base branch.`,
      ];
  }
}

/** The gate's view of the repository config as every door reads it (`readRepositoryConfig`). */
export function signoffConfigSource(path: string, loaded: RepositoryConfig): SignoffConfigSource {
  switch (loaded.kind) {
    case 'ok':
      return signoffConfigOf(loaded.sources[0] ?? path, loaded.config, loaded.localPaths);
    case 'missing':
      return { kind: 'missing', path };
    case 'invalid':
      return { kind: 'invalid', path, problems: loaded.problems };
  }
}

/** The gate's part of a valid config (every door's config reader ends here). */
export function signoffConfigOf(
  path: string,
  config: BlueprintReviewConfig,
  localPaths?: string[],
): SignoffConfigSource {
  return {
    kind: 'ok',
    path,
    ...(localPaths ? { localPaths } : {}),
    section: config.signoff as SignoffSection | undefined,
    ...(config.blueprints ? { blueprints: config.blueprints } : {}),
    ...(config.diff ? { diff: config.diff } : {}),
    ...(config.limits ? { limits: config.limits } : {}),
  };
}

/**
 * The files whose bytes an approval covers: the blueprint folders, their contracts (every file their
 * `$ref`s reach), the change records they link — what approvers of a change under change control
 * read, wherever it is kept — and the config.
 */
export function blueprintScope(
  base: readonly BlueprintModel[],
  head: readonly BlueprintModel[],
  configPaths: readonly string[] = [DEFAULT_CONFIG_PATH],
): BlueprintScope {
  const models = [...base, ...head];
  const folders = [...new Set(models.map((m) => m.root))].sort();
  const files = new Set<string>(configPaths);
  for (const m of models) {
    for (const path of m.documents.keys()) files.add(path);
    for (const adr of m.adrs) files.add(adr.file);
    for (const c of m.contracts) {
      if (c.path) files.add(c.path);
      const changeRecord = changeRecordPath(c);
      if (changeRecord?.kind === 'ok') files.add(changeRecord.path);
    }
    files.add(joinPath(m.root, 'blueprint.yaml'));
  }
  return { folders, files: [...files].sort() };
}
