/**
 * Findings as GitHub Actions workflow commands: `::error file=F,line=L,title=T::message`, which the
 * runner turns into annotations on the run and on the pull request's changed lines. The Action logs
 * them always (on a fork's pull request, with a read-only token, they and the job summary are where
 * the findings show), and the CLI prints them with `--format github` for a workflow that runs it
 * directly, the way `oasdiff breaking --format githubactions` does.
 *
 * Everything after the command name is repository text or quotes it (a file name, field names in a
 * message). The runner undoes `%25`, `%0D`, `%0A` in the message, and `%3A`, `%2C` too in a property
 * value: so an unescaped `%`, line break, or (in a property) `:` or `,` would end the message early,
 * start a new command line, or add a property. The message is also `plainText` (the log viewer obeys
 * ANSI escapes; bidi overrides and invisible characters are shown, not acted on). A file name is kept
 * exactly, escaped only, so the annotation names the file the pull request has; the runner does not
 * echo a command line, so it shows nothing of it but the link.
 *
 * GitHub shows at most ten annotations of each level per step (and 50 per job) and drops the rest
 * without a word. So each level gets ten: the most serious findings first, and when a level has more,
 * its tenth says how many more there are and where they all are.
 */
import type { Finding, Severity } from '../core/finding.js';
import { renderedWithin } from '../core/inert-cut.js';
import { MAX_MESSAGE_CHARS, plainText } from '../core/inert-text.js';

/** Annotations of one level GitHub shows per step (actions/toolkit, "Problem Matchers: Limitations"). */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/**
 * One workflow command line built here, escaped: the only way to get a value of this type, so a
 * stream that prints commands raw (cli/main.ts) prints nothing else raw.
 */
export class WorkflowCommand {
  private constructor(readonly line: string) {}

  /**
   * `::<name> <properties>::<message>`, each property value escaped exactly and the message made
   * inert (`plainText`), cut as every output cuts a message (a megabyte-long id would be a
   * megabyte-long log line per finding) — and cut again once inert, since making it inert lengthens
   * it (a zero-width space is shown as the six characters `\u200b`) and the runner cuts a message
   * past `RUNNER_MESSAGE_CHARS` without a word: our cut says how much was left out.
   */
  static of(
    name: 'error' | 'warning' | 'notice',
    properties: ReadonlyArray<readonly [string, string | number]>,
    message: string,
  ): WorkflowCommand {
    const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
    return new WorkflowCommand(
      `::${name}${props ? ` ${props}` : ''}::${escapeCommand(inertMessage(message))}`,
    );
  }
}

/**
 * Characters of a message the runner keeps (actions/runner `_maxIssueMessageLength`, counted after
 * it undoes the escapes): it cuts the rest off silently.
 */
const RUNNER_MESSAGE_CHARS = 4096;

/**
 * A message as plain inert text within what the runner keeps, a cut said: measured once inert, cut
 * as text (`renderedWithin`), so no escape is cut in half.
 */
function inertMessage(message: string): string {
  return renderedWithin(message, Math.min(MAX_MESSAGE_CHARS, RUNNER_MESSAGE_CHARS - 64), plainText);
}

export interface AnnotationOptions<F extends Finding = Finding> {
  /** The path GitHub knows a finding's file by (relative to the repository root); default `file`. */
  fileOf?: (finding: F) => string;
  /** Where every finding is listed, for the note on a level that has more than fit. */
  rest: string;
  /**
   * Errors of the run itself, on no line (a config that does not load, a contract that could not be
   * compared): annotated before the findings, since they are why the run fails closed.
   */
  runErrors?: readonly string[];
}

/** At most `ANNOTATIONS_PER_LEVEL` commands per level, errors first; each level's overflow counted. */
export function workflowAnnotations<F extends Finding>(
  findings: readonly F[],
  options: AnnotationOptions<F>,
): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const runErrors = severity === 'error' ? (options.runErrors ?? []) : [];
    const ofLevel: (() => WorkflowCommand)[] = [
      ...runErrors.map((message) => () => runAnnotation(severity, message)),
      ...findings
        .filter((f) => f.severity === severity)
        .map((finding) => () => workflowAnnotation(finding, options.fileOf?.(finding))),
    ];
    const fits = ofLevel.length <= ANNOTATIONS_PER_LEVEL;
    const shown = fits ? ofLevel : ofLevel.slice(0, ANNOTATIONS_PER_LEVEL - 1);
    for (const build of shown) out.push(build());
    if (!fits)
      out.push(
        runAnnotation(
          severity,
          `${ofLevel.length - shown.length} more ${LEVEL_WORDS[severity]} not annotated: GitHub shows ${ANNOTATIONS_PER_LEVEL} per level in a step. ${options.rest}`,
        ),
      );
  }
  return out;
}

const LEVEL_WORDS: Record<Severity, string> = { error: 'errors', warning: 'warnings', info: 'info findings' };

/** One finding's annotation, at `file` (default: the finding's). */
export function workflowAnnotation(finding: Finding, file = finding.file): WorkflowCommand {
  const { start, end } = finding.range;
  const properties: [string, string | number][] = [
    ['file', file],
    ['line', Math.max(1, start.line)],
  ];
  // The runner refuses columns on an annotation that spans lines (actions/runner
  // `ValidateLinesAndColumns`), and then drops the whole annotation.
  if (end.line > start.line) properties.push(['endLine', end.line]);
  else {
    properties.push(['col', Math.max(1, start.column)]);
    if (end.line === start.line && end.column > start.column) properties.push(['endColumn', end.column]);
  }
  properties.push(['title', finding.ruleId]);
  return WorkflowCommand.of(COMMAND[finding.severity], properties, finding.message);
}

/** An annotation of the run, on no file. */
function runAnnotation(severity: Severity, message: string): WorkflowCommand {
  return WorkflowCommand.of(COMMAND[severity], [['title', 'blueprint-review']], message);
}

/**
 * An error of ours whose message quotes what failed (a reason, a problem, an error's own words, which
 * quote paths, branches and values): one line, inert, cut.
 */
export function errorCommand(message: string): string {
  return WorkflowCommand.of('error', [], message).line;
}

/** Workflow commands end at a newline; `%` must be escaped first (GitHub's own rule). */
export function escapeCommand(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Repository text as a workflow command's message: one line, its controls (ANSI escapes, which the
 * log viewer obeys), bidi overrides and invisible characters shown, not acted on, then escaped.
 */
export function commandText(text: string): string {
  return escapeCommand(plainText(text));
}

export function escapeProperty(text: string): string {
  return escapeCommand(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
