import type { ReadResult } from '../core/file-source.js';
import type { Finding, Severity } from '../core/finding.js';
import type { LocatedDocument } from '../core/located-document.js';
import type { Evidence } from './types.js';

export function evidenceAt(doc: LocatedDocument, pointer: string): Evidence {
  return { file: doc.file, pointer, range: doc.rangeOf(pointer) };
}

/** Rule ids of what `init` itself reports: problems in the sources, and drift from them. */
export type InitRuleId =
  | 'init/catalog-yaml-syntax'
  | 'init/catalog-invalid'
  | 'init/catalog-unreadable'
  | 'init/contract-not-read'
  | 'init/unknown-reference'
  | 'init/unsafe-reference'
  | 'init/remote-definition'
  | 'init/unsupported-api-type'
  | 'init/too-many-files'
  | 'drift/new-system'
  | 'drift/new-contract'
  | 'drift/removed-contract'
  | 'drift/new-consumer'
  | 'drift/removed-consumer'
  | 'drift/new-flow'
  | 'drift/removed-flow'
  | 'drift/owner-changed'
  | 'drift/provider-changed';

export function initFinding(ruleId: InitRuleId, severity: Severity, message: string, at: Evidence): Finding {
  return { ruleId, severity, message, file: at.file, pointer: at.pointer, range: at.range };
}

/** Why a source file was not read, in the words of init's findings. */
export function readFailure(result: Exclude<ReadResult, { kind: 'ok' }>): string {
  switch (result.kind) {
    case 'missing':
      return 'it does not exist';
    case 'too-large':
      return `it is ${sizeText(result.bytes)}, over limits.maxFileBytes (${sizeText(result.limit)}); raise the limit in the config to read it`;
    case 'unreadable':
      return result.reason;
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}
