/**
 * Changes to contracts: the registry entry and the OpenAPI/AsyncAPI document tree behind it. Whether
 * a document change breaks consumers is the diff's verdict; when the diff has no verdict for a changed
 * contract, the change is treated as breaking (fail closed).
 */
import { dirname, resolveRepoPath } from '../core/paths.js';
import type { PathResolution } from '../core/paths.js';
import { idText } from '../core/inert-text.js';
import { contractFiles } from '../model/contract-files.js';
import type { BlueprintModel, ContractEntry } from '../model/types.js';
import type { ContractPair } from '../review/contract-changes.js';
import type { ChangedFile } from '../review/types.js';
import { consumerOwners, contractOwner, systemOwner } from '../review/owners.js';
import { canonical, changedFields, rawAt } from '../review/element-diff.js';
import { isControlled, weakens } from '../model/contract-status.js';
import type { Change, ChangeCategory, ChangeRecordStatus } from './types.js';

/** What the breaking-change diff says about one contract whose document changed. */
export interface ContractDiffSummary {
  /** Root folder of the blueprint ('' for the repository root). */
  blueprint: string;
  contractId: string;
  breaking: boolean;
  /** The versioning strategy consents to the break (e.g. a major version bump). */
  consented?: boolean;
  /** Plain-words lines, e.g. `removed GET /orders/{id}`. */
  changes: string[];
}

/** A changed file as GitHub's "list pull request files" (or `git diff`) reports it: the review's type. */
export type { ChangedFile };

export interface ContractContext {
  blueprint: string;
  base: BlueprintModel | undefined;
  head: BlueprintModel | undefined;
  changedFiles: ReadonlyMap<string, ChangedFile>;
  /** Every changed path, at head and at base (renames give both). */
  changedPaths: ReadonlySet<string>;
  diffs: ReadonlyMap<string, ContractDiffSummary>;
}

const MAX_DETAILS = 5;

/**
 * The gate's view of one changed contract. Which contracts changed, and whether their document did,
 * is the review's derivation (`changedContracts`): both read the same pairs.
 */
export function contractChange(ctx: ContractContext, pair: ContractPair): Change {
  const { id, base: before, head: after } = pair;
  const entryFields = changedFields(rawAt(ctx.base, before?.loc), rawAt(ctx.head, after?.loc));
  const baseTree = before ? contractFiles(ctx.base!, before) : [];
  const headTree = after ? contractFiles(ctx.head!, after) : [];
  const { categories, details, breaking, summary } = verdictOf(ctx, pair, entryFields);
  const contractStatus = before?.status;
  const change: Change = {
    key: `contract:${ctx.blueprint}#${id}`,
    subject: { kind: 'contract', id, blueprint: ctx.blueprint },
    categories,
    breaking,
    summary,
    details,
    paths: unique([
      ...(entryFields.length > 0 || !before || !after ? [before?.loc.file, after?.loc.file] : []),
      ...baseTree,
      ...headTree,
    ]),
    contractStatus,
    owners: {
      contract: [contractOwner(ctx.base, id)],
      consumers: consumerOwners(ctx.base, id),
      systems: before?.provider ? [systemOwner(ctx.base, before.provider)] : [],
    },
  };
  if (breaking && isControlled(contractStatus))
    change.changeRecord = changeRecordOf(after, before, ctx.changedFiles);
  return change;
}

/** How a contract change is judged: its categories, whether it breaks, and in words. */
type Verdict = Pick<Change, 'categories' | 'details' | 'breaking' | 'summary'>;

/** Added, removed (breaking), or changed: then breaking as the diff says, or when it has no verdict. */
function verdictOf(ctx: ContractContext, pair: ContractPair, entryFields: string[]): Verdict {
  const { id, base: before, head: after } = pair;
  if (!before)
    return {
      categories: ['contract', 'addition'],
      details: [],
      breaking: false,
      summary: `contract ${idText(id)} is added`,
    };
  if (!after)
    return {
      categories: ['contract', 'removal', 'breaking'],
      details: [],
      breaking: true,
      summary: `contract ${idText(id)} is removed, which breaks its consumers`,
    };
  const categories: ChangeCategory[] = ['contract'];
  const details: string[] = [];
  const statusMove = weakens(before.status, after.status) ? statusWords(before, after) : undefined;
  let documentBreaks = false;
  if (entryFields.includes('owner')) categories.push('ownership');
  const documentChanged = pair.kind === 'document-changed';
  if (documentChanged) {
    const verdict = ctx.diffs.get(diffKey(ctx.blueprint, id));
    // Without the merge base's document (a symbolic link, a file that does not parse) the diff has
    // nothing to compare the head with, and says nothing: that is no verdict of "not breaking".
    const uncompared = before.document === undefined;
    documentBreaks = verdict && !uncompared ? verdict.breaking : true;
    if (uncompared)
      details.push(
        "the merge base's document of it does not load, so it could not be compared: treated as breaking",
      );
    if (verdict) details.push(...verdict.changes.slice(0, MAX_DETAILS));
    else details.push('no breaking-change analysis is available for it, so it is treated as breaking');
    if (verdict?.breaking && verdict.consented) details.push('the versioning strategy consents to the break');
    if (securitySchemesChanged(before, after)) categories.push('security');
  }
  const breaking = documentBreaks || statusMove !== undefined;
  if (breaking) categories.push('breaking');
  return {
    categories,
    details,
    breaking,
    summary: describeChange(id, documentBreaks, documentChanged, entryFields, statusMove),
  };
}

/** A status move that promises the consumers less, in words: `its status moves from finalized to draft`. */
function statusWords(before: ContractEntry, after: ContractEntry): string {
  const to = after.status === undefined ? 'none' : idText(after.status);
  return `its status moves from ${idText(before.status ?? 'none')} to ${to}, which promises its consumers less`;
}

export function diffKey(blueprint: string, contractId: string): string {
  return `${blueprint}#${contractId}`;
}

function securitySchemesChanged(before: ContractEntry, after: ContractEntry): boolean {
  return canonical(before.document?.securitySchemes) !== canonical(after.document?.securitySchemes);
}

/**
 * Change control: the head entry links a change record that this PR adds or edits. A removed contract
 * has no head entry: its record is the one its base entry links (read from the base, so the PR cannot
 * point it elsewhere), which the PR edits to say why it goes.
 */
export function changeRecordOf(
  after: ContractEntry | undefined,
  before: ContractEntry | undefined,
  changedFiles: ReadonlyMap<string, ChangedFile>,
): ChangeRecordStatus {
  const entry = after ?? before;
  const resolved = entry && changeRecordPath(entry);
  if (!entry?.changeRecord || !resolved) return { kind: 'not-linked', removal: after === undefined };
  if (resolved.kind === 'rejected')
    return { kind: 'unsafe-path', changeRecord: entry.changeRecord, reason: resolved.reason };
  const file = changedFiles.get(resolved.path);
  return file && file.status !== 'removed'
    ? { kind: 'ok', path: resolved.path }
    : { kind: 'not-in-pr', path: resolved.path };
}

/**
 * Where the change record a contract entry links is kept: relative to the file that declares the
 * entry, anywhere in the repository (undefined: it links none). Change control reads it here, and
 * an approval covers its bytes (gate.ts `blueprintScope`).
 */
export function changeRecordPath(entry: ContractEntry): PathResolution | undefined {
  return entry.changeRecord ? resolveRepoPath(dirname(entry.loc.file), entry.changeRecord) : undefined;
}

function describeChange(
  id: string,
  documentBreaks: boolean,
  documentChanged: boolean,
  fields: string[],
  statusMove: string | undefined,
): string {
  // A status that promises less is said in its own words, once.
  const listed = statusMove ? fields.filter((field) => field !== 'status') : fields;
  const entry = listed.length > 0 ? `its registry entry changes (${listed.map(idText).join(', ')})` : '';
  const parts = [entry, statusMove].filter((part): part is string => !!part);
  if (!documentChanged) return `contract ${idText(id)}: ${parts.join('; ')}`;
  const document = documentBreaks
    ? `contract ${idText(id)} has a breaking change`
    : `contract ${idText(id)} changes without breaking its consumers`;
  return [document, ...parts].join('; ');
}

function unique(paths: (string | undefined)[]): string[] {
  return [...new Set(paths.filter((p): p is string => p !== undefined))].sort();
}
