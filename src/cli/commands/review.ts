import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FileSource } from '../../core/file-source.js';
import { changedFilesBetween } from '../../adapters/git-changes.js';
import { GitFileSource, GitRefError } from '../../adapters/git-file-source.js';
import { GitError, mergeBaseOf, repositoryRoot } from '../../adapters/git.js';
import type { BlueprintReviewConfig } from '../../load/load-config.js';
import { parseConfig } from '../../load/load-config.js';
import { createSchemaValidator } from '../../load/schema-validation.js';
import type { Placement } from '../../review/placement.js';
import { placeFindings } from '../../review/placement.js';
import { renderReviewJson } from '../../review/render/json.js';
import { renderLineComments } from '../../review/render/pull-request-review.js';
import { renderSummary } from '../../review/render/summary.js';
import { renderReviewText } from '../../review/render/text.js';
import { reviewPullRequest } from '../../review/review-pull-request.js';
import type { RuleDocs } from '../../review/rule-docs.js';
import { ruleDocs } from '../../review/rule-docs.js';
import type { Review } from '../../review/types.js';
import { RULE_SET } from '../../../rules/index.js';
import type { CliIO } from '../io.js';
import { EXIT, UsageError } from '../io.js';
import { CONFIG_PATH } from '../repository.js';
import type { Command } from './command.js';
import { oneOf } from './lint.js';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: blueprint-review review --base REF [--head REF] [path] [--format ${FORMATS.join('|')}] [--config FILE]

Prints what the bot would say on a pull request from --head into --base, in a local git repository:
the line comments, the check run's verdict and summary. As on GitHub, changes are measured from the
merge base, and the config (${CONFIG_PATH}) is read at the base.
  --base     the branch the pull request merges into (branch, tag or SHA)
  --head     the pull request's head (default: HEAD)
  path       the repository, or a folder in it to review only the blueprints under it (default: .)
  --format   text (default), markdown (the check-run summary and the comments) or json
  --config   a config file on disk instead of the one at the base
Exit codes: 0 the check would pass, 1 it would fail, 2 usage or configuration error.
`;

export const reviewCommand: Command = {
  summary: 'print what the bot would say on a pull request (local git refs)',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string', default: 'HEAD' },
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    const format = oneOf(values.format, FORMATS, '--format');
    if (!values.base) throw new UsageError(`--base is required\n\n${USAGE}`);
    if (positionals.length > 1) throw new UsageError(`expected at most one path, got ${positionals.length}`);
    const target = path.resolve(io.cwd, positionals[0] ?? '.');
    const root = await gitOrUsage(() => repositoryRoot(target));

    const [baseRef, head] = await Promise.all([open(root, values.base), open(root, values.head)]);
    const mergeBase = await gitOrUsage(() => mergeBaseOf(root, baseRef.sha, head.sha));
    const base =
      mergeBase === baseRef.sha
        ? baseRef
        : relabel(await open(root, mergeBase), `${values.base} (merge base ${mergeBase.slice(0, 7)})`);
    const validator = createSchemaValidator();
    const config = await readConfig(values.config, base, io, validator);
    const relative = path.relative(root, target).split(path.sep).join('/');
    if (relative !== '' && config.blueprints === undefined) config.blueprints = [relative, `${relative}/**`];

    const changedFiles = await changedFilesBetween(root, mergeBase, head.sha);
    const review = await reviewPullRequest({
      base,
      head,
      changedFiles,
      config,
      ruleSet: RULE_SET,
      validator,
    });
    io.stdout(
      render(
        format,
        review,
        placeFindings(review.newFindings, changedFiles, { ...config.review }),
        ruleDocs(RULE_SET),
        io,
      ),
    );
    return review.conclusion === 'failure' ? EXIT.findings : EXIT.ok;
  },
};

function render(format: Format, review: Review, placement: Placement, docs: RuleDocs, io: CliIO): string {
  switch (format) {
    case 'json':
      return renderReviewJson(review, placement);
    case 'text':
      return renderReviewText(review, placement, { docs, color: io.isTTY });
    case 'markdown': {
      const comments = renderLineComments(placement.comments, docs).map((comment) => {
        return `#### \`${comment.path}\` line ${comment.line}${comment.side === 'LEFT' ? ' (base side)' : ''}\n\n${comment.body}`;
      });
      return (
        renderSummary(review, { docs, placement }) +
        (comments.length > 0 ? `\n### Review comments\n\n${comments.join('\n\n')}\n` : '')
      );
    }
  }
}

/** The same snapshot under another name, for messages. */
function relabel(source: FileSource, label: string): FileSource {
  return { label, read: (p) => source.read(p), list: (f) => source.list(f) };
}

async function open(root: string, ref: string): Promise<GitFileSource> {
  try {
    return await GitFileSource.open(root, ref);
  } catch (error) {
    if (error instanceof GitRefError) throw new UsageError(error.message);
    throw error;
  }
}

async function gitOrUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
}

/** The config at the base (a pull request cannot change the rules that judge it), or --config. */
async function readConfig(
  explicit: string | undefined,
  base: FileSource,
  io: CliIO,
  validator: ReturnType<typeof createSchemaValidator>,
): Promise<BlueprintReviewConfig> {
  let name: string;
  let text: string;
  if (explicit) {
    name = explicit;
    try {
      text = readFileSync(path.resolve(io.cwd, explicit), 'utf8');
    } catch {
      throw new UsageError(`--config ${explicit}: no such file`);
    }
  } else {
    const read = await base.read(CONFIG_PATH);
    if (read.kind === 'missing') return {};
    if (read.kind !== 'ok')
      throw new UsageError(`${CONFIG_PATH} at ${base.label} could not be read (${read.kind})`);
    name = `${CONFIG_PATH}@${base.label}`;
    text = read.text;
  }
  const parsed = parseConfig(name, text, validator);
  if (parsed.kind === 'invalid')
    throw new UsageError(
      `Invalid configuration:\n${parsed.problems.map((p) => `  ${name}:${p.line}  ${p.message}`).join('\n')}`,
    );
  if (parsed.config._extends !== undefined)
    io.stderr(
      `note: ${name} extends "${parsed.config._extends}"; the CLI does not fetch it (the app does).\n`,
    );
  return parsed.config;
}
