import { parseArgs } from 'node:util';
import type { Finding, Severity } from '../../core/finding.js';
import { atLeast, compareFindings } from '../../core/finding.js';
import { describeConfigProblem } from '../../engine/config.js';
import { discoverBlueprints } from '../../engine/discover.js';
import { lintBlueprint } from '../../engine/lint-blueprint.js';
import { resolveRules } from '../../engine/rule-set.js';
import { createSchemaValidator } from '../../load/schema-validation.js';
import { renderLintJson } from '../../report/json.js';
import { renderLintMarkdown } from '../../report/markdown.js';
import { renderSarif, sarifRuleCatalog } from '../../report/sarif.js';
import { renderText } from '../../report/text.js';
import { RULE_SET } from '../../../rules/index.js';
import { VERSION } from '../../version.js';
import type { CliIO } from '../io.js';
import { EXIT, UsageError } from '../io.js';
import { openRepository, readConfig } from '../repository.js';
import type { Command } from './command.js';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: blueprint-review lint [path] [--format ${FORMATS.join('|')}] [--config FILE] [--severity error|warning|info] [--blueprint GLOB]

Lints every blueprint (a folder with blueprint.yaml) under path (default: .).
  --format     output format (default: text)
  --config     config file (default: <repo>/.github/blueprint-review.yml when present)
  --severity   lowest severity that fails the run (default: error); lower ones are still printed
  --blueprint  glob of blueprint folders, relative to the repository root (repeatable)
`;

export const lintCommand: Command = {
  summary: 'check blueprints for missing or dangerous design decisions',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        severity: { type: 'string', default: 'error' },
        blueprint: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    const format = oneOf(values.format, FORMATS, '--format');
    const threshold = oneOf(values.severity, ['error', 'warning', 'info'] as const, '--severity');
    if (positionals.length > 1)
      throw new UsageError(`expected at most one path, got ${positionals.length}\n\n${USAGE}`);

    const repo = openRepository(positionals[0] ?? '.', io.cwd);
    const validator = createSchemaValidator();
    const config = readConfig(values.config, repo.root, io.cwd, validator);
    const { rules, problems } = resolveRules(RULE_SET, config);
    if (problems.length > 0)
      throw new UsageError(
        `Invalid configuration:\n${problems.map((p) => '  ' + describeConfigProblem(p)).join('\n')}`,
      );

    const globs = values.blueprint ?? config.blueprints;
    const roots = await discoverBlueprints(repo.source, repo.relative, globs);
    if (roots.length === 0) throw new UsageError(`no blueprint.yaml found under ${positionals[0] ?? '.'}`);

    const findings: Finding[] = [];
    for (const root of roots) {
      const result = await lintBlueprint(repo.source, root, rules, { validator, limits: config.limits });
      findings.push(...result.findings);
    }
    findings.sort(compareFindings);
    io.stdout(render(format, findings, roots, io));
    return findings.some((f) => atLeast(f.severity, threshold as Severity)) ? EXIT.findings : EXIT.ok;
  },
};

function render(format: Format, findings: Finding[], roots: string[], io: CliIO): string {
  switch (format) {
    case 'json':
      return renderLintJson(findings, roots);
    case 'markdown':
      return renderLintMarkdown(findings, roots);
    case 'sarif':
      return renderSarif(findings, { rules: sarifRuleCatalog(RULE_SET.rules), toolVersion: VERSION });
    case 'text':
      return renderText(findings, { color: io.isTTY });
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}
