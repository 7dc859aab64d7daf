/** `diff`: two contract files (or one from standard input) compared, and the outcome rendered. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiskFileSource } from '../adapters/disk-file-source.js';
import type { FileSource } from '../core/file-source.js';
import { markdownCode, plainText } from '../core/inert-text.js';
import type { FailOn } from '../core/fail-on.js';
import { failsOn } from '../core/fail-on.js';
import { renderCatalogue } from '../diff/catalogue.js';
import { CHECKS } from '../diff/checks/index.js';
import { changesToFindings, createParseCache, describeProblem, diffContracts } from '../diff/index.js';
import type { BreakingFinding } from '../diff/index.js';
import { printAnnotated } from './annotated-report.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../diff/render.js';
import type { FileNaming } from '../diff/render.js';
import type { DiffExtensions, VersioningStrategy } from '../diff/types.js';
import { VERSION } from '../version.js';
import type { CommandContext } from './command.js';
import { EXIT, UsageError } from './io.js';
import { CONFIG_PATH } from '../core/config-path.js';
import { findRepositoryRoot } from './repository-root.js';
import { repositoryRoot } from '../adapters/git.js';
import { commitOf, gitOrUsage, mergeBaseOfBranch, openCommit } from './git-snapshots.js';

/** Local files may be large (a vendor's full description); the repository limits apply in the App. */
const CLI_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** The name standard input goes by, in the current folder (so its relative `$ref`s resolve there). */
const STDIN_NAME = '(stdin)';

/**
 * What is compared: two files, or one file as a branch changed it — at the merge base of `baseRef`
 * and the head (a commit, or the working tree), as GitHub shows a pull request.
 */
export type DiffSides =
  | { kind: 'files'; base: string; head: string }
  | { kind: 'git'; file: string; baseRef: string; headRef?: string };

export interface DiffRequest {
  sides: DiffSides;
  format: 'text' | 'json' | 'markdown' | 'github';
  failOn: FailOn;
  consumers?: string | undefined;
  versioning?: VersioningStrategy | undefined;
  today?: string | undefined;
  /** `--config FILE`; without it the head's repository config when present (its `diff:` section). */
  configFile?: string | undefined;
  /** `--max-chars`: the longest Markdown report. */
  maxChars?: number | undefined;
}

/**
 * The `diff:` section of `--config FILE`, else of the head repository's config when it has one. The
 * config loader (yaml, ajv) is imported only then: a diff without config starts without it.
 */
async function configuredExtensions(
  explicit: string | undefined,
  repoRoot: string,
  cwd: string,
): Promise<DiffExtensions | undefined> {
  if (!explicit && !existsSync(path.join(repoRoot, CONFIG_PATH))) return undefined;
  const [{ readConfig }, { createSchemaValidator }, { diffExtensionsOf }] = await Promise.all([
    import('./repository.js'),
    import('../load/schema-validation.js'),
    import('../review/contract-differ.js'),
  ]);
  return diffExtensionsOf(await readConfig(explicit, repoRoot, cwd, createSchemaValidator()));
}

export async function runDiff(context: CommandContext, request: DiffRequest): Promise<number> {
  const { io } = context;
  const { base, head, title } = await openSides(request.sides, context);
  const extensions = await configuredExtensions(request.configFile, head.root, io.cwd);
  const outcome = await diffContracts(base, head, {
    ...(extensions ? { extensions } : {}),
    consumers: request.consumers
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    versioning: request.versioning ? { strategy: request.versioning } : undefined,
    today: request.today,
    limits: { maxFileBytes: CLI_MAX_FILE_BYTES },
    cache: createParseCache(),
  });
  const fileName = shownFileNames(base, head, io.cwd);
  const text = () =>
    renderDiffText(outcome, { quiet: context.quiet, columns: io.columns, ...(fileName ? { fileName } : {}) });
  switch (request.format) {
    case 'github':
      // A problem means the comparison did not happen (or not completely): why the run fails, so it
      // is annotated before any change.
      printAnnotated(context, changesToFindings(outcome), text(), {
        fileOf: (finding) => repositoryPath(finding, base, head),
        listed: 'change',
        runErrors: outcome.problems.map(describeProblem),
      });
      break;
    case 'json':
      io.stdout(renderDiffJson(outcome, { toolVersion: VERSION }));
      break;
    case 'markdown':
      io.stdout(
        renderDiffMarkdown(
          outcome,
          `${sideTitle(title.base)} → ${sideTitle(title.head)}`,
          fileName,
          request.maxChars,
        ),
      );
      break;
    case 'text':
      io.stdout(text());
  }
  if (outcome.problems.length > 0) {
    // The text report on a terminal already lists them; anywhere else (JSON, Markdown, a file, a
    // pipe) the person running the command reads them here.
    const shownOnTerminal = request.format === 'text' && io.isTTY;
    if (!shownOnTerminal)
      for (const p of outcome.problems)
        io.stderr(`blueprint-review diff: ${plainText(describeProblem(p))}\n`);
    return EXIT.usage;
  }
  return outcome.changes.some((c) => failsOn(c.severity, request.failOn)) ? EXIT.findings : EXIT.ok;
}

export function renderChecks(format: 'text' | 'json' | 'markdown', quiet: boolean): string {
  if (format === 'markdown') return renderCatalogue();
  if (format === 'json') return JSON.stringify({ checks: CHECKS }, null, 2) + '\n';
  const lines = CHECKS.map(
    (c) => `${c.id.padEnd(46)} ${c.level.padEnd(7)} ${c.direction.padEnd(8)} ${c.description}`,
  );
  if (!quiet) lines.push('', `${CHECKS.length} checks`);
  return lines.join('\n') + '\n';
}

interface OpenContract {
  source: FileSource;
  path: string;
  /** The repository (or folder) the file is read from, where its config would be. */
  root: string;
}

interface SideTitle {
  file: string;
  at?: string;
}

function sideTitle({ file, at }: SideTitle): string {
  return at === undefined ? markdownCode(file) : `${markdownCode(file)} at ${markdownCode(at)}`;
}

interface OpenSides {
  base: OpenContract;
  head: OpenContract;
  /** How the report's title names each side: its file, and the commit it was read at. */
  title: { base: SideTitle; head: SideTitle };
}

async function openSides(sides: DiffSides, context: CommandContext): Promise<OpenSides> {
  if (sides.kind === 'git') return openAtCommits(sides, context);
  const [base, head] = await Promise.all([
    openContract(sides.base, context),
    openContract(sides.head, context),
  ]);
  return { base, head, title: { base: { file: sides.base }, head: { file: sides.head } } };
}

/**
 * One file as a branch changed it: the head from the working tree or `headRef`, the base from the
 * merge base of `baseRef` and the head, each with the `$ref`s its own commit holds. A file the merge
 * base lacks is a contract the branch added (nothing it can break); one the head commit lacks, one
 * it removed.
 */
async function openAtCommits(
  sides: Extract<DiffSides, { kind: 'git' }>,
  context: CommandContext,
): Promise<OpenSides> {
  const absolute = path.resolve(context.io.cwd, sides.file);
  const root = findRepositoryRoot(path.dirname(absolute));
  await gitOrUsage(() => repositoryRoot(root));
  const repoPath = path.relative(root, absolute).split(path.sep).join('/');
  const headCommit = sides.headRef === undefined ? undefined : await openCommit(root, sides.headRef);
  // A file the working tree no longer holds is one the branch removed, not a typo: a typo is in
  // neither side, which the comparison reports as such.
  const head =
    headCommit || !existsSync(absolute)
      ? { source: headCommit ?? new DiskFileSource(root), path: repoPath, root }
      : await openContract(sides.file, context);
  const baseTip = await openCommit(root, sides.baseRef);
  const headSha = headCommit?.sha ?? (await commitOf(root, 'HEAD'));
  const mergeBase = await mergeBaseOfBranch(
    root,
    { ref: sides.baseRef, tip: baseTip },
    { name: sides.headRef ?? 'HEAD', sha: headSha },
  );
  return {
    base: { source: mergeBase.named, path: repoPath, root },
    head,
    title: {
      base: { file: repoPath, at: mergeBase.named.label },
      head: sides.headRef === undefined ? { file: sides.file } : { file: repoPath, at: sides.headRef },
    },
  };
}

/**
 * A contract file on disk, read through a FileSource rooted at its repository (or its folder); `-`
 * is standard input, placed in the current folder so its relative `$ref`s find their files.
 */
async function openContract(file: string, context: CommandContext): Promise<OpenContract> {
  const { io } = context;
  if (file === '-') {
    if (!io.readStdin) throw new UsageError('standard input is not available');
    const text = await io.readStdin();
    const root = findRepositoryRoot(io.cwd);
    const folder = path.relative(root, io.cwd).split(path.sep).join('/');
    const name = folder ? `${folder}/${STDIN_NAME}` : STDIN_NAME;
    return { source: withFile(new DiskFileSource(root), name, text), path: name, root };
  }
  const absolute = path.resolve(io.cwd, file);
  if (!existsSync(absolute)) throw new UsageError(`${file}: no such file`);
  const stat = statSync(absolute);
  if (!stat.isFile())
    throw new UsageError(
      `${file}: ${stat.isDirectory() ? 'a directory' : 'not a regular file'}; diff compares two OpenAPI or AsyncAPI files`,
    );
  const root = findRepositoryRoot(path.dirname(absolute));
  return {
    source: new DiskFileSource(root),
    path: path.relative(root, absolute).split(path.sep).join('/'),
    root,
  };
}

/**
 * Each side's files are named relative to its root (repository or folder). Two files in one
 * repository share it, and the names are comparable as they are; read from two folders
 * (`diff v1/api.yaml api.yaml`), the base would be named `api.yaml (base)` and the head `api.yaml`,
 * so both are named as reached from the current folder instead (`v1/api.yaml`, `api.yaml`).
 */
/**
 * A finding's file as GitHub names it in an annotation: relative to the head's repository (the
 * workflow's checkout). A change located in the base (a removed operation) is in the base's file,
 * wherever that was read from, as oasdiff annotates removals.
 */
function repositoryPath(finding: BreakingFinding, base: OpenContract, head: OpenContract): string {
  const root = finding.side === 'base' ? base.root : head.root;
  return path.relative(head.root, path.join(root, finding.file)).split(path.sep).join('/');
}

function shownFileNames(base: OpenContract, head: OpenContract, cwd: string): FileNaming | undefined {
  if (base.root === head.root) return undefined;
  return (side, file) => {
    const root = side === 'base' ? base.root : head.root;
    return path.relative(cwd, path.join(root, file)).split(path.sep).join('/');
  };
}

/** `source` with one more file in it (standard input), listed and read like the others. */
function withFile(source: FileSource, name: string, text: string): FileSource {
  return {
    label: source.label,
    read: async (p) => (p === name ? { kind: 'ok', text } : source.read(p)),
    list: async (folder) => {
      const files = await source.list(folder);
      const inside = folder === '' || name.startsWith(`${folder.replace(/\/$/, '')}/`);
      return inside ? [...files, name].sort() : files;
    },
  };
}
