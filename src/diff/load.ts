import type { LocatedDocument } from '../core/located-document.js';
import { parseLargeJson } from '../core/located-json.js';
import { collectRefs, refTarget } from '../core/refs.js';
import { idIndex, idTargetUri, mayDeclareIds, resolveById } from '../core/schema-ids.js';
import { detectContractKind, misdeclaredSpecVersion } from '../load/contract-model.js';
import type { LoadLimits } from '../load/limits.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import type { FileSource, ReadResult } from '../core/file-source.js';
import { START_OF_FILE } from '../core/finding.js';
import type { RefScope } from './ref-scope.js';
import { refScope } from './ref-scope.js';
import type { DialectDeclaration } from './schema-dialects.js';
import { dialectDeclarations, dialectLookup, documentRules, hasSchemaDialects } from './schema-dialects.js';
import type { ContractSide, DiffProblem, ParseCache, ParsedDocument, Place } from './types.js';

/**
 * Reads with the loader's limits (file count, bytes per file). The byte size is computed only when
 * the character count cannot decide it (a UTF-8 byte count lies between 1× and 3× the UTF-16
 * length): `Buffer.byteLength` takes ~0.15 s on a 12 MB description.
 */
function boundedReader(source: FileSource, limits: LoadLimits): (path: string) => Promise<ReadResult> {
  let files = 0;
  return async (path) => {
    if (++files > limits.maxFiles)
      return { kind: 'unreadable', reason: `more than limits.maxFiles (${limits.maxFiles}) files` };
    const result = await source.read(path);
    if (result.kind !== 'ok' || result.text.length * 3 <= limits.maxFileBytes) return result;
    const bytes =
      result.text.length > limits.maxFileBytes ? result.text.length : Buffer.byteLength(result.text);
    return bytes > limits.maxFileBytes ? { kind: 'too-large', bytes, limit: limits.maxFileBytes } : result;
  };
}

/**
 * A document parsed, with a stack overflow on hostile nesting turned into a parse problem. Large
 * JSON is answered at once (not as a promise), so a caller can share the result before anything
 * else runs, and its one walk already says whether it refers to other files; anything else loads
 * the yaml library (a diff of two large JSON descriptions never does: loading it costs more than
 * locating every change) and is scanned for such references.
 */
function parseGuarded(
  path: string,
  text: string,
  maxAliasCount: number,
): ParsedDocument | Promise<ParsedDocument> {
  const problem = (error: unknown): ParsedDocument => {
    const message = error instanceof RangeError ? 'it nests too deeply to be read' : String(error);
    return { kind: 'error', problems: [{ code: 'syntax', message, range: START_OF_FILE }] };
  };
  try {
    const large = parseLargeJson(path, text);
    if (large)
      return {
        kind: 'ok',
        value: large.document.value,
        rangeOf: large.document.rangeOf,
        ...(large.document.lineOf ? { lineOf: large.document.lineOf } : {}),
        refersToOtherFiles: large.refersToOtherFiles,
        ...(large.declaresIds ? { declaresIds: true } : {}),
        treeShaped: true,
      };
    return import('../core/located-document.js')
      .then(({ parseLocatedYaml }): ParsedDocument => {
        const result = parseLocatedYaml(path, text, { maxAliasCount });
        return result.kind === 'ok'
          ? {
              kind: 'ok',
              value: result.document.value,
              rangeOf: result.document.rangeOf,
              refersToOtherFiles: mayHaveExternalRef(text),
              ...(mayDeclareIds(text) ? { declaresIds: true } : {}),
              // Read by js-yaml without aliases (core/fast-yaml.ts): each object at one place.
              ...(result.document.treeShaped ? { treeShaped: true } : {}),
            }
          : result;
      })
      .catch(problem);
  } catch (error) {
    return problem(error);
  }
}

/** One side of a diff: the contract's root document and every file its `$ref`s reach. */
export interface ContractTree {
  side: 'base' | 'head';
  root: string;
  documents: Map<string, LocatedDocument>;
  kind: 'openapi' | 'asyncapi';
  specVersion: string;
  scope: RefScope;
  /** Every `$schema` of an OpenAPI 3.1+ side (none elsewhere: no dialects there), see schema-dialects.ts. */
  dialectDeclarations: readonly DialectDeclaration[];
  /** A document may declare a `$id`: some refs then resolve only where they are held. */
  declaresIds: boolean;
}

/** A parse cache keyed by the text itself: V8 compares long strings by length first, then bytes. */
export function createParseCache(): ParseCache {
  const entries = new Map<string, ParsedDocument>();
  return { get: (text) => entries.get(text), set: (text, parsed) => void entries.set(text, parsed) };
}

/**
 * Whether the text may hold a `$ref` to another file (`$ref: other.yaml`, `"$ref": "x.json#/a"`).
 * A text without one skips the walk over every node; found by `indexOf`, which is ~20× faster than
 * a regular expression on a 12 MB description.
 */
export function mayHaveExternalRef(text: string): boolean {
  for (let i = text.indexOf('$ref'); i >= 0; i = text.indexOf('$ref', i + 4)) {
    let j = i + 4;
    const skip = (chars: string) => {
      while (j < text.length && chars.includes(text[j]!)) j++;
    };
    skip('"\'');
    skip(' \t');
    if (text[j] !== ':') continue;
    j++;
    skip(' \t');
    skip('"\'');
    // Anything but an internal `#...` (a value on the next line too) means: walk to be sure.
    if (text[j] !== '#') return true;
  }
  return false;
}

/** A file to read, and the `$ref` that named it (absent for the contract's root). */
interface Pending {
  path: string;
  from?: Place;
  /** The `$ref` as written (absent for the root). */
  ref?: string;
  /** The URI the `$ref` means by the `$id` in force where it is, when that is not a file's. */
  byId?: string;
}

/**
 * Reads a contract without validating it (a diff needs structure, not conformance): limits from the
 * loader (`limits`), parse results shared through `cache`, URLs and escaping paths refused.
 */
export async function readContractTree(
  side: 'base' | 'head',
  contract: ContractSide,
  cache: ParseCache,
  limits: Partial<LoadLimits> = {},
): Promise<{ tree?: ContractTree; problems: DiffProblem[]; missing?: true }> {
  const effective: LoadLimits = { ...DEFAULT_LIMITS, ...limits };
  const reader = boundedReader(contract.source, effective);
  const documents = new Map<string, LocatedDocument>();
  const problems: DiffProblem[] = [];
  const queue: Pending[] = [{ path: contract.path }];
  const queued = new Set([contract.path]);
  const urls: UrlRef[] = [];
  const missingFiles: { pending: Pending; read: Extract<ReadResult, { kind: 'missing' }> }[] = [];
  let declaresIds = false;
  while (queue.length > 0) {
    const pending = queue.shift()!;
    const { path, from } = pending;
    const read = await reader(path);
    if (read.kind !== 'ok') {
      if (read.kind === 'missing' && !from) return { problems, missing: true };
      // A schema read later may declare what the ref names as its `$id`: judged once all are read.
      if (read.kind === 'missing') missingFiles.push({ pending, read });
      else problems.push(unreadable(side, pending, read, documents));
      continue;
    }
    const shared = parsedText(cache, path, read.text, effective.maxAliasCount);
    const parsed = shared instanceof Promise ? await shared : shared;
    if (parsed.kind === 'error') {
      problems.push(unparsable(side, path, parsed));
      continue;
    }
    const doc: LocatedDocument = {
      file: path,
      value: parsed.value,
      rangeOf: parsed.rangeOf,
      ...(parsed.lineOf ? { lineOf: parsed.lineOf } : {}),
      ...(parsed.treeShaped ? { treeShaped: true } : {}),
    };
    documents.set(path, doc);
    declaresIds ||= parsed.declaresIds === true;
    if (!parsed.refersToOtherFiles) continue;
    for (const next of referencedFiles(doc, urls, parsed.declaresIds === true)) {
      if (queued.has(next.path)) continue;
      queued.add(next.path);
      queue.push(next);
    }
  }
  const declared = declaresIds ? declaredById(documents) : () => false;
  for (const { pending, read } of missingFiles) {
    const { from, ref } = pending;
    // `from` is the `$ref` keyword's place: the ref is held by the object above it.
    if (!from || ref === undefined || !declared(from.file, from.pointer.slice(0, -'/$ref'.length), ref))
      problems.push(unreadable(side, pending, read, documents));
  }
  for (const url of urls)
    if (!declared(url.doc.file, url.pointer, url.ref))
      problems.push(unsafeRef(side, url.doc, url.pointer, url.unsafe));
  return treeOf(side, { rootPath: contract.path, documents, declaresIds }, problems);
}

/**
 * Whether a ref that names no readable file (a URL, a file that does not exist) names a schema the
 * snapshot declares as its `$id` (a schema file with `$id: https://example.com/schemas/item`): it
 * is followed there, not refused. Asked once every file is read, wherever the declaration is.
 */
function declaredById(
  documents: ReadonlyMap<string, LocatedDocument>,
): (file: string, at: string, ref: string) => boolean {
  const indexes = new Map<LocatedDocument, Map<string, string>>();
  const indexOf = (doc: LocatedDocument) => {
    let index = indexes.get(doc);
    if (!index) indexes.set(doc, (index = idIndex(doc)));
    return index;
  };
  return (file, at, ref) => resolveById(documents, file, at, ref, indexOf) !== undefined;
}

/** A `$ref` that leaves the repository, as a problem at the ref. */
function unsafeRef(
  side: 'base' | 'head',
  doc: LocatedDocument,
  pointer: string,
  unsafe: string,
): DiffProblem {
  const line = lineIn(doc, `${pointer}/$ref`);
  return {
    code: 'unsafe-ref',
    side,
    file: doc.file,
    pointer: `${pointer}/$ref`,
    ...(line ? { line } : {}),
    message: `$ref ${unsafe} (${side}).`,
  };
}

/** A `$ref` to a URL: followed to the schema declaring it as `$id`, or refused, once all files are read. */
interface UrlRef {
  doc: LocatedDocument;
  pointer: string;
  ref: string;
  unsafe: string;
}

/** A file that could not be read: the problem sits at the `$ref` that names it, when one does. */
function unreadable(
  side: 'base' | 'head',
  { path, from, byId }: Pending,
  read: Exclude<ReadResult, { kind: 'ok' }>,
  documents: ReadonlyMap<string, LocatedDocument>,
): DiffProblem {
  const what =
    read.kind === 'missing'
      ? 'does not exist'
      : read.kind === 'too-large'
        ? `is ${read.bytes} bytes, over the limit of ${read.limit}`
        : `could not be read: ${read.reason}`;
  const code = read.kind === 'too-large' ? 'too-large' : read.kind;
  // A referenced file: the problem sits at the `$ref` that names it, in a file already parsed.
  const line = from && lineIn(documents.get(from.file), from.pointer);
  return {
    code,
    side,
    file: from?.file ?? path,
    pointer: from?.pointer ?? '',
    ...(line ? { line } : {}),
    message: `${from ? `$ref to ${path}: the file` : 'The file'} ${what} (${side})${byId ? `; by the $id in force there it means ${byId}, which no schema of the document declares (it is not fetched)` : ''}.`,
  };
}

/**
 * The text parsed once for both sides: at once when it can be (large JSON), so that the other side
 * finds it in the cache before anything else runs.
 */
function parsedText(
  cache: ParseCache,
  path: string,
  text: string,
  maxAliasCount: number,
): ParsedDocument | Promise<ParsedDocument> {
  const cached = cache.get(text);
  if (cached) return cached;
  const share = (result: ParsedDocument): ParsedDocument => {
    // The other side may have parsed the same text meanwhile: share one result.
    const parsed = cache.get(text) ?? result;
    cache.set(text, parsed);
    return parsed;
  };
  const pending = parseGuarded(path, text, maxAliasCount);
  return pending instanceof Promise ? pending.then(share) : share(pending);
}

function unparsable(
  side: 'base' | 'head',
  path: string,
  parsed: Extract<ParsedDocument, { kind: 'error' }>,
): DiffProblem {
  const first = parsed.problems[0];
  return {
    code: first?.code === 'too-deep' ? 'too-deep' : 'syntax',
    side,
    file: path,
    pointer: '',
    ...(first ? { line: first.range.start.line } : {}),
    message: `Does not parse (${side})${first ? `: ${first.message}` : ''}.`,
  };
}

/**
 * The files the document's `$ref`s name, each with the `$ref`; refs that leave the repository are
 * problems. A ref naming a schema the document declares by `$id` names no file.
 */
function referencedFiles(doc: LocatedDocument, urls: UrlRef[], declaresIds: boolean): Pending[] {
  const out: Pending[] = [];
  const own = new Map([[doc.file, doc]]);
  let index: Map<string, string> | undefined;
  const indexOf = () => (index ??= idIndex(doc));
  for (const { pointer, ref } of collectRefs(doc.value)) {
    if (ref.startsWith('#')) continue;
    if (declaresIds && resolveById(own, doc.file, pointer, ref, indexOf)) continue;
    // Not declared here: read as a file, as it was written relative to one (never fetched).
    const byId = declaresIds ? idTargetUri(doc, pointer, ref) : undefined;
    const target = refTarget(doc.file, ref);
    if ('unsafe' in target) {
      // A schema of the snapshot may declare the URI as its `$id`: known once every file is read.
      urls.push({ doc, pointer, ref, unsafe: target.unsafe });
      continue;
    }
    out.push({
      path: target.file,
      from: { file: doc.file, pointer: `${pointer}/$ref` },
      ref,
      ...(byId !== undefined && !byId.startsWith('file:') ? { byId } : {}),
    });
  }
  return out;
}

/** The tree, when its root was read and is an OpenAPI or AsyncAPI document. */
function treeOf(
  side: 'base' | 'head',
  {
    rootPath,
    documents,
    declaresIds,
  }: { rootPath: string; documents: Map<string, LocatedDocument>; declaresIds: boolean },
  problems: DiffProblem[],
): { tree?: ContractTree; problems: DiffProblem[] } {
  const root = documents.get(rootPath);
  if (!root) return { problems };
  const detected = detectContractKind(root.value);
  if (!detected) {
    const misdeclared = misdeclaredSpecVersion(root.value);
    problems.push({
      code: 'not-a-contract',
      side,
      file: rootPath,
      pointer: misdeclared?.pointer ?? '',
      message: misdeclared
        ? `Not read as a contract (${side}): ${misdeclared.reason}.`
        : `Neither OpenAPI (no "openapi"/"swagger" field) nor AsyncAPI (no "asyncapi" field) (${side}).`,
    });
    return { problems };
  }
  const dialects = hasSchemaDialects(detected.kind, detected.specVersion);
  const declarations = dialects ? dialectDeclarations(documents) : [];
  const rules = dialects ? documentRules(root.value) : '3.0';
  return {
    tree: {
      side,
      root: rootPath,
      documents,
      kind: detected.kind,
      specVersion: detected.specVersion,
      scope: refScope(documents, rules, dialectLookup(declarations, rules)),
      dialectDeclarations: declarations,
      declaresIds,
    },
    problems,
  };
}

/**
 * The line a problem's pointer starts on, in a file that parsed (undefined otherwise). Found only
 * for problems: locating costs a walk through the text, which a clean diff never spends.
 */
export function lineIn(doc: LocatedDocument | undefined, pointer: string): number | undefined {
  if (!doc) return undefined;
  return doc.lineOf ? doc.lineOf(pointer) : doc.rangeOf(pointer).start.line;
}
