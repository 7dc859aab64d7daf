import { token } from '../core/inert-text.js';
import type { Finding } from '../core/finding.js';
import type { FileSource, ReadResult } from '../core/file-source.js';
import type { LocatedDocument } from '../core/located-document.js';
import { parseLocated } from '../core/located-document.js';
import { collectRefs, refTarget } from '../core/refs.js';
import { idIndex, resolveById } from '../core/schema-ids.js';
import { isDocumentPath } from './blueprint-files.js';
import { findingAt, loadFinding, parseProblemFindings, readFailureFinding } from './diagnostics.js';
import type { LoadLimits } from './limits.js';
import { append } from '../core/arrays.js';

/**
 * Reads files for one load, enforcing the limits whatever the FileSource does, and parsing each file
 * at most once (documents shared by several contracts are parsed once).
 */
export class DocumentReader {
  private readonly texts = new Map<string, Promise<ReadResult>>();
  private readonly parsed = new Map<string, Promise<ParseOutcome>>();
  private filesRead = 0;

  constructor(
    readonly source: FileSource,
    readonly limits: LoadLimits,
  ) {}

  get count(): number {
    return this.filesRead;
  }

  /** Reads a file once per load, however many contracts share it. */
  readText(path: string): Promise<ReadResult> {
    let pending = this.texts.get(path);
    if (!pending) {
      pending = this.readBounded(path);
      this.texts.set(path, pending);
    }
    return pending;
  }

  private async readBounded(path: string): Promise<ReadResult> {
    this.filesRead++;
    if (this.filesRead > this.limits.maxFiles) {
      return {
        kind: 'unreadable',
        reason: `the blueprint already reads limits.maxFiles (${this.limits.maxFiles}) files`,
        cause: 'over-file-limit',
      };
    }
    const result = await this.source.read(path);
    if (result.kind === 'ok') {
      const bytes = utf8Bytes(result.text, this.limits.maxFileBytes);
      if (bytes > this.limits.maxFileBytes)
        return { kind: 'too-large', bytes, limit: this.limits.maxFileBytes };
    }
    return result;
  }

  /**
   * Parses a YAML or JSON file; read and parse problems come back as findings. A file that could not
   * be read is reported where this caller refers to it (`referencedFrom`): two contracts that both
   * `$ref` a missing file each get a finding at their own reference, not two at the first one.
   */
  async document(
    path: string,
    referencedFrom?: { doc: LocatedDocument; pointer: string },
  ): Promise<{ doc?: LocatedDocument; findings: Finding[] }> {
    let pending = this.parsed.get(path);
    if (!pending) {
      pending = this.readAndParse(path);
      this.parsed.set(path, pending);
    }
    const outcome = await pending;
    switch (outcome.kind) {
      case 'parsed':
        return { doc: outcome.doc, findings: [] };
      case 'unparsable':
        return { findings: outcome.findings };
      case 'unsupported-name':
        return { findings: [unsupportedNameFinding(path, referencedFrom)] };
      case 'unread':
        return { findings: [readFailureFinding(outcome.result, path, referencedFrom)!] };
    }
  }

  private async readAndParse(path: string): Promise<ParseOutcome> {
    if (!isDocumentPath(path)) return { kind: 'unsupported-name' };
    const result = await this.readText(path);
    if (result.kind !== 'ok') return { kind: 'unread', result };
    const parsed = parseLocated(path, result.text, { maxAliasCount: this.limits.maxAliasCount });
    if (parsed.kind === 'error')
      return { kind: 'unparsable', findings: parseProblemFindings(path, parsed.problems) };
    return { kind: 'parsed', doc: parsed.document };
  }

  /**
   * Loads `root` and every file it reaches through external `$ref`s. URLs and paths that leave the
   * repository are reported, never followed.
   */
  async documentTree(
    root: string,
    rootReferencedFrom?: { doc: LocatedDocument; pointer: string },
  ): Promise<{ documents: Map<string, LocatedDocument>; findings: Finding[] }> {
    const documents = new Map<string, LocatedDocument>();
    const findings: Finding[] = [];
    const queue: { path: string; from?: { doc: LocatedDocument; pointer: string }; ref?: string }[] = [
      { path: root, from: rootReferencedFrom },
    ];
    const queued = new Set([root]);
    // Refs that name no readable file may name a schema's `$id`: judged once every file is read.
    const unread: { findings: Finding[]; file: string; at: string; ref: string }[] = [];
    while (queue.length > 0) {
      const { path, from, ref: named } = queue.shift()!;
      const loaded = await this.document(path, from);
      if (!loaded.doc && from && named !== undefined)
        unread.push({ findings: loaded.findings, file: from.doc.file, at: holder(from.pointer), ref: named });
      else append(findings, loaded.findings);
      if (!loaded.doc) continue;
      documents.set(path, loaded.doc);
      for (const { pointer, ref } of collectRefs(loaded.doc.value)) {
        if (ref.startsWith('#')) continue;
        const target = refTarget(path, ref);
        const refPointer = `${pointer}/$ref`;
        if ('unsafe' in target) {
          const finding = findingAt('schema/unsafe-path', `$ref ${target.unsafe}.`, loaded.doc, refPointer);
          unread.push({ findings: [finding], file: path, at: pointer, ref });
          continue;
        }
        if (queued.has(target.file)) continue;
        queued.add(target.file);
        queue.push({ path: target.file, from: { doc: loaded.doc, pointer: refPointer }, ref });
      }
    }
    const declared = unread.length > 0 ? declaredById(documents) : undefined;
    for (const u of unread) if (!declared?.(u)) append(findings, u.findings);
    return { documents, findings };
  }
}

/** The object holding a `$ref`, from the pointer of the `$ref` keyword. */
const holder = (refPointer: string) => refPointer.slice(0, -'/$ref'.length);

/**
 * Which refs that name no readable file (a URL, a file that does not exist) name a schema a document
 * of the tree declares by `$id` (JSON Schema 2020-12 / OpenAPI 3.1; never fetched): the contract
 * diff follows them there (core/schema-ids.ts), so they are no finding. Asked only of such refs.
 */
function declaredById(
  documents: ReadonlyMap<string, LocatedDocument>,
): (u: { file: string; at: string; ref: string }) => boolean {
  const indexes = new Map<LocatedDocument, Map<string, string>>();
  const indexOf = (doc: LocatedDocument) => {
    let index = indexes.get(doc);
    if (!index) indexes.set(doc, (index = idIndex(doc)));
    return index;
  };
  return ({ file, at, ref }) => resolveById(documents, file, at, ref, indexOf) !== undefined;
}

/**
 * What reading and parsing one file gave, once per load. Problems inside the file (its syntax) are
 * findings already; a file not read is located only when a caller says where it is referred to.
 */
type ParseOutcome =
  | { kind: 'parsed'; doc: LocatedDocument }
  | { kind: 'unparsable'; findings: Finding[] }
  | { kind: 'unsupported-name' }
  | { kind: 'unread'; result: Exclude<ReadResult, { kind: 'ok' }> };

/**
 * The UTF-8 size of `text` when it could exceed `limit`; otherwise a cheaper bound that is known to
 * be within it. A UTF-16 unit takes at most 3 UTF-8 bytes, and measuring a 12 MB file costs ~0.15 s.
 */
function utf8Bytes(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  return Buffer.byteLength(text);
}

/** A document under a name reviews do not recognise is not read: a change to it would go unseen. */
function unsupportedNameFinding(
  path: string,
  referencedFrom?: { doc: LocatedDocument; pointer: string },
): Finding {
  const message = `${token(path)} is not read: documents of a blueprint (blueprint, policies, contracts and the files their $refs reach) must be named .yaml, .yml or .json, because reviews find what a pull request changed by file name. Rename it.`;
  return referencedFrom
    ? findingAt('schema/file-name', message, referencedFrom.doc, referencedFrom.pointer)
    : loadFinding('schema/file-name', message, path);
}
