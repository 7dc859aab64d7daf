import type { LocatedDocument } from '../core/located-document.js';
import { parseLocated } from '../core/located-document.js';
import { collectRefs, refTarget } from '../core/refs.js';
import { detectContractKind } from '../load/contract-model.js';
import type { LoadLimits } from '../load/limits.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { DocumentReader } from '../load/read-document.js';
import type { ContractSide, DiffProblem, ParseCache, ParsedDocument } from './types.js';

/** One side of a diff: the contract's root document and every file its `$ref`s reach. */
export interface ContractTree {
  side: 'base' | 'head';
  root: string;
  documents: Map<string, LocatedDocument>;
  kind: 'openapi' | 'asyncapi';
  specVersion: string;
}

/** A parse cache keyed by the text itself: V8 compares long strings by length first, then bytes. */
export function createParseCache(): ParseCache {
  const entries = new Map<string, ParsedDocument>();
  return { get: (text) => entries.get(text), set: (text, parsed) => void entries.set(text, parsed) };
}

// Only these can hold a `$ref` to another file; a text without one skips the walk over every node.
const EXTERNAL_REF = /\$ref["']?\s*:\s*["']?(?!#)[^\s"'#]/;

/**
 * Reads a contract without validating it (a diff needs structure, not conformance): limits from the
 * loader's DocumentReader, parse results shared through `cache`, URLs and escaping paths refused.
 */
export async function readContractTree(
  side: 'base' | 'head',
  contract: ContractSide,
  cache: ParseCache,
  limits: Partial<LoadLimits> = {},
): Promise<{ tree?: ContractTree; problems: DiffProblem[]; missing?: true }> {
  const reader = new DocumentReader(contract.source, { ...DEFAULT_LIMITS, ...limits });
  const documents = new Map<string, LocatedDocument>();
  const problems: DiffProblem[] = [];
  const queue: { path: string; from?: { file: string; pointer: string } }[] = [{ path: contract.path }];
  const queued = new Set([contract.path]);
  while (queue.length > 0) {
    const { path, from } = queue.shift()!;
    const problem = (code: DiffProblem['code'], message: string): DiffProblem => ({
      code,
      side,
      file: from?.file ?? path,
      pointer: from?.pointer ?? '',
      message,
    });
    const read = await reader.readText(path);
    if (read.kind !== 'ok') {
      if (read.kind === 'missing' && !from) return { problems, missing: true };
      const what =
        read.kind === 'missing'
          ? 'does not exist'
          : read.kind === 'too-large'
            ? `is ${read.bytes} bytes, over the limit of ${read.limit}`
            : `could not be read: ${read.reason}`;
      problems.push(
        problem(read.kind === 'too-large' ? 'too-large' : read.kind, `${path} ${what} (${side}).`),
      );
      continue;
    }
    let parsed = cache.get(read.text);
    if (!parsed) {
      const result = parseLocated(path, read.text, { maxAliasCount: reader.limits.maxAliasCount });
      parsed =
        result.kind === 'ok'
          ? { kind: 'ok', value: result.document.value, rangeOf: result.document.rangeOf }
          : result;
      cache.set(read.text, parsed);
    }
    if (parsed.kind === 'error') {
      const first = parsed.problems[0];
      problems.push({
        code: 'syntax',
        side,
        file: path,
        pointer: '',
        message: `${path} (${side}) does not parse${first ? ` at line ${first.range.start.line}: ${first.message}` : ''}.`,
      });
      continue;
    }
    const doc: LocatedDocument = { file: path, value: parsed.value, rangeOf: parsed.rangeOf };
    documents.set(path, doc);
    if (!EXTERNAL_REF.test(read.text)) continue;
    for (const { pointer, ref } of collectRefs(doc.value)) {
      if (ref.startsWith('#')) continue;
      const target = refTarget(path, ref);
      if ('unsafe' in target) {
        problems.push({
          code: 'unsafe-ref',
          side,
          file: path,
          pointer: `${pointer}/$ref`,
          message: `${path}: $ref ${target.unsafe}.`,
        });
        continue;
      }
      if (queued.has(target.file)) continue;
      queued.add(target.file);
      queue.push({ path: target.file, from: { file: path, pointer: `${pointer}/$ref` } });
    }
  }
  const root = documents.get(contract.path);
  if (!root) return { problems };
  const detected = detectContractKind(root.value);
  if (!detected) {
    problems.push({
      code: 'not-a-contract',
      side,
      file: contract.path,
      pointer: '',
      message: `${contract.path} (${side}) is neither OpenAPI (no "openapi"/"swagger" field) nor AsyncAPI (no "asyncapi" field).`,
    });
    return { problems };
  }
  return {
    tree: { side, root: contract.path, documents, kind: detected.kind, specVersion: detected.specVersion },
    problems,
  };
}
