import { foreignText, token } from '../core/inert-text.js';
import type { Finding, SourceRange } from '../core/finding.js';
import { START_OF_FILE } from '../core/finding.js';
import type { LocatedDocument, ParseProblem } from '../core/located-document.js';
import type { ReadResult } from '../core/file-source.js';
import { MAX_EXPANDED_VALUES } from './ref-expansion.js';

/**
 * Problems found while reading a blueprint, before any rule runs. They are findings with `schema/…`
 * ids and always `error`: a blueprint that cannot be read must never pass review.
 */
export type LoadRuleId =
  | 'schema/yaml-syntax'
  | 'schema/invalid'
  | 'schema/missing-file'
  | 'schema/not-a-file'
  | 'schema/unreadable-file'
  | 'schema/file-too-large'
  | 'schema/unsafe-path'
  | 'schema/file-name'
  | 'schema/contract-invalid'
  | 'schema/include-cycle'
  | 'schema/too-many-files'
  | 'schema/adr-front-matter';

export const LOAD_RULE_DESCRIPTIONS: Record<LoadRuleId, string> = {
  'schema/yaml-syntax': 'A YAML or JSON file does not parse (syntax error, duplicate key, alias bomb).',
  'schema/invalid': 'A blueprint or policies file does not match its JSON Schema.',
  'schema/missing-file': 'A file named by the blueprint (include, contract, $ref, ADR) does not exist.',
  'schema/not-a-file':
    'A path named by the blueprint is not a regular file of the repository: a directory, a FIFO, a device, or a symbolic link that leads outside the repository (or, in a git snapshot, any symbolic link).',
  'schema/unreadable-file': 'A file of the blueprint exists but could not be read (permissions, I/O, git).',
  'schema/file-too-large': 'A file is larger than `limits.maxFileBytes`.',
  'schema/unsafe-path':
    'A reference points at a URL or outside the repository; only repository files are read.',
  'schema/file-name':
    'A document the blueprint reads (an include, a contract, a $ref target) is not named .yaml, .yml or .json; reviews find what a pull request changed by file name, so it is not read.',
  'schema/contract-invalid': `A contract is not a valid OpenAPI or AsyncAPI document — or it cannot be validated in bounded time: its $refs resolve to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values (references that fan out and meet again).`,
  'schema/include-cycle': 'Blueprint files include each other in a cycle.',
  'schema/too-many-files': 'The blueprint reads more files than `limits.maxFiles`.',
  'schema/adr-front-matter': 'An ADR front matter block does not parse.',
};

export function loadFinding(
  ruleId: LoadRuleId,
  message: string,
  file: string,
  pointer = '',
  range: SourceRange = START_OF_FILE,
): Finding {
  return { ruleId, severity: 'error', message, file, pointer, range };
}

/** A finding located at `pointer` inside an already parsed document. */
export function findingAt(
  ruleId: LoadRuleId,
  message: string,
  doc: LocatedDocument,
  pointer: string,
): Finding {
  return loadFinding(ruleId, message, doc.file, pointer, doc.rangeOf(pointer));
}

export function parseProblemFindings(file: string, problems: readonly ParseProblem[]): Finding[] {
  return problems.map((p) =>
    loadFinding('schema/yaml-syntax', `${token(file)} does not parse: ${p.message}`, file, '', p.range),
  );
}

/** The finding for a read that did not return text, or undefined when it did. */
export function readFailureFinding(
  result: ReadResult,
  file: string,
  referencedFrom?: { doc: LocatedDocument; pointer: string },
): Finding | undefined {
  const at = (ruleId: LoadRuleId, message: string): Finding =>
    referencedFrom
      ? findingAt(ruleId, message, referencedFrom.doc, referencedFrom.pointer)
      : loadFinding(ruleId, message, file);
  switch (result.kind) {
    case 'ok':
      return undefined;
    case 'missing':
      return at('schema/missing-file', `${token(file)} does not exist in the repository.`);
    case 'too-large':
      return at(
        'schema/file-too-large',
        `${token(file)} is ${result.bytes} bytes, over the limit of ${result.limit}; it was not read. Split it or raise limits.maxFileBytes.`,
      );
    case 'unreadable':
      // The reason is another program's words (git's, the file system's, GitHub's) and may quote
      // the path, which can hold backticks: one quotation in our sentence (foreignText).
      switch (result.cause) {
        case 'not-a-file':
          return at(
            'schema/not-a-file',
            `${token(file)} is ${foreignText(result.reason)}; only regular files in the repository are read.`,
          );
        case 'over-file-limit':
          return at(
            'schema/too-many-files',
            `${token(file)} was not read: ${foreignText(result.reason)}. Raise limits.maxFiles or split the blueprint.`,
          );
        case undefined:
          return at(
            'schema/unreadable-file',
            `${token(file)} could not be read: ${foreignText(result.reason)}`,
          );
      }
  }
}
