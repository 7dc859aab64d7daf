/** Options several commands share, spelled and checked the same way everywhere. */
import type { FailOn } from '../../core/fail-on.js';
import { FAIL_ON_VALUES, parseFailOn } from '../../core/fail-on.js';
import { quoted } from '../../core/inert-text.js';
import { DOCS_URL_ENV, parseDocsUrl } from '../../report/docs-links.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { stringOption } from '../command.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';

/** `--format`/`-f`: one of the command's output formats (`choices`), `text` by default. */
export function formatOption(choices: readonly string[], description = 'output format'): OptionSpec {
  return { name: 'format', short: 'f', type: 'string', choices, default: 'text', description };
}

export const FAIL_ON_OPTION: OptionSpec = {
  name: 'fail-on',
  type: 'string',
  choices: FAIL_ON_VALUES,
  default: 'error',
  description: 'lowest severity that fails the run with exit 1; lower ones are still printed',
};

export const CONFIG_OPTION: OptionSpec = {
  name: 'config',
  short: 'c',
  type: 'string',
  value: 'FILE',
  description: 'config file (default: <repository>/.github/blueprint-review.yml when present)',
};

export const DOCS_URL_OPTION: OptionSpec = {
  name: 'docs-url',
  type: 'string',
  value: 'URL',
  description: `where the docs/ folder is published, for links to rule pages (default: $${DOCS_URL_ENV}; none: help inline)`,
};

export function failOnOf(values: OptionValues): FailOn {
  return parseFailOn(stringOption(values, 'fail-on') ?? 'error')!;
}

/** `--docs-url`, else the environment's; validated, without a trailing slash. */
export function docsUrlOf(values: OptionValues, io: CliIO): string | undefined {
  const given = stringOption(values, 'docs-url');
  const value = given ?? io.env?.[DOCS_URL_ENV];
  if (!value) return undefined;
  const parsed = parseDocsUrl(value);
  if (parsed.kind === 'invalid')
    throw new UsageError(`${given !== undefined ? '--docs-url' : DOCS_URL_ENV}: ${parsed.reason}`);
  return parsed.url;
}

/**
 * `--max-chars N`: the longest `--format markdown` report. By default a report fits a job summary
 * (1 MiB); a workflow posting it as a pull request comment, which GitHub refuses past 65,535
 * characters, asks for that.
 */
export const MAX_CHARS_OPTION: OptionSpec = {
  name: 'max-chars',
  type: 'string',
  value: 'N',
  description:
    'longest --format markdown report, in characters (default: what a job summary holds; 65535 fits a pull request comment)',
};

/** The least `--max-chars`: room for a report's title, counts and the line saying what is not listed. */
const MIN_REPORT_CHARS = 20_000;

/** `--max-chars`, checked; undefined when not given (the report's default). */
export function maxCharsOf(values: OptionValues): number | undefined {
  const given = stringOption(values, 'max-chars');
  if (given === undefined) return undefined;
  if (!/^\d{1,9}$/.test(given) || Number(given) < MIN_REPORT_CHARS)
    throw new UsageError(
      `--max-chars must be a number of characters, ${MIN_REPORT_CHARS} at least (got ${quoted(given)})`,
    );
  return Number(given);
}

/** Commands that take at most one path (default: the current folder). */
export function onePath(positionals: readonly string[]): string {
  if (positionals.length > 1) throw new UsageError(`expected at most one path, got ${positionals.length}`);
  return positionals[0] ?? '.';
}
