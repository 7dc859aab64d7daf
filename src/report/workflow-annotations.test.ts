import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../core/finding.js';
import { parseCommand } from '../../test/support/workflow-command.js';
import { ANNOTATIONS_PER_LEVEL, workflowAnnotations } from './workflow-annotations.js';

function finding(
  severity: Severity,
  message: string,
  lines: [number, number] = [3, 3],
  file = 'api.yaml',
): Finding {
  return {
    ruleId: `rule/${severity}`,
    severity,
    message,
    file,
    pointer: '/paths',
    range: { start: { line: lines[0], column: 5 }, end: { line: lines[1], column: 9 } },
  };
}

const REST = 'The step log lists every finding.';

describe('workflowAnnotations', () => {
  it('keeps repository text one command and gives it back as written', () => {
    const message = 'done 100%\r\n::set-env name=PATH::/tmp %0A literal, a:b ##[add-mask]x';
    const [command] = workflowAnnotations([finding('error', message, [3, 3], 'a,b:c=d.yaml')], {
      rest: REST,
    });
    expect(command!.line).not.toMatch(/[\r\n]/);
    const parsed = parseCommand(command!.line);
    expect(parsed.name).toBe('error');
    expect(parsed.properties).toEqual({
      file: 'a,b:c=d.yaml',
      line: '3',
      col: '5',
      endColumn: '9',
      title: 'rule/error',
    });
    // The line break became a space; a literal `%0A` stays literal; the legacy form is escaped.
    expect(parsed.message).toBe('done 100% ::set-env name=PATH::/tmp %0A literal, a:b ##\\u005badd-mask]x');
  });

  it('gives a range over several lines without columns, which the runner refuses there', () => {
    const [command] = workflowAnnotations([finding('warning', 'm', [4, 9])], { rest: REST });
    expect(parseCommand(command!.line).properties).toEqual({
      file: 'api.yaml',
      line: '4',
      endLine: '9',
      title: 'rule/warning',
    });
  });

  it('annotates errors first and says how many of a level did not fit', () => {
    const findings = [
      finding('info', 'i0'),
      ...Array.from({ length: ANNOTATIONS_PER_LEVEL + 2 }, (_, i) => finding('error', `e${i}`)),
      finding('warning', 'w0'),
    ];
    const commands = workflowAnnotations(findings, { rest: REST }).map((c) => parseCommand(c.line));
    expect(commands.map((c) => c.name)).toEqual([
      ...Array<string>(ANNOTATIONS_PER_LEVEL).fill('error'),
      'warning',
      'notice',
    ]);
    expect(commands.slice(0, ANNOTATIONS_PER_LEVEL - 1).map((c) => c.message)).toEqual(
      Array.from({ length: ANNOTATIONS_PER_LEVEL - 1 }, (_, i) => `e${i}`),
    );
    expect(commands[ANNOTATIONS_PER_LEVEL - 1]!.message).toBe(
      `3 more errors not annotated: GitHub shows ${ANNOTATIONS_PER_LEVEL} per level in a step. ${REST}`,
    );
    expect(commands[ANNOTATIONS_PER_LEVEL - 1]!.properties).toEqual({ title: 'blueprint-review' });
  });

  it('puts errors of the run itself first, on no file, within the errors a step shows', () => {
    const findings = Array.from({ length: ANNOTATIONS_PER_LEVEL }, (_, i) => finding('error', `e${i}`));
    const commands = workflowAnnotations(findings, { rest: REST, runErrors: ['config: bad\nline'] }).map(
      (c) => parseCommand(c.line),
    );
    expect(commands[0]).toEqual({
      name: 'error',
      properties: { title: 'blueprint-review' },
      message: 'config: bad line',
    });
    expect(commands).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(commands.at(-1)!.message).toMatch(/^2 more errors not annotated/);
  });

  it('names the file as the caller says GitHub knows it', () => {
    const [command] = workflowAnnotations([finding('info', 'm')], {
      rest: REST,
      fileOf: (f) => `repo/${f.file}`,
    });
    expect(parseCommand(command!.line).properties.file).toBe('repo/api.yaml');
  });
});
