import type { Command } from '../command.js';
import type { DiffSides } from '../diff-run.js';
import { stringOption } from '../command.js';
import { UsageError } from '../io.js';
import {
  CONFIG_OPTION,
  FAIL_ON_OPTION,
  failOnOf,
  formatOption,
  MAX_CHARS_OPTION,
  maxCharsOf,
} from './shared-options.js';

const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
export const STRATEGIES = ['semver', 'url-path', 'header', 'media-type', 'none'] as const;

export const diffCommand: Command = {
  name: 'diff',
  summary: 'report breaking changes between two OpenAPI or AsyncAPI contract files',
  synopsis: '<base> <head> | <file> --base REF [--head REF]',
  description: `Compares two OpenAPI or AsyncAPI documents (each may $ref files beside it) and reports the
changes that concern consumers, judged by direction: what consumers send may only widen, what they
read may only narrow. "-" reads one of them from standard input (its $refs resolve from the current
folder). With --base, one file is compared with itself as it was where the branch left REF (the
merge base, as a pull request shows it), each side with its own commit's $refs. With --checks,
lists every check instead.`,
  report: 'stdout',
  options: [
    formatOption(FORMATS),
    FAIL_ON_OPTION,
    {
      name: 'base',
      type: 'string',
      value: 'REF',
      description:
        'compare <file> with itself at the merge base of REF and the head (a branch, tag or commit)',
    },
    {
      name: 'head',
      type: 'string',
      value: 'REF',
      description: 'with --base: read <file> at this commit instead of the working tree',
    },
    {
      name: 'consumers',
      type: 'string',
      value: 'a,b',
      description: 'consumer names for the messages ("consumers billing and erp read it")',
    },
    {
      name: 'versioning',
      type: 'string',
      choices: STRATEGIES,
      description: "the contract's versioning strategy: breaking changes it consents to become warnings",
    },
    {
      name: 'today',
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'date for x-sunset comparisons (default: today)',
    },
    {
      ...CONFIG_OPTION,
      description: `${CONFIG_OPTION.description}: its \`diff:\` section says which extensions count`,
    },
    {
      name: 'checks',
      type: 'boolean',
      description: 'list every check instead of diffing (markdown: the docs/breaking-changes.md catalogue)',
    },
    MAX_CHARS_OPTION,
  ],
  epilogue: `Exit codes: 0 nothing at or above --fail-on, 1 changes at or above it, 2 usage error or input that
cannot be compared. The JSON report follows schemas/diff-report.schema.json.`,
  async run(context) {
    const { values, positionals } = context;
    const format = stringOption(values, 'format') as (typeof FORMATS)[number];
    if (values.checks) {
      const { renderChecks } = await import('../diff-run.js');
      context.io.stdout(renderChecks(format === 'github' ? 'text' : format, context.quiet));
      return 0;
    }
    const today = stringOption(values, 'today');
    if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today))
      throw new UsageError(`--today must be a date like 2026-01-31 (got "${today}")`);
    const { runDiff } = await import('../diff-run.js');
    return runDiff(context, {
      sides: sidesOf(positionals, stringOption(values, 'base'), stringOption(values, 'head')),
      format,
      failOn: failOnOf(values),
      consumers: stringOption(values, 'consumers'),
      versioning: stringOption(values, 'versioning') as (typeof STRATEGIES)[number] | undefined,
      today,
      configFile: stringOption(values, 'config'),
      maxChars: maxCharsOf(values),
    });
  },
};

/** Two files, or one file and the refs it is read at. */
function sidesOf(positionals: string[], baseRef: string | undefined, headRef: string | undefined): DiffSides {
  if (baseRef === undefined) {
    if (headRef !== undefined) throw new UsageError('--head needs --base: diff <file> --base REF --head REF');
    if (positionals.length !== 2)
      throw new UsageError(`expected two files, <base> and <head>, got ${positionals.length}`);
    if (positionals[0] === '-' && positionals[1] === '-')
      throw new UsageError('only one of <base> and <head> can be read from standard input');
    return { kind: 'files', base: positionals[0]!, head: positionals[1]! };
  }
  if (positionals.length !== 1)
    throw new UsageError(
      `with --base, expected one file (diff <file> --base REF), got ${positionals.length}`,
    );
  if (positionals[0] === '-')
    throw new UsageError('with --base, the file is read from git, not standard input');
  return { kind: 'git', file: positionals[0]!, baseRef, ...(headRef !== undefined ? { headRef } : {}) };
}
