import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DiskFileSource } from '../../adapters/disk-file-source.js';
import type { Severity } from '../../core/finding.js';
import { atLeast } from '../../core/finding.js';
import { renderCatalogue } from '../../diff/catalogue.js';
import { CHECKS } from '../../diff/checks/index.js';
import { createParseCache, diffContracts } from '../../diff/index.js';
import { markdownCode, plainText } from '../../core/inert-text.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../diff/render.js';
import type { VersioningStrategy } from '../../diff/types.js';
import { EXIT, UsageError } from '../io.js';
import { findRepositoryRoot } from '../repository.js';
import type { Command } from './command.js';
import { oneOf } from './lint.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
const STRATEGIES = ['semver', 'url-path', 'header', 'media-type', 'none'] as const;

const USAGE = `Usage: blueprint-review diff <base> <head> [--format text|json|markdown] [--fail-on error|warning]
                             [--consumers a,b] [--versioning ${STRATEGIES.join('|')}] [--today YYYY-MM-DD]
       blueprint-review diff --checks [--format text|json|markdown]

Compares two OpenAPI or AsyncAPI documents (each may $ref files beside it) and reports the changes
that concern consumers, judged by direction: what consumers send may only widen, what they read may
only narrow.
  --format      output format (default: text)
  --fail-on     lowest severity that fails the run with exit 1 (default: error)
  --consumers   consumer names for the messages ("consumers billing and erp read it")
  --versioning  the contract's versioning strategy: breaking changes it consents to become warnings
  --today       date for x-sunset comparisons (default: today)
  --checks      list every check instead of diffing (markdown: the docs/breaking-changes.md catalogue)
Exit codes: 0 nothing at or above --fail-on, 1 changes at or above it, 2 usage error or unreadable input.
`;

/** Local files may be large (a vendor's full description); the repository limits apply in the App. */
const CLI_MAX_FILE_BYTES = 64 * 1024 * 1024;

export const diffCommand: Command = {
  summary: 'report breaking changes between two OpenAPI or AsyncAPI contract files',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        consumers: { type: 'string' },
        versioning: { type: 'string' },
        today: { type: 'string' },
        checks: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    const format = oneOf(values.format, FORMATS, '--format');
    if (values.checks) {
      io.stdout(
        format === 'markdown'
          ? renderCatalogue()
          : format === 'json'
            ? JSON.stringify({ checks: CHECKS }, null, 2) + '\n'
            : CHECKS.map(
                (c) => `${c.id.padEnd(46)} ${c.level.padEnd(7)} ${c.direction.padEnd(8)} ${c.description}`,
              ).join('\n') + `\n\n${CHECKS.length} checks\n`,
      );
      return EXIT.ok;
    }
    const failOn = oneOf(values['fail-on'], ['error', 'warning'] as const, '--fail-on') as Severity;
    const strategy =
      values.versioning === undefined ? undefined : oneOf(values.versioning, STRATEGIES, '--versioning');
    if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
      throw new UsageError(`--today must be a date like 2026-01-31 (got "${values.today}")`);
    if (positionals.length !== 2)
      throw new UsageError(`expected two files, <base> and <head>, got ${positionals.length}\n\n${USAGE}`);

    const [base, head] = positionals.map((p) => openContract(p, io.cwd)) as [OpenContract, OpenContract];
    const outcome = await diffContracts(base, head, {
      consumers: values.consumers
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      versioning: strategy ? { strategy: strategy as VersioningStrategy } : undefined,
      today: values.today,
      limits: { maxFileBytes: CLI_MAX_FILE_BYTES },
      cache: createParseCache(),
    });
    io.stdout(
      format === 'json'
        ? renderDiffJson(outcome)
        : format === 'markdown'
          ? renderDiffMarkdown(outcome, `${markdownCode(positionals[0]!)} → ${markdownCode(positionals[1]!)}`)
          : renderDiffText(outcome),
    );
    if (outcome.problems.length > 0) {
      for (const p of outcome.problems) io.stderr(`blueprint-review diff: ${plainText(p.message)}\n`);
      return EXIT.usage;
    }
    return outcome.changes.some((c) => atLeast(c.severity, failOn)) ? EXIT.findings : EXIT.ok;
  },
};

interface OpenContract {
  source: DiskFileSource;
  path: string;
}

/** A contract file on disk, read through a FileSource rooted at its repository (or its folder). */
function openContract(file: string, cwd: string): OpenContract {
  const absolute = path.resolve(cwd, file);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new UsageError(`${file}: no such file`);
  const root = findRepositoryRoot(path.dirname(absolute));
  return { source: new DiskFileSource(root), path: path.relative(root, absolute).split(path.sep).join('/') };
}
