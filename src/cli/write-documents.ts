/** `doc`: lints each blueprint and writes its architecture document as Markdown and HTML. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildOutline } from '../doc/build-outline.js';
import { renderOutlineHtml } from '../doc/html.js';
import { renderOutlineMarkdown } from '../doc/markdown.js';
import type { MediatorMode } from '../doc/mediator-mode.js';
import { plainText } from '../core/inert-text.js';
import { renderText } from '../report/text.js';
import type { CommandContext } from './command.js';
import { EXIT } from './io.js';
import { lintRepository } from './lint-repository.js';
import { makeOutputFolder, writeOutputFile } from './output-files.js';
import type { BlueprintLint } from '../engine/lint-blueprint.js';
import type { BlueprintModel } from '../model/types.js';

export interface DocumentRequest {
  target: string;
  out: string;
  configFile?: string | undefined;
  globs?: readonly string[] | undefined;
  mediators?: MediatorMode | undefined;
}

export async function writeDocuments(context: CommandContext, request: DocumentRequest): Promise<number> {
  const { io } = context;
  const lint = await lintRepository({
    target: request.target,
    cwd: io.cwd,
    configFile: request.configFile,
    globs: request.globs,
  });
  const outDir = path.resolve(io.cwd, request.out);
  const shown = (file: string) => path.relative(io.cwd, file);
  const mermaidScript = readMermaidBundle();
  // ADR files are linked relative to the document, so the links work where the folder is opened.
  const links = { repositoryPath: path.relative(outDir, lint.repo.root).split(path.sep).join('/') || '.' };
  const taken = new Set<string>();
  let unreadable = 0;
  for (const result of lint.blueprints) {
    const documented = documentable(result);
    if ('refused' in documented) {
      unreadable++;
      io.stderr(documented.refused);
      continue;
    }
    const { model } = documented;
    const base = uniqueName(fileNameFor(model.name), taken);
    const markdownFile = path.join(outDir, `${base}.md`);
    const htmlFile = path.join(outDir, `${base}.html`);
    // One outline for both renderings: a large topology's diagrams are worked out once.
    const outline = buildOutline(model, result.findings, {
      ...(request.mediators ? { mediators: request.mediators } : {}),
    });
    // Made with the first document: a run that writes nothing leaves no empty folder behind.
    makeOutputFolder(outDir, request.out, io.cwd);
    writeOutputFile(markdownFile, renderOutlineMarkdown(outline, links), shown(markdownFile), io.cwd);
    writeOutputFile(
      htmlFile,
      renderOutlineHtml(outline, { ...links, mermaidScript }),
      shown(htmlFile),
      io.cwd,
    );
    if (!context.quiet) io.stdout(`${shown(markdownFile)}\n${shown(htmlFile)}\n`);
  }
  return unreadable > 0 ? EXIT.findings : EXIT.ok;
}

/** The model a blueprint's document is written from, or why it gets none (said on stderr). */
function documentable(result: BlueprintLint): { model: BlueprintModel } | { refused: string } {
  // The folder is the repository's name for it: its controls made visible, as in the findings below.
  const where = plainText(result.root || '.');
  if (!result.model)
    return {
      refused: `${where}: the blueprint does not load, no document written:\n${renderText(result.findings)}`,
    };
  // The document is what the review meeting reads: one that silently lacks an owner or a system the
  // files declare (with a value of the wrong type) would misstate the blueprint.
  if (result.leftOut.length > 0)
    return {
      refused: `${where}: values of the wrong type would be missing from the document, no document written:\n${renderText(result.leftOut)}`,
    };
  return { model: result.model };
}

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
