import { createRequire } from 'node:module';
import type { Parser } from '@asyncapi/parser';
import type { LocatedDocument } from '../core/located-document.js';
import { toPointer } from '../core/pointer.js';
import type { ContractProblem } from './snapshot-files.js';
import { serveFromSnapshot, VIRTUAL_ROOT } from './snapshot-files.js';

/**
 * AsyncAPI validation by @asyncapi/parser, with one parser for every document. Each validation
 * gets its own virtual root (`/__blueprint_snapshot__/<n>/`), through which the parser's resolvers
 * reach that contract's files only, so validations can run side by side.
 */
export class AsyncApiValidator {
  private parser: Promise<Parser> | undefined;
  private readonly snapshots = new Map<string, (url: string) => string>();
  private validations = 0;

  async validate(
    rootFile: string,
    rootText: string,
    documents: ReadonlyMap<string, LocatedDocument>,
  ): Promise<ContractProblem[]> {
    const parser = await (this.parser ??= this.createParser());
    const id = String(++this.validations);
    const root = `${VIRTUAL_ROOT}${id}/`;
    this.snapshots.set(id, serveFromSnapshot(root, documents, new Map([[rootFile, rootText]])));
    try {
      const { diagnostics } = await parser.parse(rootText, { source: root + rootFile });
      return diagnostics
        .filter((d) => d.severity === 0)
        .slice(0, 20)
        .map((d) => ({
          file: rootFile,
          pointer: toPointer(d.path.map(String)),
          message: d.message.replaceAll(root, ''),
        }));
    } finally {
      this.snapshots.delete(id);
    }
  }

  /** Loads and sets up the parser, as the first validation would. */
  async prepare(): Promise<void> {
    await (this.parser ??= this.createParser());
  }

  private async createParser(): Promise<Parser> {
    const trusted = await shareParserSchemaValidators();
    const { Parser } = await import('@asyncapi/parser');
    const read = (uri: { toString(): string }) => {
      const url = uri.toString();
      const id = /^(?:file:\/\/)?\/__blueprint_snapshot__\/(\d+)\//.exec(url)?.[1];
      const serve = id === undefined ? undefined : this.snapshots.get(id);
      if (!serve) throw new Error(`refused to read ${url}: only repository files are read`);
      return serve(url);
    };
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
    for (const schema of rulesetSchemas(parser)) trusted?.add(schema);
    return parser;
  }
}

type AssignAjvInstance = (schema: { $id?: unknown }, dialect: string, allErrors: boolean) => unknown;
type SharingAjvInstances = (() => AssignAjvInstance) & { trusted?: WeakSet<object> };

/**
 * The parser checks each document through Spectral, and Spectral makes new Ajv instances for every
 * document it lints: the AsyncAPI JSON Schema (hundreds of kilobytes) was compiled again for every
 * contract (0.3–3 s each, most of the time of a lint), and the instances themselves cost ~10 ms
 * each. Here the schemas the parser itself brings — the AsyncAPI spec's, as the very objects its
 * `documentStructure` function hands to Spectral, and those in its ruleset's rule options — are
 * compiled once per process in shared instances. They are recognised by identity, so a document
 * cannot pass its own schema off as one of them (whatever `$id` it writes). Every other schema (a
 * document's payloads and examples) goes to per-document instances: nothing a repository writes is
 * remembered across documents, and its patterns run on RE2 (untrusted-ajv.ts), never on V8's
 * backtracking engine.
 *
 * This replaces `createAjvInstances` on Spectral's module object (spectral-functions 1.11.1,
 * pinned), once per process, and returns the set of trusted schema objects that parsers add their
 * rule options to. If a future version changes these internals, validation stays correct and is
 * only slow again (the test of this file notices).
 */
async function shareParserSchemaValidators(): Promise<WeakSet<object> | undefined> {
  const internals = await parserInternals();
  if (!internals) return undefined;
  const { spectral, original, isSpecSchema, untrustedAjvInstances } = internals;
  if (original.trusted) return original.trusted;
  const trusted = new WeakSet<object>();
  const shared = original();
  spectral.createAjvInstances = Object.assign(
    () => {
      // The document's own schemas: Spectral's options, RE2 for their patterns (untrusted-ajv.ts).
      const own = untrustedAjvInstances();
      const assign: AssignAjvInstance = (schema, dialect, allErrors) =>
        (trusted.has(schema) || isSpecSchema(schema) ? shared : own)(schema, dialect, allErrors);
      return assign;
    },
    { trusted },
  );
  return trusted;
}

/** What sharing needs of the parser's and Spectral's modules, or undefined when one is not as pinned. */
async function parserInternals() {
  const [ajvModule, structureModule, formatsModule, { untrustedAjvInstances }] = await Promise.all([
    import('@stoplight/spectral-functions/dist/schema/ajv.js'),
    import('@asyncapi/parser/cjs/ruleset/functions/documentStructure.js'),
    import('@asyncapi/parser/cjs/ruleset/formats.js'),
    import('./untrusted-ajv.js'),
  ]);
  const spectral = commonJsExports<{ createAjvInstances?: SharingAjvInstances }>(
    ajvModule,
    '@stoplight/spectral-functions/dist/schema/ajv.js',
    'createAjvInstances',
  );
  const structure = commonJsExports<{ getSchema?: SpecSchemaOf }>(
    structureModule,
    '@asyncapi/parser/cjs/ruleset/functions/documentStructure.js',
    'getSchema',
  );
  const formats = commonJsExports<{ AsyncAPIFormats?: Map<string, unknown> }>(
    formatsModule,
    '@asyncapi/parser/cjs/ruleset/formats.js',
    'AsyncAPIFormats',
  );
  const original = spectral?.createAjvInstances;
  const getSchema = structure?.getSchema;
  const asyncApiFormats = formats?.AsyncAPIFormats;
  if (!spectral || typeof original !== 'function' || !getSchema || !asyncApiFormats) return undefined;
  return {
    spectral,
    original,
    isSpecSchema: specSchemaTest(getSchema, asyncApiFormats),
    untrustedAjvInstances,
  };
}

type SpecSchemaOf = (formats: Set<unknown>, resolved: boolean) => unknown;

/**
 * Whether a schema is the very object the parser's `documentStructure` hands Spectral for the spec
 * version its `$id` names: identity, so a document writing that `$id` on its own schema is not trusted.
 */
function specSchemaTest(
  getSchema: SpecSchemaOf,
  asyncApiFormats: Map<string, unknown>,
): (schema: { $id?: unknown }) => boolean {
  return (schema) => {
    const match =
      typeof schema.$id === 'string'
        ? /^http:\/\/asyncapi\.com\/definitions\/([\d.]+)\/asyncapi-(resolved|unresolved)\.json$/.exec(
            schema.$id,
          )
        : null;
    const format = match ? asyncApiFormats.get(match[1]!) : undefined;
    return format !== undefined && getSchema(new Set([format]), match![2] === 'resolved') === schema;
  };
}

/** The schemas a parser's own ruleset passes to Spectral's `schema` function (its rule options). */
function rulesetSchemas(parser: Parser): object[] {
  const rules =
    (parser as unknown as { spectral?: { ruleset?: { rules?: Record<string, { then?: unknown }> } } })
      .spectral?.ruleset?.rules ?? {};
  const schemas: object[] = [];
  for (const rule of Object.values(rules)) {
    for (const then of Array.isArray(rule.then) ? rule.then : [rule.then]) {
      const schema = (then as { functionOptions?: { schema?: unknown } } | undefined)?.functionOptions
        ?.schema;
      if (schema !== null && typeof schema === 'object') schemas.push(schema);
    }
  }
  return schemas;
}

/**
 * The `module.exports` object of a CommonJS module (to replace a function on it), from its dynamic
 * import: Node and the Action's bundle give it as the default export; loaders that honour
 * `__esModule` (tsx) give only a frozen namespace, so it is required instead.
 */
function commonJsExports<T>(
  namespace: { default?: unknown },
  specifier: string,
  key: keyof T,
): T | undefined {
  const exported = namespace.default;
  if (exported !== null && typeof exported === 'object' && key in exported) return exported as T;
  try {
    return createRequire(import.meta.url)(specifier) as T;
  } catch {
    return undefined;
  }
}
