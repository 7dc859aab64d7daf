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
