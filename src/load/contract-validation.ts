import type { LocatedDocument } from '../core/located-document.js';
import { toPointer } from '../core/pointer.js';
import type SwaggerParserModule from '@apidevtools/swagger-parser';

type SwaggerParserOptions = SwaggerParserModule.Options;

/**
 * Spec validation of contracts by the field's own parsers. Both are handed a resolver that serves
 * files only from the documents already read from the snapshot: nothing is fetched from the network
 * or read from disk, whatever the `$ref`s say. Documents live under a fake root so the parsers'
 * relative-path arithmetic cannot name a real file.
 */
const VIRTUAL_ROOT = '/__blueprint_snapshot__/';

export interface ContractProblem {
  file: string;
  pointer: string;
  message: string;
}

function serveFromSnapshot(
  documents: ReadonlyMap<string, LocatedDocument>,
  texts: ReadonlyMap<string, string>,
) {
  return (url: string): string => {
    const path = url.replace(/^file:\/\//, '');
    if (!path.startsWith(VIRTUAL_ROOT))
      throw new Error(`refused to read ${url}: only repository files are read`);
    const repoPath = decodeURIComponent(path.slice(VIRTUAL_ROOT.length));
    const text =
      texts.get(repoPath) ??
      (documents.has(repoPath) ? JSON.stringify(documents.get(repoPath)!.value) : undefined);
    if (text === undefined) throw new Error(`${repoPath} is not in the repository snapshot`);
    return text;
  };
}

export async function validateOpenApi(
  rootFile: string,
  documents: ReadonlyMap<string, LocatedDocument>,
): Promise<ContractProblem[]> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  const serve = serveFromSnapshot(documents, new Map());
  try {
    await SwaggerParser.validate(VIRTUAL_ROOT + rootFile, {
      resolve: {
        http: false,
        file: { order: 1, canRead: true, read: (file: { url: string }) => serve(file.url) },
      },
      validate: { schema: true, spec: true },
    } as SwaggerParserOptions);
    return [];
  } catch (error) {
    return openApiProblems(rootFile, error);
  }
}

function openApiProblems(rootFile: string, error: unknown): ContractProblem[] {
  const e = error as {
    message?: string;
    details?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  };
  if (Array.isArray(e.details) && e.details.length > 0) {
    return e.details.slice(0, 20).map((d) => ({
      file: rootFile,
      pointer: d.instancePath ?? '',
      message: `${d.instancePath || '/'} ${d.message ?? 'is invalid'}${d.params?.additionalProperty ? ` ("${String(d.params.additionalProperty)}")` : ''}`,
    }));
  }
  const message = (e.message ?? String(error)).split('\n')[0]!.replaceAll(VIRTUAL_ROOT, '');
  return [{ file: rootFile, pointer: '', message }];
}

export async function validateAsyncApi(
  rootFile: string,
  rootText: string,
  documents: ReadonlyMap<string, LocatedDocument>,
): Promise<ContractProblem[]> {
  const { Parser } = await import('@asyncapi/parser');
  const serve = serveFromSnapshot(documents, new Map([[rootFile, rootText]]));
  const read = (uri: { toString(): string }) => serve(uri.toString());
  const parser = new Parser({
    __unstable: {
      resolver: {
        cache: false,
        resolvers: [
          { schema: 'file', read },
          { schema: 'http', read },
          { schema: 'https', read },
        ],
      },
    },
  });
  const { diagnostics } = await parser.parse(rootText, { source: VIRTUAL_ROOT + rootFile });
  return diagnostics
    .filter((d) => d.severity === 0)
    .slice(0, 20)
    .map((d) => ({
      file: rootFile,
      pointer: toPointer(d.path.map(String)),
      message: d.message.replaceAll(VIRTUAL_ROOT, ''),
    }));
}
