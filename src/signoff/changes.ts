/**
 * What a pull request changes, derived from the base and head models, the PR's changed files and the
 * breaking-change diff. The app and the CLI only pass data in; the gate reads the result.
 */
import type { BlueprintModel, Flow, Loc } from '../model/types.js';
import { changedFields, rawAt } from '../review/element-diff.js';
import { contractChange, diffKey } from './contract-changes.js';
import type { ChangedFile, ContractContext, ContractDiffSummary } from './contract-changes.js';
import { changedContracts } from '../review/contract-changes.js';
import { releasedConsumers } from './released-consumers.js';
import { systemOwner } from '../review/owners.js';
import { mayBelongToBlueprint } from '../review/relevance.js';
import { append } from '../core/arrays.js';
import { CONFIG_PATH } from '../core/config-path.js';
import { idText } from '../core/inert-text.js';
import type { Change, ChangeCategory, ChangeSet, OwnerRef, SubjectKind } from './types.js';

export type { ChangedFile, ContractDiffSummary } from './contract-changes.js';

/** The config's path when the caller names none (the one every door uses). */
export const DEFAULT_CONFIG_PATH = CONFIG_PATH;

export interface DeriveChangesInput {
  /** Blueprint models at the base and the head (one per blueprint folder). */
  base: readonly BlueprintModel[];
  head: readonly BlueprintModel[];
  /** Every file the PR adds, edits, removes or renames. */
  changedFiles: readonly ChangedFile[];
  /** The diff's verdict per contract whose document changed; a changed contract without one is breaking. */
  contractDiffs?: readonly ContractDiffSummary[];
  configPath?: string;
  /** Every file of this repository the config is read from (`_extends` included); default: `configPath`. */
  configPaths?: readonly string[];
}

/** Field → categories, per element kind. Fields not listed are `other`. */
const FIELD_CATEGORIES: Record<string, Record<string, ChangeCategory[]>> = {
  system: {
    owner: ['ownership'],
    type: ['topology'],
    external: ['topology'],
    lifecycle: ['topology'],
    technical: ['topology'],
  },
  component: { owner: ['ownership'], kind: ['topology'], technology: ['topology'] },
  flow: {
    from: ['topology'],
    to: ['topology'],
    pattern: ['topology'],
    via: ['topology'],
    technology: ['topology'],
    contract: ['topology'],
    deliveryGuarantee: ['topology'],
    ordering: ['topology'],
    security: ['security'],
    dataClassification: ['security'],
    regulated: ['security'],
    errorHandling: ['error-handling'],
    decision: ['decision'],
    requirements: ['requirements'],
  },
  requirement: { owner: ['ownership'] },
};

const ADDED_REMOVED: Partial<Record<SubjectKind, ChangeCategory[]>> = {
  system: ['topology'],
  component: ['topology'],
  flow: ['topology'],
  requirement: ['requirements'],
  'security-policy': ['security'],
  'error-handling-policy': ['error-handling'],
};

/** Own properties only: a field named `__proto__` in a blueprint is just an unknown field. */
function fieldCategories(kind: SubjectKind, field: string): ChangeCategory[] | undefined {
  const table = Object.hasOwn(FIELD_CATEGORIES, kind) ? FIELD_CATEGORIES[kind] : undefined;
  return table && Object.hasOwn(table, field) ? table[field] : undefined;
}

export function deriveChanges(input: DeriveChangesInput): ChangeSet {
  const changedFiles = new Map<string, ChangedFile>();
  for (const f of input.changedFiles) {
    changedFiles.set(f.path, f);
    if (f.previousPath) changedFiles.set(f.previousPath, { ...f, path: f.previousPath, status: 'removed' });
  }
  const changedPaths: ReadonlySet<string> = new Set(changedFiles.keys());
  const diffs = new Map((input.contractDiffs ?? []).map((d) => [diffKey(d.blueprint, d.contractId), d]));
  const changes: Change[] = [];
  const configPaths = input.configPaths ?? [input.configPath ?? DEFAULT_CONFIG_PATH];
  // A file the config `_extends` in this repository is config too: changing it changes the rules.
  for (const configPath of configPaths.filter((p) => changedFiles.has(p))) {
    changes.push({
      key: `config:${configPath}`,
      subject: { kind: 'config', id: configPath },
      categories: ['config'],
      breaking: false,
      summary: `the gate config ${idText(configPath)} changes`,
      details: [],
      paths: [configPath],
      owners: {},
    });
  }
  const roots = [...new Set([...input.base.map((m) => m.root), ...input.head.map((m) => m.root)])].sort();
  for (const root of roots) {
    const base = input.base.find((m) => m.root === root);
    const head = input.head.find((m) => m.root === root);
    append(changes, blueprintChanges({ blueprint: root, base, head, changedFiles, changedPaths, diffs }));
  }
  for (const root of roots) {
    const base = input.base.find((m) => m.root === root);
    append(changes, unattributedFiles(root, base, changedFiles, changes));
  }
  return { changes, problems: [] };
}

function blueprintChanges(ctx: ContractContext): Change[] {
  const out: Change[] = [];
  const push = (c: Change | undefined) => c && out.push(c);
  const each = (kind: ElementKind) => {
    for (const id of ids(ctx, kind)) push(elementChange(ctx, kind, id));
  };
  each('system');
  each('component');
  for (const pair of changedContracts(ctx.base, ctx.head, ctx.changedPaths)) push(contractChange(ctx, pair));
  append(out, releasedConsumers(ctx.blueprint, ctx.base, ctx.head));
  each('flow');
  each('requirement');
  each('security-policy');
  each('error-handling-policy');
  push(metadataChange(ctx));
  return append(out, adrChanges(ctx));
}

type ElementKind =
  'system' | 'component' | 'flow' | 'requirement' | 'security-policy' | 'error-handling-policy';
type Element = { id: string; loc: Loc };

/** The elements of a kind in model order, and the first of each id (what references resolve to). */
const ELEMENTS: Record<
  ElementKind,
  { list(m: BlueprintModel): readonly Element[]; byId(m: BlueprintModel): ReadonlyMap<string, Element> }
> = {
  system: { list: (m) => m.systems, byId: (m) => m.index.systems },
  component: { list: (m) => m.components, byId: (m) => m.index.components },
  flow: { list: (m) => m.flows, byId: (m) => m.index.flows },
  requirement: { list: (m) => m.requirements, byId: (m) => m.index.requirements },
  'security-policy': { list: (m) => m.securityPolicies, byId: (m) => m.index.securityPolicies },
  'error-handling-policy': {
    list: (m) => m.errorHandlingPolicies,
    byId: (m) => m.index.errorHandlingPolicies,
  },
};

function ids(ctx: ContractContext, kind: ElementKind): string[] {
  const { list } = ELEMENTS[kind];
  const all = new Set<string>();
  for (const model of [ctx.base, ctx.head]) if (model) for (const e of list(model)) all.add(e.id);
  return [...all].sort();
}

/**
 * What changed in one element, looked up by id in the models' indexes: a scan per id made this
 * quadratic (a blueprint of 20,000 systems took 26 s, of 160,000 longer than the job's budget).
 */
function elementChange(ctx: ContractContext, kind: ElementKind, id: string): Change | undefined {
  const { byId } = ELEMENTS[kind];
  const before = ctx.base ? byId(ctx.base).get(id) : undefined;
  const after = ctx.head ? byId(ctx.head).get(id) : undefined;
  const beforeValue = rawAt(ctx.base, before?.loc);
  const afterValue = rawAt(ctx.head, after?.loc);
  const fields = before && after ? changedFields(beforeValue, afterValue) : [];
  if (before && after && fields.length === 0) return undefined;

  const categories = new Set<ChangeCategory>();
  let summary: string;
  const label = `${kindWords(kind)} ${idText(id)}`;
  if (!before || !after) {
    categories.add(before ? 'removal' : 'addition');
    for (const c of ADDED_REMOVED[kind] ?? ['other']) categories.add(c);
    if (kind === 'flow' && !before && carriesSensitiveData(afterValue)) categories.add('security');
    summary = `${label} is ${before ? 'removed' : 'added'}`;
  } else {
    for (const field of fields) {
      const mapped = fieldCategories(kind, field) ?? ADDED_REMOVED[kind] ?? ['other'];
      for (const c of mapped) categories.add(c);
    }
    summary = `${label} changes (${fields.map(idText).join(', ')})`;
  }
  return {
    key: `${kind}:${ctx.blueprint}#${id}`,
    subject: { kind, id, blueprint: ctx.blueprint },
    categories: [...categories],
    breaking: false,
    summary,
    details: [],
    paths: [...new Set([before?.loc.file, after?.loc.file].filter((p): p is string => !!p))].sort(),
    owners: { systems: systemsOf(ctx.base, kind, id, beforeValue ?? afterValue) },
  };
}

/**
 * Systems whose owners answer for the element, as `base` names them: the system itself, or a flow's
 * two ends (`value`, the element as written, names them when `base` does not hold the flow).
 */
export function systemsOf(
  base: BlueprintModel | undefined,
  kind: SubjectKind,
  id: string,
  value: unknown,
): OwnerRef[] {
  if (kind === 'system') return [systemOwner(base, id)];
  if (kind === 'component')
    return [
      {
        role: `component ${idText(id)}`,
        owner: base?.index.components.get(id)?.owner,
        subject: `component:${id}`,
      },
    ];
  if (kind === 'requirement')
    return [
      {
        role: `requirement ${idText(id)}`,
        owner: base?.index.requirements.get(id)?.owner,
        subject: `requirement:${id}`,
      },
    ];
  if (kind === 'error-handling-policy' || kind === 'security-policy') return policyUsers(base, kind, id);
  if (kind !== 'flow') return [];
  const flow = base?.index.flows.get(id);
  const ends = flow ? [flow.from, flow.to] : endsOf(value);
  return [...new Set(ends)].map((system) => systemOwner(base, system));
}

/** The owners of the systems at either end of every flow in `base` that uses the named policy. */
function policyUsers(
  base: BlueprintModel | undefined,
  kind: 'error-handling-policy' | 'security-policy',
  id: string,
): OwnerRef[] {
  const uses = (flow: Flow) => (kind === 'security-policy' ? flow.security : flow.errorHandling)?.name === id;
  const systems = new Set((base?.flows ?? []).filter(uses).flatMap((flow) => [flow.from, flow.to]));
  return [...systems].sort().map((system) => systemOwner(base, system));
}

/**
 * The blueprint's own owner (`metadata.owner`) as `base` names it: who answers for what no element of
 * the blueprint claims (its metadata, its decision records, its other files).
 */
export function blueprintOwner(base: BlueprintModel | undefined, root: string): OwnerRef {
  const subject = `blueprint:${root}`;
  if (!base) return { role: `blueprint folder ${idText(root)} (new)`, owner: undefined, subject };
  return base.owner
    ? { role: `blueprint ${idText(base.name)}`, owner: base.owner, subject }
    : { role: `blueprint ${idText(base.name)} (no owner in the base blueprint)`, owner: undefined, subject };
}

function endsOf(value: unknown): string[] {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return [v.from, v.to].filter((x): x is string => typeof x === 'string');
}

function carriesSensitiveData(value: unknown): boolean {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return (
    v.dataClassification === 'confidential' ||
    v.dataClassification === 'restricted' ||
    (Array.isArray(v.regulated) && v.regulated.length > 0) ||
    (typeof v.security === 'object' && v.security !== null)
  );
}

function metadataChange(ctx: ContractContext): Change | undefined {
  const loc = (m: BlueprintModel | undefined) =>
    m && { file: `${m.root ? m.root + '/' : ''}blueprint.yaml`, pointer: '/metadata' };
  const fields = changedFields(rawAt(ctx.base, loc(ctx.base)), rawAt(ctx.head, loc(ctx.head)));
  if (fields.length === 0 || !ctx.base || !ctx.head) return undefined;
  const file = loc(ctx.head)!.file;
  return {
    key: `blueprint:${ctx.blueprint}`,
    subject: { kind: 'blueprint', id: ctx.head.name, blueprint: ctx.blueprint },
    categories: fields.includes('owner') ? ['ownership', 'other'] : ['other'],
    breaking: false,
    summary: `blueprint ${idText(ctx.head.name)} metadata changes (${fields.map(idText).join(', ')})`,
    details: [],
    paths: [file],
    owners: { systems: [blueprintOwner(ctx.base, ctx.blueprint)] },
  };
}

function adrChanges(ctx: ContractContext): Change[] {
  const files = new Set([...(ctx.base?.adrs ?? []), ...(ctx.head?.adrs ?? [])].map((a) => a.file));
  return [...files]
    .filter((file) => ctx.changedFiles.has(file))
    .sort()
    .map((file) => {
      const status = ctx.changedFiles.get(file)!.status;
      const categories: ChangeCategory[] = ['decision'];
      if (status === 'added') categories.push('addition');
      if (status === 'removed') categories.push('removal');
      return {
        key: `adr:${file}`,
        subject: { kind: 'adr' as const, id: file, blueprint: ctx.blueprint },
        categories,
        breaking: false,
        summary: `decision record ${idText(file)} is ${status === 'added' || status === 'removed' ? status : 'edited'}`,
        details: [],
        paths: [file],
        owners: { systems: [blueprintOwner(ctx.base, ctx.blueprint)] },
      };
    });
}

/**
 * Files in the blueprint folder that changed but belong to no element (YAML notes, includes), by name
 * as a blueprint file (relevance.ts): a file no blueprint can read (Markdown outside `adr/`, an image)
 * cannot change what the blueprint says, beside a blueprint change as alone.
 */
function unattributedFiles(
  blueprint: string,
  base: BlueprintModel | undefined,
  changedFiles: ReadonlyMap<string, ChangedFile>,
  attributed: readonly Change[],
): Change[] {
  const covered = new Set(attributed.flatMap((c) => c.paths));
  const prefix = blueprint === '' ? '' : blueprint + '/';
  return [...changedFiles.values()]
    .filter((f) => f.path.startsWith(prefix) && !covered.has(f.path) && mayBelongToBlueprint(f))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((f) => ({
      key: `file:${f.path}`,
      subject: { kind: 'file' as const, id: f.path, blueprint },
      categories: ['other' as const],
      breaking: false,
      summary: `file ${idText(f.path)} is ${f.status}`,
      details: [],
      paths: [f.path],
      owners: { systems: [blueprintOwner(base, blueprint)] },
    }));
}

function kindWords(kind: SubjectKind): string {
  return kind.replace(/-/g, ' ');
}
