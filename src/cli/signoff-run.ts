/**
 * `blueprint-review signoff`: the gate's decision for a local pull request state, printed. A thin
 * door, as `review` is: the facts come from local git and files, and everything else is the app's
 * pipeline — the config read by the one reader from the base branch, the changed files from the
 * merge base, the review of the head (its contract verdicts and whether it fails), then the gate.
 */
import path from 'node:path';
import { changedFilesBetween } from '../adapters/git-changes.js';
import type { GitFileSource } from '../adapters/git-file-source.js';
import { git, GitError } from '../adapters/git.js';
import { CONFIG_PATH } from '../core/config-path.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import type { RepositoryConfig } from '../load/repository-config.js';
import { reviewPullRequest } from '../review/review-pull-request.js';
import type { ChangedFile } from '../review/types.js';
import { gateInputsFromReview } from '../signoff/from-review.js';
import { signoffConfigSource } from '../signoff/gate.js';
import { signoffFromSnapshots } from '../signoff/pipeline.js';
import { renderDecisionText, renderSummaryMarkdown } from '../signoff/render.js';
import { RULE_SET } from '../../rules/index.js';
import { readCliConfig } from './cli-config.js';
import type { CommandContext } from './command.js';
import { EXIT, UsageError } from './io.js';
import { mergeBaseOfBranch, openCommit } from './git-snapshots.js';
import { findRepositoryRoot } from './repository.js';
import { localPullRequestFacts } from './signoff-facts.js';
import { foldedText } from '../report/text.js';

export interface SignoffRequest {
  base: string;
  head: string;
  target: string;
  reviews: string;
  teams?: string | undefined;
  author?: string | undefined;
  org?: string | undefined;
  format: 'text' | 'markdown' | 'json';
}

export async function runSignoff(context: CommandContext, request: SignoffRequest): Promise<number> {
  const { io } = context;
  const root = findRepositoryRoot(path.resolve(io.cwd, request.target));
  const [baseTip, head] = await Promise.all([openCommit(root, request.base), openCommit(root, request.head)]);
  // What the pull request changed is measured from the merge base, as GitHub shows it (and the app
  // does): what the base branch changed meanwhile is not the PR's. The config is the base branch's.
  const { sha: mergeBase, tree: base } = await mergeBaseOfBranch(
    root,
    { ref: request.base, tip: baseTip },
    { name: request.head, sha: head.sha },
  );
  const validator = createSchemaValidator();
  const loaded = await readCliConfig(undefined, baseTip, io.cwd, validator);
  const changedFiles = await changedFilesBetween(root, mergeBase, head.sha, { withPatch: () => false });
  const facts = await localPullRequestFacts(root, io.cwd, request, head.sha);

  const reviewed = await reviewOf(base, head, changedFiles, loaded, validator, request);
  const { decision, changes } = await signoffFromSnapshots({
    base,
    head,
    changedFiles,
    facts,
    org: request.org ?? (await originOwner(root)),
    config: signoffConfigSource(CONFIG_PATH, loaded),
    validator,
    // The base branch's owners now, too: the merge base is the head's choice.
    baseTip: async () => (base === baseTip ? undefined : baseTip),
    ...reviewed,
  });
  if (request.format === 'json')
    io.stdout(JSON.stringify({ decision, changes: changes.changes }, null, 2) + '\n');
  else if (request.format === 'markdown') io.stdout(renderSummaryMarkdown(decision));
  // Folded within the terminal's width: a terminal wraps a longer line at column 0, where the end of
  // a repository value (an id the decision says is added) would read as a line of ours.
  else io.stdout(foldedText(renderDecisionText(decision), io.columns));
  return decision.state === 'success' ? EXIT.ok : EXIT.findings;
}

/** The review the app runs before the gate: its contract verdicts, and whether it fails the head. */
async function reviewOf(
  base: GitFileSource,
  head: GitFileSource,
  changedFiles: readonly ChangedFile[],
  loaded: RepositoryConfig,
  validator: SchemaValidator,
  request: SignoffRequest,
) {
  // An invalid config fails the gate by itself; there is no review to run under it.
  if (loaded.kind === 'invalid') return {};
  const review = await reviewPullRequest({
    base,
    head,
    changedFiles,
    config: loaded.kind === 'ok' ? loaded.config : {},
    ruleSet: RULE_SET,
    validator,
  });
  return gateInputsFromReview(
    review,
    `The review of ${request.head} fails: \`blueprint-review review --base ${request.base} --head ${request.head}\` says what to fix first.`,
  );
}

async function originOwner(root: string): Promise<string> {
  try {
    const match = /[:/]([A-Za-z0-9-]+)\/[^/]+?(\.git)?\s*$/.exec(
      await git(root, ['remote', 'get-url', 'origin']),
    );
    if (match) return match[1]!;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // no origin remote: fall through
  }
  throw new UsageError('cannot tell the organisation from the origin remote: pass --org');
}
