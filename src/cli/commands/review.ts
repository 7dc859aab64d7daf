import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../io.js';
import {
  DOCS_URL_OPTION,
  FAIL_ON_OPTION,
  MAX_CHARS_OPTION,
  maxCharsOf,
  docsUrlOf,
  failOnOf,
  onePath,
  formatOption,
} from './shared-options.js';

const FORMATS = ['text', 'markdown', 'json', 'github'] as const;

export const reviewCommand: Command = {
  name: 'review',
  summary: 'print what the bot would say on a pull request (local git refs)',
  synopsis: '--base REF [--head REF] [path]',
  description: `Prints what the bot would say on a pull request from --head into --base, in a local git
repository: the line comments, the check run's verdict and summary. As on GitHub, changes are measured
from the merge base, and the repository's config is read at the base. path is the repository, or a
folder in it to review only the blueprints under it (default: .). The JSON report follows
schemas/review-report.schema.json.`,
  report: 'stdout',
  options: [
    {
      name: 'base',
      type: 'string',
      value: 'REF',
      description: 'the branch the pull request merges into (branch, tag or SHA)',
    },
    { name: 'head', type: 'string', value: 'REF', default: 'HEAD', description: "the pull request's head" },
    formatOption(
      FORMATS,
      'text, markdown (the check-run summary and the comments), json, or github (annotations, then the text)',
    ),
    {
      name: 'config',
      short: 'c',
      type: 'string',
      value: 'FILE',
      description: 'a config file on disk instead of the one at the base',
    },
    FAIL_ON_OPTION,
    DOCS_URL_OPTION,
    MAX_CHARS_OPTION,
  ],
  epilogue: `Exit codes: 0 the pull request brings nothing at or above --fail-on, 1 it does (or the review
fails closed: invalid config, a contract that could not be compared), 2 usage or configuration error.`,
  async run(context) {
    const base = stringOption(context.values, 'base');
    if (!base) throw new UsageError('--base is required');
    const target = onePath(context.positionals);
    const { runReviewCommand } = await import('../review-run.js');
    return runReviewCommand(context, {
      base,
      head: stringOption(context.values, 'head') ?? 'HEAD',
      target,
      format: stringOption(context.values, 'format') as (typeof FORMATS)[number],
      configFile: stringOption(context.values, 'config'),
      failOn: failOnOf(context.values),
      docsUrl: docsUrlOf(context.values, context.io),
      maxChars: maxCharsOf(context.values),
    });
  },
};
