/**
 * Which file names a blueprint may read. Reviews decide what a pull request touched from the changed
 * files' names alone (so a pull request that changes only code is answered without loading anything);
 * that is sound only because the loader reads nothing else — a contract `$ref`ing `money.schema`
 * could otherwise change under a review that never looks at it.
 */

/** Blueprint, policies, contract and `$ref`ed documents: YAML or JSON. */
const DOCUMENT_FILE = /\.(ya?ml|json)$/i;
/** Architecture decision records: Markdown under an `adr/` folder (at any depth below it). */
const ADR_FILE = /(^|\/)adr\/(.+\/)?[^/]+\.md$/i;

export function isDocumentPath(path: string): boolean {
  return DOCUMENT_FILE.test(path);
}

export function isAdrPath(path: string): boolean {
  return ADR_FILE.test(path);
}

/** True when a file at this path could be part of a blueprint (by its name alone). */
export function isBlueprintPath(path: string): boolean {
  return isDocumentPath(path) || isAdrPath(path);
}
