import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../core/finding.js';
import { runnerCommand } from '../../test/support/actions-runner.js';
import {
  ANNOTATIONS_PER_LEVEL,
  escapeCommand,
  escapeProperty,
  workflowAnnotation,
  workflowAnnotations,
} from './workflow-annotations.js';

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
const read = (line: string) => runnerCommand(line)!;

describe('workflowAnnotation', () => {
  it('escapes workflow command data and properties', () => {
    expect(escapeCommand('50%\nnext\r')).toBe('50%25%0Anext%0D');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });

  it('writes a finding as an escaped workflow command: repository text cannot end it or add one', () => {
    const f: Finding = {
      ...finding('error', 'Flow "x\n::warning::forged" uses 100% of it', [3, 5]),
      ruleId: 'topology/x',
      file: 'bp/a,b:c.yaml',
    };
    expect(workflowAnnotation(f).line).toBe(
      '::error file=bp/a%2Cb%3Ac.yaml,line=3,endLine=5,title=topology/x::Flow "x ::warning::forged" uses 100%25 of it',
    );
    // The log viewer obeys ANSI escapes: the message shows them instead (and hides nothing).
    expect(workflowAnnotation({ ...f, message: 'ok\u001b[8mhidden\u001b[0m\u200b' }).line).toMatch(
      /::ok\\x1b\[8mhidden\\x1b\[0m\\u200b$/,
    );
    expect(workflowAnnotation({ ...f, severity: 'info' }).line).toMatch(/^::notice /);
    expect(workflowAnnotation({ ...f, severity: 'warning' }).line).toMatch(/^::warning /);
  });

  it('gives the text back as the runner reads it, a literal escape as written', () => {
    const message = 'done 100%\r\n::set-env name=PATH::/tmp %0A literal, a:b ##[add-mask]x';
    const command = read(workflowAnnotation(finding('error', message, [3, 3], 'a,b:c=d%0A.yaml')).line);
    expect(command).toEqual({
      command: 'error',
      properties: { file: 'a,b:c=d%0A.yaml', line: '3', col: '5', endColumn: '9', title: 'rule/error' },
      data: 'done 100% ::set-env name=PATH::/tmp %0A literal, a:b ##[add-mask]x',
    });
  });

  it('gives a range over several lines without columns, which the runner refuses there', () => {
    expect(read(workflowAnnotation(finding('warning', 'm', [4, 9])).line).properties).toEqual({
      file: 'api.yaml',
      line: '4',
      endLine: '9',
      title: 'rule/warning',
    });
  });
});

describe('workflowAnnotations', () => {
  it('annotates errors first and says how many of a level did not fit', () => {
    const findings = [
      finding('info', 'i0'),
      ...Array.from({ length: ANNOTATIONS_PER_LEVEL + 2 }, (_, i) => finding('error', `e${i}`)),
      finding('warning', 'w0'),
    ];
    const commands = workflowAnnotations(findings, { rest: REST }).map((c) => read(c.line));
    expect(commands.map((c) => c.command)).toEqual([
      ...Array<string>(ANNOTATIONS_PER_LEVEL).fill('error'),
      'warning',
      'notice',
    ]);
    expect(commands.slice(0, ANNOTATIONS_PER_LEVEL - 1).map((c) => c.data)).toEqual(
      Array.from({ length: ANNOTATIONS_PER_LEVEL - 1 }, (_, i) => `e${i}`),
    );
    expect(commands[ANNOTATIONS_PER_LEVEL - 1]).toEqual({
      command: 'error',
      properties: { title: 'blueprint-review' },
      data: `3 more errors not annotated: GitHub shows ${ANNOTATIONS_PER_LEVEL} per level in a step. ${REST}`,
    });
  });

  it('puts errors of the run itself first, on no file, within the errors a step shows', () => {
    const findings = Array.from({ length: ANNOTATIONS_PER_LEVEL }, (_, i) => finding('error', `e${i}`));
    const commands = workflowAnnotations(findings, { rest: REST, runErrors: ['config: bad\nline'] }).map(
      (c) => read(c.line),
    );
    expect(commands[0]).toEqual({
      command: 'error',
      properties: { title: 'blueprint-review' },
      data: 'config: bad line',
    });
    expect(commands).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(commands.at(-1)!.data).toMatch(/^2 more errors not annotated/);
  });

  it('names the file as the caller says GitHub knows it', () => {
    const [command] = workflowAnnotations([finding('info', 'm')], {
      rest: REST,
      fileOf: (f) => `repo/${f.file}`,
    });
    expect(read(command!.line).properties.file).toBe('repo/api.yaml');
  });
});
