/**
 * The Action writes each new finding to the log as a workflow command (`::error file=…,line=…::…`);
 * its file name and message are repository text. Read the way the Actions runner reads a line
 * (test/support/actions-runner.ts), each is one annotation on the file the finding names, whatever
 * escapes, separators or commands that name and message spell — `%0A` in a file name is four
 * characters of the name, not a line break the runner would decode.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { plainText } from '../../src/core/inert-text.js';
import { commandText, workflowAnnotation } from '../../src/report/workflow-annotations.js';
import { runnerCommand } from '../support/actions-runner.js';

/** File names git accepts, each spelling something the runner decodes or splits on. */
const FILES = [
  'contracts/a%0A::error::forged.yaml',
  'contracts/a%250A.yaml',
  'contracts/a%3A%2C%25.yaml',
  'contracts/x,title=forged,line=1.yaml',
  'contracts/a::warning::b.yaml',
  'contracts/a=b;c]d.yaml',
  'contracts/##[error]x.yaml',
  'contracts/a\rb\nc.yaml',
  ' contracts/lead.yaml',
];

const MESSAGES = [
  'Flow "x\n::error file=README.md::forged" changed',
  'a %0A::add-mask::word and %25 and 100%',
  '##[stop-commands]token',
  'ends with a percent %',
];

const finding = (file: string, message: string): Finding => ({
  ruleId: 'topology/flow-contract',
  severity: 'warning',
  message,
  file,
  pointer: '',
  range: { start: { line: 3, column: 1 }, end: { line: 4, column: 2 } },
});

describe("the Action's annotations, as the runner reads them", () => {
  for (const file of FILES)
    it(`one annotation on ${JSON.stringify(file)}, whatever its message`, () => {
      for (const message of MESSAGES) {
        const line = workflowAnnotation(finding(file, message)).line;
        expect(line.split(/\r\n|[\n\r]/)).toHaveLength(1);
        expect(runnerCommand(line), line).toEqual({
          command: 'warning',
          properties: { file, line: '3', endLine: '4', title: 'topology/flow-contract' },
          data: plainText(message),
        });
      }
    });

  it('a message line of its own holds no command but ours', () => {
    for (const message of MESSAGES) {
      const line = `::error::${commandText(message)}`;
      expect(runnerCommand(line)).toEqual({ command: 'error', properties: {}, data: plainText(message) });
    }
  });
});
