/** `init`: a blueprint started from the repository's contracts and Backstage catalog, or its drift. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { plainText } from '../core/inert-text.js';
import { describeConfigProblem } from '../engine/config.js';
import { resolveRules } from '../engine/rule-set.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { RULE_SET } from '../../rules/index.js';
import type { InferredTopology, InitOptions, InitPlan } from '../init/index.js';
import type * as InitModule from '../init/index.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import type { CommandContext } from './command.js';
import { invalidConfiguration } from './cli-config.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { openRepository, readConfig } from './repository.js';
import { writeOutputFile } from './output-files.js';
import type { LocalRepository } from './repository.js';
import { append } from '../core/arrays.js';

export interface InitRequest {
  dir: string;
  from: 'contracts' | 'backstage' | 'both';
  out?: string | undefined;
  dryRun: boolean;
  force: boolean;
  update: boolean;
  config?: string | undefined;
}

export async function runInit(context: CommandContext, request: InitRequest): Promise<number> {
  const { io } = context;
  const repo = openRepository(request.dir, io.cwd);
  const outAbsolute = path.resolve(io.cwd, request.out ?? path.join(request.dir, 'blueprint'));
  const out = repositoryFolder(repo.root, outAbsolute, request.out);
  const validator = createSchemaValidator();
  const config = await readConfig(request.config, repo.root, io.cwd, validator);
  const run: InitRun = {
    io,
    repo,
    request,
    validator,
    options: {
      under: repo.relative,
      out,
      from: request.from === 'both' ? ['contracts', 'backstage'] : [request.from],
      name: blueprintName(path.resolve(io.cwd, request.dir)),
      limits: config.limits,
    },
    init: await import('../init/index.js'),
  };
  return request.update ? reportDrift(run, outAbsolute) : startBlueprint(run, config);
}

/** What both ways of running init read. */
interface InitRun {
  io: CliIO;
  repo: LocalRepository;
  request: InitRequest;
  validator: SchemaValidator;
  options: InitOptions;
  /** Loaded when init runs, not when the CLI starts. */
  init: typeof InitModule;
}

/** The blueprint folder relative to the repository root, which must hold it. */
function repositoryFolder(root: string, folder: string, requested: string | undefined): string {
  const out = path.relative(root, folder).split(path.sep).join('/');
  if (out.startsWith('..') || path.isAbsolute(out))
    throw new UsageError(`--out ${requested}: the blueprint must live inside the repository (${root})`);
  return out;
}

/** The folder's name as a blueprint name (the catalog's single System, when there is one, wins). */
function blueprintName(folder: string): string {
  return (
    path
      .basename(folder)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-') || 'blueprint'
  );
}

/** `--update`: every way the existing blueprint lags its sources; findings when it does. */
async function reportDrift(
  { io, repo, options, validator, init }: InitRun,
  outAbsolute: string,
): Promise<number> {
  if (!existsSync(path.join(outAbsolute, 'blueprint.yaml')))
    throw new UsageError(
      `--update: no blueprint.yaml in ${options.out || '.'}; run init without --update first, or name the blueprint folder with --out`,
    );
  const { findings } = await init.checkDrift(repo.source, options, validator);
  io.stdout(renderDrift(findings, options.out));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

/**
 * A new blueprint from the sources: what they say, the files written (or, in a dry run, which
 * would be), then the generated blueprint's findings as a to-do list.
 */
async function startBlueprint(run: InitRun, config: BlueprintReviewConfig): Promise<number> {
  const { io, repo, request, options, init } = run;
  const { rules, problems } = resolveRules(RULE_SET, config);
  if (problems.length > 0) throw invalidConfiguration(problems.map(describeConfigProblem));
  const plan = await init.planInit(repo.source, options);
  // Sources that could not be read are the news, not the starter blueprint: their problems follow.
  const starter = plan.starter && plan.findings.length === 0;
  io.stdout(starter ? renderStarter(plan.topology, request) : renderTopology(plan.topology));
  if (plan.findings.length > 0)
    io.stdout(`\nIn the sources:\n${plan.findings.map((f) => '  ' + findingLine(f)).join('\n')}\n`);
  const sourceErrors = plan.findings.some((f) => f.severity === 'error');
  if (request.dryRun) io.stdout(renderDryRun(plan, repo.root, request.force, sourceErrors));
  else if (sourceErrors) {
    io.stderr(`\nNothing written: ${WHY_NOTHING}, then run init again.\n`);
    return EXIT.findings;
  } else writePlan(io, plan, repo.root, request.force);

  const todo = await init.lintPlan(repo.source, plan, options.out, rules, {
    validator: run.validator,
    limits: config.limits,
  });
  const categories = new Map(RULE_SET.rules.map((r) => [r.meta.id, r.meta.category]));
  const groups = init.todoGroups(todo, (id) => categories.get(id));
  io.stdout(plan.starter && todo.length === 0 ? starterNext(options.out) : renderTodo(groups, options.out));
  return sourceErrors ? EXIT.findings : EXIT.ok;
}

/** The plan's files that exist already: init overwrites them only with --force. */
function existingFiles(plan: InitPlan, root: string): InitPlan['files'] {
  return plan.files.filter((f) => existsSync(path.join(root, f.path)));
}

/**
 * Why init writes nothing while a source has an error: a blueprint made without that source would
 * lack its systems and flows, and look complete.
 */
const WHY_NOTHING =
  'a blueprint made without the sources that have errors above would lack what they describe. Fix them (or run init on a folder without them: `blueprint-review init <dir>`)';

function renderDryRun(plan: InitPlan, root: string, force: boolean, sourceErrors: boolean): string {
  const existing = existingFiles(plan, root);
  const state = (file: string) =>
    existing.some((f) => f.path === file) ? (force ? 'overwrite' : 'exists, kept without --force') : 'new';
  // A real run writes nothing while a source has an error: the dry run must not promise files.
  const heading = sourceErrors
    ? `Would write nothing (dry run): ${WHY_NOTHING}; then init would write:`
    : 'Would write (dry run, nothing written):';
  return `\n${heading}\n${plan.files.map((f) => `  ${plainText(f.path)}  (${state(f.path)})`).join('\n')}\n`;
}

/** Writes the plan's files, refusing (a usage error) to overwrite any without --force. */
function writePlan(io: CliIO, plan: InitPlan, root: string, force: boolean): void {
  const existing = existingFiles(plan, root);
  if (existing.length > 0 && !force)
    throw new UsageError(
      `these files exist and init never overwrites without --force:\n${existing.map((f) => `  ${plainText(f.path)}`).join('\n')}\n(use --update to compare an existing blueprint with the sources)`,
    );
  for (const file of plan.files) {
    const target = path.join(root, file.path);
    writeOutputFile(target, file.text, path.relative(io.cwd, target), io.cwd);
  }
  io.stdout(`\nWrote:\n${plan.files.map((f) => `  ${plainText(f.path)}`).join('\n')}\n`);
}

/** "Read 2 contract documents and 19 catalog entities from 6 catalog files." */
function readSummary(read: InferredTopology['read']): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const catalog =
    read.catalogFiles === 0
      ? 'no Backstage catalog file'
      : `${count(read.entities, 'catalog entity', 'catalog entities')} from ${count(read.catalogFiles, 'catalog file', 'catalog files')}`;
  // A file that looks like a contract and fails to parse is no document read, but it is there: the
  // summary says so, or "Read 0 contract documents" reads as "found none".
  const notRead =
    read.contractsNotRead === 0
      ? ''
      : ` (${count(read.contractsNotRead, 'file that looks like one', 'files that look like one')} could not be read: see below)`;
  return `Read ${count(read.contracts, 'contract document', 'contract documents')}${notRead} and ${catalog}.`;
}

/**
 * What init found when the sources named nothing to write: said first, so a mistyped folder or a
 * `--from` that skipped the sources is seen before the starter blueprint is.
 */
function renderStarter(topology: InferredTopology, request: InitRequest): string {
  const under = plainText(request.dir);
  const sought =
    request.from === 'both'
      ? 'no OpenAPI or AsyncAPI document and no Backstage catalog'
      : request.from === 'contracts'
        ? 'no OpenAPI or AsyncAPI document (--from contracts)'
        : 'no Backstage catalog (--from backstage)';
  const found =
    topology.read.catalogFiles > 0
      ? `${readSummary(topology.read)} They name no system, API or broker resource`
      : `Found ${sought} under ${under}`;
  return `${found}: starting a blueprint for you to fill in by hand.\n`;
}

/** The to-do list of a starter blueprint, which has no findings until systems are written. */
function starterNext(out: string): string {
  const folder = plainText(out || '.');
  return `\nNext: write your systems and flows in ${folder}/blueprint.yaml (its comments show how), then run \`blueprint-review lint ${folder}\`.\n`;
}

/**
 * Ids named per line of the summary: a repository of hundreds of descriptions would otherwise print
 * one line of thousands of characters before anything else; the blueprint written holds them all.
 */
const SHOWN_IDS = 10;

function renderTopology(topology: InferredTopology): string {
  const list = (ids: readonly string[]) => {
    if (ids.length === 0) return '';
    const shown = ids.slice(0, SHOWN_IDS).map(plainText).join(', ');
    return `  ${shown}${ids.length > SHOWN_IDS ? `, … and ${ids.length - SHOWN_IDS} more` : ''}`;
  };
  const lines = [
    readSummary(topology.read),
    `Systems     ${topology.systems.length}${list(topology.systems.map((s) => s.id))}`,
    `Components  ${topology.components.length}${list(topology.components.map((c) => c.id))}`,
    `Contracts   ${topology.contracts.length}${list(topology.contracts.map((c) => c.id))}`,
    `Flows       ${topology.flows.length}`,
    ...topology.flows.map(
      (f) =>
        `  ${plainText(f.from)} → ${plainText(f.to)}  ${f.pattern ?? 'pattern to decide'}${f.via ? ` via ${plainText(f.via)}` : ''}`,
    ),
  ];
  return lines.join('\n') + '\n';
}

function findingLine(f: Finding): string {
  return `${plainText(f.file)}:${f.range.start.line}:${f.range.start.column}  ${f.severity}  ${plainText(f.message)}  ${f.ruleId}`;
}

/**
 * Findings of one rule shown per step of the to-do list. A generated blueprint of a large repository
 * has hundreds of the same finding (every operation without an error response): past a few, the
 * list says how many more and where they all are, so every step stays on the screen.
 */
const SHOWN_PER_RULE = 5;

function renderTodo(groups: readonly { title: string; findings: Finding[] }[], out: string): string {
  const total = groups.reduce((n, g) => n + g.findings.length, 0);
  if (total === 0) return '\nTo do: nothing — the blueprint has no findings.\n';
  const lint = `\`blueprint-review lint ${plainText(out || '.')}\``;
  const lines = [
    '',
    `To do: ${total} finding${total === 1 ? '' : 's'} of ${lint}, in the order to decide them:`,
  ];
  let cut = false;
  groups.forEach((group, i) => {
    lines.push('', `${i + 1}. ${group.title} (${group.findings.length})`);
    const { shown, more } = firstOfEachRule(group.findings);
    append(
      lines,
      shown.map((f) => '  ' + findingLine(f)),
    );
    for (const [ruleId, count] of more) lines.push(`  … and ${count} more ${ruleId}`);
    cut ||= more.size > 0;
  });
  if (cut) lines.push('', `Every finding: ${lint}.`);
  return lines.join('\n') + '\n';
}

/** The first `SHOWN_PER_RULE` findings of each rule, in order, and how many more each rule has. */
function firstOfEachRule(findings: readonly Finding[]): { shown: Finding[]; more: Map<string, number> } {
  const seen = new Map<string, number>();
  const shown: Finding[] = [];
  const more = new Map<string, number>();
  for (const f of findings) {
    const n = (seen.get(f.ruleId) ?? 0) + 1;
    seen.set(f.ruleId, n);
    if (n <= SHOWN_PER_RULE) shown.push(f);
    else more.set(f.ruleId, n - SHOWN_PER_RULE);
  }
  return { shown, more };
}

function renderDrift(findings: readonly Finding[], out: string): string {
  if (findings.length === 0)
    return `${plainText(out || '.')}/blueprint.yaml says everything the sources say.\n`;
  const drift = findings.filter((f) => f.ruleId.startsWith('drift/')).length;
  return (
    [
      ...findings.map(findingLine),
      '',
      `${drift} difference${drift === 1 ? '' : 's'} between the sources and ${plainText(out || '.')}/blueprint.yaml${findings.length > drift ? `, ${findings.length - drift} problem${findings.length - drift === 1 ? '' : 's'} in the sources` : ''}.`,
    ].join('\n') + '\n'
  );
}
