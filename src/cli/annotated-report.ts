/**
 * `--format github`: the findings as workflow commands (annotations on the run and the pull request),
 * then the text report, which lists everything (GitHub shows ten annotations of a level per step).
 * With `--output FILE` the report goes to the file and the commands stay on standard output: the
 * runner reads commands from the step's log only.
 */
import type { Finding } from '../core/finding.js';
import type { AnnotationOptions } from '../report/workflow-annotations.js';
import { workflowAnnotations } from '../report/workflow-annotations.js';
import type { CommandContext } from './command.js';

export function printAnnotated<F extends Finding>(
  context: Pick<CommandContext, 'io' | 'values'>,
  findings: readonly F[],
  textReport: string,
  options: Omit<AnnotationOptions<F>, 'rest'> & { listed: 'finding' | 'change' },
): void {
  const { io, values } = context;
  const where = typeof values.output === 'string' ? values.output : 'The step log';
  const commands = workflowAnnotations(findings, {
    ...options,
    rest: `${where} lists every ${options.listed}.`,
  });
  if (io.workflowCommands) io.workflowCommands(commands);
  else io.stdout(commands.map((c) => `${c.line}\n`).join(''));
  io.stdout(textReport);
}
