/**
 * The rule catalogue as Markdown: one page per rule (`docs/rules/<category>/<name>.md`) and an index,
 * rendered from the rule modules themselves — description, severity, rationale, sources, options and
 * the same bad/good examples the test suite runs, with the findings the bad ones produce.
 * Pure: the caller lints the examples (see `buildRuleDocs`) and writes the files.
 */
import { stringify } from 'yaml';
import type { Finding, Severity } from '../core/finding.js';
import { InMemoryFileSource } from '../core/file-source.js';
import type { AnyRule, ExampleFiles, RuleExample } from '../engine/rule.js';
import { CATEGORIES } from '../engine/rule.js';
import type { RuleSet } from '../engine/rule-set.js';
import { lintBlueprint } from '../engine/lint-blueprint.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { rulePagePath } from './docs-links.js';

export interface RuleDocsInput {
  ruleSet: RuleSet;
  /** Loader findings (`schema/…`): id → description. */
  loadRules: Readonly<Record<string, string>>;
  /** Files many examples share (the example contracts): shown once in the index, omitted on pages. */
  sharedFiles: Readonly<ExampleFiles>;
}

/** Findings of a rule on each of its bad examples, in the order of `meta.examples.bad`. */
export type ExampleFindings = ReadonlyMap<string, readonly Finding[][]>;

export const INDEX_FILE = 'README.md';

export { rulePagePath };

/** Every page of the catalogue, by path relative to `docs/rules/`. */
export function renderRuleDocs(input: RuleDocsInput, findings: ExampleFindings): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set(INDEX_FILE, renderIndex(input));
  for (const [id, description] of Object.entries(input.loadRules))
    pages.set(rulePagePath(id), renderLoadRulePage(id, description));
  for (const rule of input.ruleSet.rules)
    pages.set(rulePagePath(rule.meta.id), renderRulePage(rule, input, findings.get(rule.meta.id) ?? []));
  return pages;
}

/** Lints every bad example with its rule alone (default options) and renders the catalogue. */
export async function buildRuleDocs(input: RuleDocsInput): Promise<Map<string, string>> {
  const validator = createSchemaValidator();
  const findings = new Map<string, Finding[][]>();
  for (const rule of input.ruleSet.rules) {
    const perExample: Finding[][] = [];
    for (const example of rule.meta.examples.bad) {
      const effective = [
        { rule, severity: rule.meta.severity, options: { ...(rule.meta.options?.defaults ?? {}) } },
      ];
      const result = await lintBlueprint(new InMemoryFileSource(example.files, 'example'), '', effective, {
        validator,
        validateContracts: false,
      });
      perExample.push(result.findings.filter((f) => f.ruleId === rule.meta.id));
    }
    findings.set(rule.meta.id, perExample);
  }
  return renderRuleDocs(input, findings);
}

export function renderRulePage(
  rule: AnyRule,
  input: RuleDocsInput,
  badFindings: readonly Finding[][],
): string {
  const { meta } = rule;
  const presets = Object.entries(input.ruleSet.presets)
    .map(([name, preset]) => `\`${preset(rule)}\` in \`${name}\``)
    .join(', ');
  const lines = [
    `# \`${meta.id}\``,
    '',
    meta.description,
    '',
    `- **Category:** ${meta.category}`,
    `- **Default severity:** \`${meta.severity}\` (${presets})`,
    '',
    '## Why it matters',
    '',
    meta.rationale,
    '',
    '## Sources',
    '',
    ...meta.sources.map((s) => `- ${s}`),
    '',
    '## Messages',
    '',
    ...Object.entries(meta.messages).map(([id, text]) => `- \`${id}\`: ${text}`),
    '',
    '## Options',
    '',
    ...renderOptions(rule),
    '',
    '## Examples',
    '',
    ...meta.examples.bad.flatMap((example, i) =>
      renderExample(meta.id, 'Bad', example, input.sharedFiles, badFindings[i] ?? []),
    ),
    ...meta.examples.good.flatMap((example) =>
      renderExample(meta.id, 'Good', example, input.sharedFiles, []),
    ),
    `[All rules](${relativeToIndex(meta.id)})`,
    '',
  ];
  return lines.join('\n');
}

export function renderLoadRulePage(id: string, description: string): string {
  return [
    `# \`${id}\``,
    '',
    description,
    '',
    '- **Category:** schema (reported by the loader, before any rule runs)',
    '- **Severity:** `error`, always',
    '',
    '## Why it matters',
    '',
    'A blueprint that cannot be read completely cannot be reviewed completely. Load problems are therefore always errors and cannot be switched off or downgraded in config: a parse error, a missing file or a size limit never yields a passing review. The finding points at the offending line (or at the reference that names the file).',
    '',
    `[All rules](${relativeToIndex(id)})`,
    '',
  ].join('\n');
}

export function renderIndex(input: RuleDocsInput): string {
  const { rules } = input.ruleSet;
  const total = rules.length + Object.keys(input.loadRules).length;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const rule of rules) counts[rule.meta.severity]++;
  const lines = [
    '# Rule catalogue',
    '',
    '<!-- Generated from the rule modules by `npm run docs:rules`; a test fails when this folder is stale. -->',
    '',
    `${total} rules: ${rules.length} review rules (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info by default) and ${Object.keys(input.loadRules).length} load checks.`,
    '',
    'Every rule can be switched off or given another severity or options in `.github/blueprint-review.yml`:',
    '',
    '```yaml',
    'preset: recommended # or strict: warnings become errors, info becomes warnings',
    'rules:',
    '  requirements/flow-without-requirement: off',
    '  error-handling/retries-without-circuit-breaker: [error, { maxAttempts: 4 }]',
    '```',
    '',
  ];
  for (const category of CATEGORIES) {
    const inCategory = rules.filter((r) => r.meta.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`## ${category}`, '', '| Rule | Severity | What it finds |', '| --- | --- | --- |');
    for (const rule of inCategory)
      lines.push(
        `| [\`${rule.meta.id}\`](${rulePagePath(rule.meta.id)}) | ${rule.meta.severity} | ${cell(rule.meta.description)} |`,
      );
    lines.push('');
  }
  lines.push('## schema (load checks)', '', '| Rule | Severity | What it finds |', '| --- | --- | --- |');
  for (const [id, description] of Object.entries(input.loadRules))
    lines.push(`| [\`${id}\`](${rulePagePath(id)}) | error | ${cell(description)} |`);
  lines.push(
    '',
    '## Shared example files',
    '',
    'The examples on the rule pages are small but complete repository snapshots. Files they share unchanged are shown here once and left out of the pages.',
    '',
  );
  for (const [path, text] of sortedFiles(input.sharedFiles)) lines.push(...renderFile(path, text));
  return lines.join('\n');
}

function renderOptions(rule: AnyRule): string[] {
  const options = rule.meta.options;
  const properties = (options?.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  if (!options || Object.keys(properties).length === 0) return ['This rule has no options.'];
  const defaults = options.defaults as Record<string, unknown>;
  const rows = Object.entries(properties).map(
    ([name, schema]) =>
      `| \`${name}\` | ${typeOf(schema)} | \`${JSON.stringify(defaults[name])}\` | ${cell(String(schema.description ?? ''))} |`,
  );
  const example = Object.fromEntries(Object.keys(properties).map((name) => [name, defaults[name]]));
  return [
    '| Option | Type | Default | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '```yaml',
    'rules:',
    `  ${rule.meta.id}: [${rule.meta.severity}, ${stringify(example, { collectionStyle: 'flow' }).trim()}]`,
    '```',
  ];
}

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.type === 'array' && typeof schema.items === 'object' && schema.items !== null)
    return `array of ${typeOf(schema.items as Record<string, unknown>)}`;
  return typeof schema.type === 'string' ? schema.type : 'any';
}

function renderExample(
  ruleId: string,
  kind: 'Bad' | 'Good',
  example: RuleExample,
  shared: Readonly<ExampleFiles>,
  findings: readonly Finding[],
): string[] {
  const own = sortedFiles(example.files).filter(([path, text]) => shared[path] !== text);
  const omitted = sortedFiles(example.files)
    .filter(([path, text]) => shared[path] === text)
    .map(([path]) => `\`${path}\``);
  const lines = [`### ${kind === 'Bad' ? '❌ Bad' : '✅ Good'}: ${example.description}`, ''];
  for (const [path, text] of own) lines.push(...renderFile(path, text));
  if (omitted.length > 0)
    lines.push(
      `With the shared ${omitted.join(', ')} ([shared example files](${relativeToIndex(ruleId)}#shared-example-files)).`,
      '',
    );
  if (kind === 'Bad') {
    lines.push(findings.length === 1 ? 'Finding:' : 'Findings:', '');
    for (const f of findings)
      lines.push(`- \`${f.file}:${f.range.start.line}\` (${f.severity}): ${f.message}`);
    lines.push('');
  }
  return lines;
}

function renderFile(path: string, text: string): string[] {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const language = /\.ya?ml$/i.test(path)
    ? 'yaml'
    : /\.md$/i.test(path)
      ? 'markdown'
      : /\.json$/i.test(path)
        ? 'json'
        : '';
  return [`\`${path}\``, '', `${fence}${language}`, text.replace(/\n$/, ''), fence, ''];
}

/** `blueprint.yaml` first, then policies, then the rest alphabetically. */
function sortedFiles(files: Readonly<ExampleFiles>): [string, string][] {
  const rank = (path: string) => (path === 'blueprint.yaml' ? 0 : path.startsWith('policies/') ? 1 : 2);
  return Object.entries(files).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function relativeToIndex(ruleId: string): string {
  return `${'../'.repeat(ruleId.split('/').length - 1)}${INDEX_FILE}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
