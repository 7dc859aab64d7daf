/**
 * Findings as GitHub Actions annotations (`--format github`): workflow commands the runner turns into
 * annotations on the run and on the pull request's "Files changed" tab, the way `oasdiff breaking
 * --format githubactions` and ESLint's formatters do, for a CLI run in any workflow (the Action and the
 * App write check-run annotations through the API instead).
 *
 * A command is one line: `::error file=F,line=L,title=T::message`. Everything after the command name
 * is ours to escape, and everything in it but the level is repository text or reaches it (a message
 * quotes field names, a file name is the repository's). The runner undoes `%25`, `%0D`, `%0A` in the
 * message and also `%3A`, `%2C` in a property: so a `%`, a line break, or (in a property) a `:` or `,`
 * that is not escaped would end the message early, start a new command line, or add a property. Line
 * breaks never get there (`plainText` makes them spaces), and `##[`, the legacy command form the runner
 * also looks for, gets the same visible escape every other output gives it (`runnerInert`).
 *
 * GitHub shows at most ten annotations of each level per step (and 50 per job); more are dropped
 * without a word. So each level gets ten: the most serious findings first, and when a level has more,
 * its tenth says how many more there are and where they are (the report printed after the commands).
 */
import type { Finding, Severity } from '../core/finding.js';
import { MAX_MESSAGE_CHARS, plainText, shortened } from '../core/inert-text.js';

/** Annotations of one level GitHub shows per step (actions/toolkit, "Problem Matchers: Limitations"). */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/**
 * One workflow command line built here, its text escaped: the only way a caller can get a value of
 * this type, so a stream that must print commands raw (cli/main.ts) prints nothing else raw.
 */
export class WorkflowCommand {
  private constructor(readonly line: string) {}

  /** `::<name> <properties>::<message>`, each property value and the message escaped. */
  static of(name: string, properties: ReadonlyArray<readonly [string, string | number]>, message: string) {
    const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
    return new WorkflowCommand(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`);
  }
}

export interface AnnotationOptions<F extends Finding = Finding> {
  /** The path GitHub knows a finding's file by (relative to the repository root). */
  fileOf?: (finding: F) => string;
  /** Where the full list is, for the note on a level that has more than fit. */
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
    const ofLevel: (() => WorkflowCommand)[] = [
      ...(severity === 'error' ? (options.runErrors ?? []) : []).map(
        (message) => () => runAnnotation(severity, message),
      ),
      ...findings.filter((f) => f.severity === severity).map((finding) => () => annotation(finding, options)),
    ];
    const fits = ofLevel.length <= ANNOTATIONS_PER_LEVEL;
    const shown = fits ? ofLevel : ofLevel.slice(0, ANNOTATIONS_PER_LEVEL - 1);
    for (const build of shown) out.push(build());
    if (!fits) {
      const more = ofLevel.length - shown.length;
      out.push(
        runAnnotation(
          severity,
          `${more} more ${LEVEL_WORDS[severity]} not annotated: GitHub shows ${ANNOTATIONS_PER_LEVEL} per level in a step. ${options.rest}`,
        ),
      );
    }
  }
  return out;
}

/** An annotation of the run, on no file. */
function runAnnotation(severity: Severity, message: string): WorkflowCommand {
  return WorkflowCommand.of(
    COMMAND[severity],
    [['title', 'blueprint-review']],
    shortened(message, MAX_MESSAGE_CHARS),
  );
}

const LEVEL_WORDS: Record<Severity, string> = { error: 'errors', warning: 'warnings', info: 'info findings' };

function annotation<F extends Finding>(finding: F, options: AnnotationOptions<F>): WorkflowCommand {
  const { start, end } = finding.range;
  const properties: [string, string | number][] = [
    ['file', options.fileOf ? options.fileOf(finding) : finding.file],
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
  return WorkflowCommand.of(
    COMMAND[finding.severity],
    properties,
    shortened(finding.message, MAX_MESSAGE_CHARS),
  );
}

/** The legacy command form (`##[name]…`), which the runner finds anywhere in a line. */
const LEGACY_COMMAND = /##\[/g;

function escapeData(text: string): string {
  return plainText(text).replaceAll('%', '%25').replace(LEGACY_COMMAND, '##\\u005b');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
