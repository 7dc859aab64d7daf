import type { LocatedDocument } from '../core/located-document.js';
import { dirname, resolveRepoPath } from '../core/paths.js';
import { toPointer } from '../core/pointer.js';
import { indexElements, indexModel } from './model-index.js';
import type {
  Adr,
  BlueprintModel,
  Component,
  ContractEntry,
  ElementIndex,
  ErrorHandlingPolicy,
  Flow,
  NamedPolicy,
  PolicyUse,
  Requirement,
  SecurityPolicy,
  System,
} from './types.js';
import { append } from '../core/arrays.js';

export interface BlueprintPartData {
  doc: LocatedDocument;
  value: Record<string, unknown>;
}

export interface ModelInput {
  root: string;
  parts: BlueprintPartData[];
  policies: BlueprintPartData[];
  adrs: Adr[];
  documents: ReadonlyMap<string, LocatedDocument>;
}

type Json = Record<string, unknown>;

/**
 * Turns validated documents into the typed model and resolves references. It is defensive: a file
 * that failed schema validation still contributes what is well-formed, so one typo does not hide
 * every other finding. Elements without a string `id` are skipped (the schema finding names them).
 */
export function buildModel(input: ModelInput): BlueprintModel {
  const { systems, components, contracts, requirements } = blueprintElements(input.parts);
  const { errorHandlingPolicies, securityPolicies } = namedPolicies(input.policies);
  const elements = indexElements({
    systems,
    components,
    contracts,
    requirements,
    errorHandlingPolicies,
    securityPolicies,
    adrs: input.adrs,
  });
  // Flows last: they resolve their references against every other element.
  const flows = fromParts<Flow>(input.parts, 'flows', (v, loc) => flow(v, loc, elements));
  const metadata = record(input.parts[0]?.value.metadata);
  return {
    root: input.root,
    name: str(metadata.name) ?? (input.root.split('/').pop() || 'blueprint'),
    title: str(metadata.title),
    owner: str(metadata.owner),
    systems,
    components,
    contracts,
    flows,
    requirements,
    errorHandlingPolicies,
    securityPolicies,
    adrs: input.adrs,
    documents: input.documents,
    index: indexModel(elements, flows),
  };
}

/** The elements the blueprint's parts list (flows aside), in part order. */
function blueprintElements(parts: readonly BlueprintPartData[]) {
  return {
    systems: fromParts<System>(parts, 'systems', (v, loc) => ({
      ...(v as unknown as System),
      external: v.external === true,
      loc,
    })),
    components: fromParts<Component>(parts, 'components', (v, loc) => ({
      ...(v as unknown as Component),
      loc,
    })),
    contracts: fromParts<ContractEntry>(parts, 'contracts', (v, loc) => contractEntry(v, loc)),
    requirements: fromParts<Requirement>(parts, 'requirements', (v, loc) => ({
      ...(v as unknown as Requirement),
      loc,
    })),
  };
}

/** The policy files' named error-handling and security policies, which flows name by id. */
function namedPolicies(policies: readonly BlueprintPartData[]) {
  return {
    errorHandlingPolicies: fromParts<NamedPolicy<ErrorHandlingPolicy>>(
      policies,
      'errorHandling',
      (v, loc) => ({
        id: String(v.id),
        policy: v as ErrorHandlingPolicy,
        loc,
      }),
    ),
    securityPolicies: fromParts<NamedPolicy<SecurityPolicy>>(policies, 'security', (v, loc) => ({
      id: String(v.id),
      policy: v as SecurityPolicy,
      loc,
    })),
  };
}

/** The items under `key` of every part, in part order. */
function fromParts<T>(
  parts: readonly BlueprintPartData[],
  key: string,
  make: (value: Json, loc: { file: string; pointer: string }) => T,
): T[] {
  const out: T[] = [];
  for (const part of parts) append(out, items<T>(part.value[key], part.doc.file, key, make));
  return out;
}

function items<T>(
  list: unknown,
  file: string,
  key: string,
  make: (value: Json, loc: { file: string; pointer: string }) => T,
): T[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, i) =>
    isRecord(value) && typeof value.id === 'string'
      ? [make(value, { file, pointer: toPointer([key, i]) })]
      : [],
  );
}

function contractEntry(v: Json, loc: { file: string; pointer: string }): ContractEntry {
  const file = str(v.file) ?? '';
  const resolved = resolveRepoPath(dirname(loc.file), file);
  return {
    ...(v as unknown as ContractEntry),
    file,
    path: resolved.kind === 'ok' ? resolved.path : undefined,
    consumers: Array.isArray(v.consumers)
      ? v.consumers.filter((c): c is string => typeof c === 'string')
      : [],
    loc,
  };
}

function flow(v: Json, loc: { file: string; pointer: string }, index: ElementIndex): Flow {
  const f: Flow = {
    ...(v as unknown as Flow),
    from: str(v.from) ?? '',
    to: str(v.to) ?? '',
    contract:
      isRecord(v.contract) && typeof v.contract.ref === 'string'
        ? (v.contract as Flow['contract'])
        : undefined,
    regulated: stringList(v.regulated),
    requirements: stringList(v.requirements),
    errorHandling: policyUse(v.errorHandling, loc, 'errorHandling', index.errorHandlingPolicies),
    security: policyUse(v.security, loc, 'security', index.securityPolicies),
    loc,
    resolved: {},
  };
  f.resolved = {
    from: index.systems.get(f.from),
    to: index.systems.get(f.to),
    via: f.via === undefined ? undefined : index.components.get(f.via),
    contract: f.contract ? index.contracts.get(f.contract.ref) : undefined,
    decision: f.decision === undefined ? undefined : index.adr(loc.file, f.decision),
  };
  return f;
}

function policyUse<P>(
  value: unknown,
  flowLoc: { file: string; pointer: string },
  key: string,
  named: ReadonlyMap<string, NamedPolicy<P>>,
): PolicyUse<P> | undefined {
  const refLoc = { file: flowLoc.file, pointer: `${flowLoc.pointer}/${key}` };
  if (typeof value === 'string') {
    const found = named.get(value);
    return { name: value, policy: found?.policy, loc: found?.loc, refLoc };
  }
  if (isRecord(value)) return { policy: value as P, loc: refLoc, refLoc };
  return undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
