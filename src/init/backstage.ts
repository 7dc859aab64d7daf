/**
 * Reads a Backstage software catalog from the repository: every `catalog-info.yaml` (several entities
 * per file, `---`-separated) and the files their `Location` entities point at, validated with
 * Backstage's own `@backstage/catalog-model` (the entity policies the catalog applies, then the
 * built-in kind's schema). Problems are findings with file and line; nothing is fetched: `url`
 * locations and remote `$text` definitions are reported, never followed.
 */
import type { Entity } from '@backstage/catalog-model';
import picomatch from 'picomatch';
import { globProblem } from '../core/safe-glob.js';
import type { Finding } from '../core/finding.js';
import type { LocatedDocument } from '../core/located-document.js';
import { parseLocatedAll } from '../core/located-document.js';
import { dirname, joinPath, resolveRepoPath } from '../core/paths.js';
import { parsePointer } from '../core/pointer.js';
import { isRecord } from '../load/contract-model.js';
import type { DocumentReader } from '../load/read-document.js';
import { tooManyFiles } from './contracts.js';
import { evidenceAt, initFinding, readFailure } from './evidence.js';
import { append } from '../core/arrays.js';
import { quoted, token } from '../core/inert-text.js';

export interface CatalogEntity {
  /** Kind as written (`Component`, `API`, …). */
  kind: string;
  namespace: string;
  name: string;
  /** `kind:namespace/name`, lower case: how entity references compare. */
  ref: string;
  entity: Entity;
  doc: LocatedDocument;
}

export interface Catalog {
  entities: CatalogEntity[];
  files: string[];
  findings: Finding[];
}

const CATALOG_FILE = /(^|\/)catalog-info\.ya?ml$/i;
/** The kinds `init` reads; others (Template, Domain, custom kinds) are valid catalog content it ignores. */
type KindRead = 'component' | 'api' | 'resource' | 'system' | 'group' | 'user' | 'location';

export async function readCatalog(
  reader: DocumentReader,
  under: string,
  exclude: (path: string) => boolean,
): Promise<Catalog> {
  const validation = await catalogValidation();
  const listed = (await reader.source.list(under)).filter((f) => !exclude(f));
  const queue = listed.filter((f) => CATALOG_FILE.test(f));
  const seen = new Set(queue);
  const catalog: Catalog = { entities: [], files: [], findings: [] };
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (reader.count >= reader.limits.maxFiles) {
      catalog.findings.push(tooManyFiles(reader, file));
      break;
    }
    const documents = await readCatalogFile(reader, file, catalog);
    for (const doc of documents) {
      if (doc.value === null || doc.value === undefined) continue; // an empty document (`---` at the end)
      const entity = await validateEntity(
        doc,
        validation.policy,
        validation.kindValidators,
        catalog.findings,
      );
      if (!entity) continue;
      catalog.entities.push(entity);
      if (!entity.ref.startsWith('location:')) continue;
      // A Location adds the files it names to the walk, each once.
      for (const target of locationTargets(entity, listed, catalog.findings)) {
        if (seen.has(target) || exclude(target)) continue;
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return catalog;
}

/**
 * What the catalog applies to an entity: its policies, then the built-in kind's schema. The model
 * is loaded only when a catalog is read.
 */
async function catalogValidation() {
  const model = await import('@backstage/catalog-model');
  const policy = model.EntityPolicies.allOf([
    new model.DefaultNamespaceEntityPolicy(),
    new model.NoForeignRootFieldsEntityPolicy(),
    new model.FieldFormatEntityPolicy(),
    new model.SchemaValidEntityPolicy(),
  ]);
  const kindValidators: Record<KindRead, { check(data: Entity): Promise<boolean> }> = {
    component: model.componentEntityV1alpha1Validator,
    api: model.apiEntityV1alpha1Validator,
    resource: model.resourceEntityV1alpha1Validator,
    system: model.systemEntityV1alpha1Validator,
    group: model.groupEntityV1alpha1Validator,
    user: model.userEntityV1alpha1Validator,
    location: model.locationEntityV1alpha1Validator,
  };
  return { policy, kindValidators };
}

/**
 * A catalog file's YAML documents (one per entity), the file listed as read; none, with findings,
 * when it cannot be read or does not parse.
 */
async function readCatalogFile(
  reader: DocumentReader,
  file: string,
  catalog: Catalog,
): Promise<LocatedDocument[]> {
  const text = await reader.readText(file);
  if (text.kind !== 'ok') {
    catalog.findings.push(
      initFinding('init/catalog-unreadable', 'error', `${file} could not be read: ${readFailure(text)}.`, {
        file,
        pointer: '',
        range: START,
      }),
    );
    return [];
  }
  catalog.files.push(file);
  const parsed = parseLocatedAll(file, text.text, { maxAliasCount: reader.limits.maxAliasCount });
  if (parsed.kind === 'ok') return parsed.documents;
  for (const p of parsed.problems)
    catalog.findings.push(
      initFinding('init/catalog-yaml-syntax', 'error', `${file} does not parse: ${p.message}`, {
        file,
        pointer: '',
        range: p.range,
      }),
    );
  return [];
}

const START = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

type Policy = { enforce(entity: Entity): Promise<Entity | undefined> };

async function validateEntity(
  doc: LocatedDocument,
  policy: Policy,
  kindValidators: Record<string, { check(data: Entity): Promise<boolean> }>,
  findings: Finding[],
): Promise<CatalogEntity | undefined> {
  const raw = doc.value;
  const kind = isRecord(raw) && typeof raw.kind === 'string' ? raw.kind : undefined;
  const invalid = (message: string, pointer: string) =>
    findings.push(
      initFinding(
        'init/catalog-invalid',
        'error',
        `${doc.file}: ${kind ?? 'entity'}${entityName(raw)} is not a valid catalog entity: ${message}`,
        evidenceAt(doc, pointer),
      ),
    );
  if (!isRecord(raw) || kind === undefined) {
    invalid('every catalog document needs apiVersion, kind, metadata.name (and a spec)', '');
    return undefined;
  }
  const validator = kindValidators[kind.toLowerCase()];
  if (!validator || !String(raw.apiVersion).startsWith('backstage.io/')) return undefined;
  // Backstage substitutes `$text`/`$json`/`$yaml` placeholders before it validates, so the API kind
  // schema demands a string definition: validate a copy with the placeholder's target in its place.
  const candidate = structuredClone(withPlaceholdersAsText(raw)) as unknown as Entity;
  let entity: Entity;
  try {
    entity = (await policy.enforce(candidate)) ?? candidate;
    if (!(await validator.check(entity))) {
      invalid(`not a backstage.io ${kind}`, '/apiVersion');
      return undefined;
    }
  } catch (error) {
    const message = String((error as Error).message ?? error);
    invalid(withoutDocsLink(message), pointerOfMessage(message, raw));
    return undefined;
  }
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    kind,
    namespace,
    name: entity.metadata.name,
    ref: `${kind}:${namespace}/${entity.metadata.name}`.toLowerCase(),
    // Keep the original spec (with its placeholder): `definitionOf` resolves it.
    entity: { ...entity, spec: isRecord(raw.spec) ? (raw.spec as Entity['spec']) : entity.spec },
    doc,
  };
}

function entityName(raw: unknown): string {
  const metadata = isRecord(raw) && isRecord(raw.metadata) ? raw.metadata : {};
  return typeof metadata.name === 'string' ? ` ${quoted(metadata.name)}` : '';
}

function withPlaceholdersAsText(raw: Record<string, unknown>): Record<string, unknown> {
  const spec = isRecord(raw.spec) ? raw.spec : undefined;
  if (!spec || !isRecord(spec.definition)) return raw;
  const target = placeholder(spec.definition);
  return target ? { ...raw, spec: { ...spec, definition: `(${target.target})` } } : raw;
}

/**
 * Where a catalog-model error points. The library throws plain Errors; their messages start with
 * the JSON pointer of the offending value (`/spec/owner must be string`, from its ajv schemas), name
 * a dotted field (`"metadata.name" is not valid`) or a root field (`Unknown field specs`). Either becomes a pointer when the field
 * exists; otherwise the finding sits on the entity's first line.
 */
function pointerOfMessage(message: string, raw: Record<string, unknown>): string {
  const fromAjv = /^(?:Malformed envelope, )?(\/\S*) /.exec(message)?.[1];
  const dotted = /^"([A-Za-z0-9_.-]+)" /.exec(message)?.[1]?.split('.').join('/');
  const foreign = /^Unknown field (\S+)/.exec(message)?.[1];
  const candidates = [
    fromAjv,
    dotted && `/${dotted}`,
    dotted && `/metadata/${dotted}`,
    foreign && `/${foreign}`,
  ];
  return candidates.find((p) => p !== undefined && exists(raw, p)) ?? '/kind';
}

function exists(value: unknown, pointer: string): boolean {
  let current = value;
  for (const segment of parsePointer(pointer)) {
    if (!isRecord(current) && !Array.isArray(current)) return false;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

function withoutDocsLink(message: string): string {
  return message.replace(/\s*To learn more about catalog file format, visit: \S+/, '').trim();
}

/** `{ $text: ./openapi.yaml }` and its `$json`/`$yaml` siblings: Backstage's file placeholders. */
export function placeholder(
  value: unknown,
): { kind: '$text' | '$json' | '$yaml'; target: string } | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const kind = keys[0];
  if ((kind === '$text' || kind === '$json' || kind === '$yaml') && typeof value[kind] === 'string')
    return { kind, target: value[kind] };
  return undefined;
}

const IS_URL = /^[a-z][a-z0-9+.-]*:/i;

/** Files a Location entity names, relative to its own file; `*` globs match files already listed. */
function locationTargets(location: CatalogEntity, listed: readonly string[], findings: Finding[]): string[] {
  const spec = isRecord(location.entity.spec) ? location.entity.spec : {};
  const targets = [
    ...(typeof spec.target === 'string' ? [['/spec/target', spec.target] as const] : []),
    ...(Array.isArray(spec.targets)
      ? spec.targets.flatMap((t, i) => (typeof t === 'string' ? [[`/spec/targets/${i}`, t] as const] : []))
      : []),
  ];
  const out: string[] = [];
  for (const [pointer, target] of targets) {
    if (IS_URL.test(target)) {
      findings.push(
        initFinding(
          'init/remote-definition',
          'info',
          `Location ${quoted(location.name)} points at ${token(target)}; init reads only files in this repository, so that catalog is not read.`,
          evidenceAt(location.doc, pointer),
        ),
      );
      continue;
    }
    const resolved = resolveRepoPath(dirname(location.doc.file), target);
    if (resolved.kind === 'rejected') {
      findings.push(
        initFinding(
          'init/unsafe-reference',
          'error',
          `Location ${quoted(location.name)}: ${resolved.reason}.`,
          evidenceAt(location.doc, pointer),
        ),
      );
      continue;
    }
    if (!resolved.path.includes('*')) {
      out.push(resolved.path);
      continue;
    }
    // The catalog is repository text: a glob picomatch cannot match in bounded time is refused.
    const unsafe = globProblem(resolved.path);
    if (unsafe) {
      findings.push(
        initFinding(
          'init/unsafe-reference',
          'error',
          `Location ${quoted(location.name)}: the glob pattern ${quoted(resolved.path)} is refused: ${unsafe}.`,
          evidenceAt(location.doc, pointer),
        ),
      );
      continue;
    }
    const matches = picomatch(resolved.path, { dot: false });
    append(
      out,
      listed.filter((f) => matches(f)),
    );
  }
  return out;
}

export type DefinitionSource =
  | { kind: 'file'; path: string; pointer: string }
  | { kind: 'inline'; text: string; pointer: string }
  | { kind: 'remote'; url: string; pointer: string }
  | { kind: 'unsafe'; reason: string; pointer: string }
  | { kind: 'none' };

/** Where an API entity's `spec.definition` lives: a repository file, inline text, or out of reach. */
export function definitionOf(api: CatalogEntity): DefinitionSource {
  const spec = isRecord(api.entity.spec) ? api.entity.spec : {};
  const definition = spec.definition;
  if (typeof definition === 'string')
    return { kind: 'inline', text: definition, pointer: '/spec/definition' };
  const ref = placeholder(definition);
  if (!ref) return { kind: 'none' };
  const pointer = `/spec/definition/${ref.kind}`;
  if (IS_URL.test(ref.target)) return { kind: 'remote', url: ref.target, pointer };
  const resolved = resolveRepoPath(dirname(api.doc.file), ref.target);
  if (resolved.kind === 'rejected') return { kind: 'unsafe', reason: resolved.reason, pointer };
  return { kind: 'file', path: joinPath(resolved.path), pointer };
}

/** Inline definitions are written as they are: JSON when they look like JSON, else YAML. */
export function inlineExtension(text: string): 'yaml' | 'json' {
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}
