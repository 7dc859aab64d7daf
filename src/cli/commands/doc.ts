import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RULE_SET } from '../../../rules/index.js';
import { renderArchitectureHtml } from '../../doc/html.js';
import { renderArchitectureMarkdown } from '../../doc/markdown.js';
import { describeConfigProblem } from '../../engine/config.js';
import { discoverBlueprints } from '../../engine/discover.js';
import { lintBlueprint } from '../../engine/lint-blueprint.js';
import { resolveRules } from '../../engine/rule-set.js';
import { createSchemaValidator } from '../../load/schema-validation.js';
import { renderText } from '../../report/text.js';
import { EXIT, UsageError } from '../io.js';
import { openRepository, readConfig } from '../repository.js';
import type { Command } from './command.js';

const USAGE = `Usage: blueprint-review doc [path] --out DIR [--config FILE] [--blueprint GLOB]

Writes the architecture document of every blueprint under path (default: .) for the review meeting:
DIR/<blueprint name>.md (renders on GitHub, Mermaid topology included) and DIR/<blueprint name>.html
(self-contained: opens offline, diagram rendered in the page). Open lint findings are part of both.
  --out        folder to write to (created when missing)
  --config     config file (default: <repo>/.github/blueprint-review.yml when present)
  --blueprint  glob of blueprint folders, relative to the repository root (repeatable)
`;

export const docCommand: Command = {
  summary: 'write the architecture document (Markdown + self-contained HTML) of each blueprint',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        config: { type: 'string' },
        blueprint: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (!values.out) throw new UsageError(`--out DIR is required\n\n${USAGE}`);
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
    const roots = await discoverBlueprints(repo.source, repo.relative, values.blueprint ?? config.blueprints);
    if (roots.length === 0) throw new UsageError(`no blueprint.yaml found under ${positionals[0] ?? '.'}`);

    const outDir = path.resolve(io.cwd, values.out);
    mkdirSync(outDir, { recursive: true });
    const mermaidScript = readMermaidBundle();
    const taken = new Set<string>();
    let unreadable = 0;
    for (const root of roots) {
      const result = await lintBlueprint(repo.source, root, rules, { validator, limits: config.limits });
      if (!result.model) {
        unreadable++;
        io.stderr(
          `${root || '.'}: the blueprint does not load, no document written:\n${renderText(result.findings)}`,
        );
        continue;
      }
      const base = uniqueName(fileNameFor(result.model.name), taken);
      const markdownFile = path.join(outDir, `${base}.md`);
      const htmlFile = path.join(outDir, `${base}.html`);
      writeFileSync(markdownFile, renderArchitectureMarkdown(result.model, result.findings));
      writeFileSync(htmlFile, renderArchitectureHtml(result.model, result.findings, { mermaidScript }));
      io.stdout(`${path.relative(io.cwd, markdownFile)}\n${path.relative(io.cwd, htmlFile)}\n`);
    }
    return unreadable > 0 ? EXIT.findings : EXIT.ok;
  },
};

/** The browser bundle of mermaid (defines `globalThis.mermaid`), inlined into every HTML document. */
export function readMermaidBundle(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
}

/**
 * The blueprint's name comes from the repository (untrusted): only a plain file name is written, never
 * a path, so `metadata.name: ../../x` stays inside --out.
 */
export function fileNameFor(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 100);
  return safe || 'blueprint';
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}
