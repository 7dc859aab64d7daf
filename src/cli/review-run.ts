import path from 'node:path';
import type { FileSource } from '../core/file-source.js';
import { changedFilesBetween } from '../adapters/git-changes.js';
import type { GitFileSource } from '../adapters/git-file-source.js';
import { repositoryRoot } from '../adapters/git.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import type { Placement } from '../review/placement.js';
import { placeFindings } from '../review/placement.js';
import { mayBelongToBlueprint } from '../review/relevance.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { failClosedReasons } from '../report/fail-closed.js';
import { printAnnotated } from './annotated-report.js';
import { renderReviewMarkdown } from './review-markdown.js';
import { renderReviewJson } from '../review/render/json.js';
import { renderReviewText } from '../review/render/text.js';
import { reviewPullRequest } from '../review/review-pull-request.js';
import type { RuleDocs } from '../review/rule-docs.js';
import { ruleDocs } from '../review/rule-docs.js';
import type { ChangedFile, Review } from '../review/types.js';
import { RULE_SET } from '../../rules/index.js';
import type { FailOn } from '../core/fail-on.js';
import { failsOn } from '../core/fail-on.js';
import type { CommandContext } from './command.js';
import { EXIT } from './io.js';
import { configOrUsageError, readCliConfig } from './cli-config.js';
import { gitOrUsage, mergeBaseOfBranch, openCommit } from './git-snapshots.js';
import { VERSION } from '../version.js';

type Format = 'text' | 'markdown' | 'json' | 'github';

export interface ReviewRequest {
  base: string;
  head: string;
  target: string;
  format: Format;
  configFile?: string | undefined;
  failOn: FailOn;
  docsUrl?: string | undefined;
  /** `--max-chars`: the longest Markdown report. */
  maxChars?: number | undefined;
}

/** `review`: the pull request from `head` into `base` reviewed as the bot would, printed. */
export async function runReviewCommand(context: CommandContext, request: ReviewRequest): Promise<number> {
  const { io } = context;
  const target = path.resolve(io.cwd, request.target);
  const root = await gitOrUsage(() => repositoryRoot(target));
  const { baseTip, mergeBase, baseTree, base, head } = await gitSnapshots(root, request);
  const validator = createSchemaValidator();
  // The config is the base branch's (its tip, as the app reads it), not the merge base's.
  const config = await readReviewConfig(request.configFile, baseTip, io.cwd, validator);
  const relative = path.relative(root, target).split(path.sep).join('/');
  if (relative !== '' && config.blueprints === undefined) config.blueprints = [relative, `${relative}/**`];

  const maxBytes = config.limits?.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const changedFiles = await changedFilesBetween(root, mergeBase, head.sha, {
    withPatch: (file) => patchWanted(file, { baseTree, head }, maxBytes),
  });
  const review = await reviewPullRequest({
    base,
    head,
    changedFiles,
    config,
    ruleSet: RULE_SET,
    validator,
  });
  const docs = ruleDocs(RULE_SET, request.docsUrl ? { docsUrl: request.docsUrl } : {});
  const placement = placeFindings(review.newFindings, changedFiles, { ...config.review });
  if (request.format === 'github')
    printAnnotated(
      context,
      review.newFindings,
      render('text', review, placement, docs, { color: false, columns: io.columns }),
      {
        listed: 'finding',
        runErrors: failClosedReasons(review),
      },
    );
  else
    io.stdout(
      render(request.format, review, placement, docs, {
        color: context.color,
        columns: io.columns,
        maxChars: request.maxChars,
      }),
    );
  return exitCodeOf(review, request.failOn);
}

/**
 * The base branch's tip (where the config is read), the merge base with the head (what the review
 * compares, named as such in messages) and the head.
 */
async function gitSnapshots(
  root: string,
  request: Pick<ReviewRequest, 'base' | 'head'>,
): Promise<{
  baseTip: GitFileSource;
  mergeBase: string;
  baseTree: GitFileSource;
  base: FileSource;
  head: GitFileSource;
}> {
  const [baseTip, head] = await Promise.all([openCommit(root, request.base), openCommit(root, request.head)]);
  const mergeBase = await mergeBaseOfBranch(
    root,
    { ref: request.base, tip: baseTip },
    { name: request.head, sha: head.sha },
  );
  return { baseTip, mergeBase: mergeBase.sha, baseTree: mergeBase.tree, base: mergeBase.named, head };
}

/**
 * Hunks only where comments can go: blueprint files small enough to read (GitHub, too, leaves out
 * the patch of very large files). A pull request adding 20,000 other files costs two git runs.
 */
function patchWanted(
  file: ChangedFile,
  { baseTree, head }: { baseTree: GitFileSource; head: GitFileSource },
  maxBytes: number,
): boolean {
  return (
    mayBelongToBlueprint(file) &&
    (head.size(file.path) ?? 0) <= maxBytes &&
    (baseTree.size(file.previousPath ?? file.path) ?? 0) <= maxBytes
  );
}

/**
 * Fail closed as the check does (an invalid config, a contract that could not be compared), and on
 * new findings at or above --fail-on.
 */
function exitCodeOf(review: Review, failOn: FailOn): number {
  const failClosed = failClosedReasons(review).length > 0;
  return failClosed || review.newFindings.some((f) => failsOn(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

function render(
  format: Exclude<Format, 'github'>,
  review: Review,
  placement: Placement,
  docs: RuleDocs,
  {
    color,
    columns,
    maxChars,
  }: { color: boolean; columns?: number | undefined; maxChars?: number | undefined },
): string {
  switch (format) {
    case 'text':
      return renderReviewText(review, placement, { docs, color, columns });
    case 'json':
      return renderReviewJson(review, placement, { toolVersion: VERSION });
    case 'markdown':
      return renderReviewMarkdown(review, placement, docs, maxChars);
  }
}

/**
 * The config at the base branch (a pull request cannot change the rules that judge it), or --config,
 * read by the reader every door uses; `_extends`, which the CLI cannot follow, is refused.
 */
async function readReviewConfig(
  explicit: string | undefined,
  baseTip: FileSource,
  cwd: string,
  validator: ReturnType<typeof createSchemaValidator>,
): Promise<BlueprintReviewConfig> {
  return configOrUsageError(await readCliConfig(explicit, baseTip, cwd, validator));
}
