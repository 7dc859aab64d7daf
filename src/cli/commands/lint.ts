import type { Command } from '../command.js';
import { stringOption, stringsOption } from '../command.js';
import { failsOn } from '../../core/fail-on.js';
import { EXIT } from '../io.js';
import {
  CONFIG_OPTION,
  DOCS_URL_OPTION,
  FAIL_ON_OPTION,
  MAX_CHARS_OPTION,
  maxCharsOf,
  failOnOf,
  docsUrlOf,
  onePath,
  formatOption,
} from './shared-options.js';

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

export const lintCommand: Command = {
  name: 'lint',
  summary: 'check blueprints for missing or dangerous design decisions',
  synopsis: '[path]',
  description: `Lints every blueprint (a folder with blueprint.yaml) under path (default: .), or the one
blueprint whose blueprint.yaml path is given. Findings are grouped by file.`,
  report: 'stdout',
  options: [
    formatOption(FORMATS),
    CONFIG_OPTION,
    { ...FAIL_ON_OPTION, aliases: ['severity'] },
    {
      name: 'blueprint',
      type: 'string',
      multiple: true,
      value: 'GLOB',
      description: 'glob of blueprint folders, relative to the repository root (repeatable)',
    },
    DOCS_URL_OPTION,
    MAX_CHARS_OPTION,
  ],
  epilogue: `Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.
The JSON report follows schemas/lint-report.schema.json.`,
  async run(context) {
    const { io, values, positionals, quiet, color } = context;
    const target = onePath(positionals);
    const failOn = failOnOf(values);
    const docsUrl = docsUrlOf(values, io);
    const maxChars = maxCharsOf(values);
    const [{ lintRepository }, report] = await Promise.all([
      import('../lint-repository.js'),
      import('../lint-report.js'),
    ]);
    const result = await lintRepository({
      target,
      cwd: io.cwd,
      configFile: stringOption(values, 'config'),
      globs: stringsOption(values, 'blueprint'),
    });
    const format = stringOption(values, 'format') as Format;
    const render = (as: Exclude<Format, 'github'>, inColor: boolean) =>
      report.renderLintReport(as, result.findings, result.roots, {
        color: inColor,
        quiet,
        columns: io.columns,
        ...(docsUrl ? { docsUrl } : {}),
        ...(maxChars ? { maxChars } : {}),
      });
    if (format === 'github') {
      const { printAnnotated } = await import('../annotated-report.js');
      printAnnotated(context, result.findings, render('text', false), { listed: 'finding' });
    } else io.stdout(render(format, color));
    return result.findings.some((f) => failsOn(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
  },
};
