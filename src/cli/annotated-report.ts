/**
 * `--format github`: the findings as workflow commands (annotations on the run and the pull request),
 * then the text report, which lists everything (GitHub shows ten annotations of a level per step).
 */
import type { Finding } from '../core/finding.js';
import type { AnnotationOptions } from '../report/workflow-annotations.js';
import { workflowAnnotations } from '../report/workflow-annotations.js';
import type { CliIO } from './io.js';

export function printAnnotated<F extends Finding>(
  io: CliIO,
  findings: readonly F[],
  textReport: string,
  options: AnnotationOptions<F>,
): void {
  const commands = workflowAnnotations(findings, options);
  if (io.workflowCommands) io.workflowCommands(commands);
  else io.stdout(commands.map((c) => `${c.line}\n`).join(''));
  io.stdout(textReport);
}
