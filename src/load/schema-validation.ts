import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import blueprintSchema from '../../schemas/blueprint.schema.json' with { type: 'json' };
import policiesSchema from '../../schemas/policies.schema.json' with { type: 'json' };
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { foreignText, jsonValue } from '../core/inert-text.js';
import { encodeSegment } from '../core/pointer.js';
import type { ContractValidator } from './contract-validation.js';
import { createContractValidator } from './contract-validation.js';

export type DocumentType = 'blueprint' | 'policies' | 'config';

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface SchemaViolation {
  pointer: string;
  message: string;
  /**
   * For a value of the wrong kind (a `type`, `enum` or `const` failure): the JSON types it may have.
   * The loader leaves such values out of the model, so no code typed for a string meets a number.
   */
  expectedTypes?: JsonType[];
}

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

/**
 * The validators of every document type, set up once per process and shared: the shipped JSON
 * Schemas (blueprint, policies, config), and the contracts' own specs (OpenAPI, AsyncAPI), which
 * are loaded and compiled when first needed.
 */
export interface SchemaValidator {
  validate(type: DocumentType, value: unknown): SchemaViolation[];
  readonly contracts: ContractValidator;
}

/** Compiles the shipped JSON Schemas once; the validator is safe to share. */
export function createSchemaValidator(): SchemaValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTuples: false,
    allowUnionTypes: true,
    // Errors carry the offending value, so a type error can say what was found instead.
    verbose: true,
  });
  addFormats.default(ajv);
  // Editor-only annotations (VS Code's YAML extension renders them); not validation keywords.
  ajv.addVocabulary(['markdownDescription']);
  ajv.addSchema(blueprintSchema, 'blueprint.schema.json');
  ajv.addSchema(policiesSchema, 'policies.schema.json');
  ajv.addSchema(configSchema, 'config.schema.json');
  // Compiled on first use: compiling costs 70–120 ms a schema, and a repository without a config
  // file or policies never needs theirs.
  const validators: Partial<Record<DocumentType, ValidateFunction>> = {};
  const validatorOf = (type: DocumentType): ValidateFunction =>
    (validators[type] ??= ajv.getSchema(`${type}.schema.json`)!);
  return {
    contracts: createContractValidator(),
    validate(type, value) {
      const validate = validatorOf(type);
      if (validate(value)) return [];
      return summarise(validate.errors ?? []);
    },
  };
}

/**
 * Ajv reports every failed branch of a `oneOf`; people want the one that explains the mistake.
 * Keep the deepest errors per location and phrase them for humans.
 */
function summarise(errors: readonly ErrorObject[]): SchemaViolation[] {
  // A key a `propertyNames` refuses is said once, as an unknown field: not also as the name's own
  // failure (an `enum` of every allowed key, which ajv marks with `propertyName`).
  const useful = errors.filter(
    (e) =>
      e.keyword !== 'oneOf' && e.keyword !== 'allOf' && e.keyword !== 'if' && e.propertyName === undefined,
  );
  // A failed `oneOf` branch (e.g. "must be string" for an inline policy) is noise when another
  // branch got further into the value and says what is really wrong.
  const deepest = useful.filter(
    (e) =>
      !e.schemaPath.includes('/oneOf/') ||
      !useful.some((other) => other !== e && other.instancePath.startsWith(e.instancePath + '/')),
  );
  const seen = new Set<string>();
  const out: SchemaViolation[] = [];
  for (const error of deepest.length > 0 ? deepest : errors) {
    const violation = describe(error);
    const key = violation.pointer + '\0' + violation.message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(violation);
  }
  return out;
}

function describe(error: ErrorObject): SchemaViolation {
  // The path names keys the file chose: one code span when one holds a backtick.
  const where = foreignText(error.instancePath || '/');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'propertyNames': {
      const field = String(params.additionalProperty ?? params.propertyName);
      return {
        pointer: `${error.instancePath}/${encodeSegment(field)}`,
        message: `unknown field ${jsonValue(JSON.stringify(field))} at ${where}`,
      };
    }
    case 'required':
      return {
        pointer: error.instancePath,
        message: `missing required field "${String(params.missingProperty)}" at ${where}`,
      };
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `${where} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        expectedTypes: [...new Set((params.allowedValues as unknown[]).map(jsonType))],
      };
    case 'const':
      return {
        pointer: error.instancePath,
        message: `${where} must be ${JSON.stringify(params.allowedValue)}`,
        expectedTypes: [jsonType(params.allowedValue)],
      };
    case 'type': {
      const expected = [params.type as string | string[]].flat();
      return {
        pointer: error.instancePath,
        message: `${where} must be ${expected.map(kindName).join(' or ')}, not ${kindName(jsonType(error.data))}`,
        expectedTypes: expected.map((t) => (t === 'integer' ? 'number' : (t as JsonType))),
      };
    }
    case 'pattern':
      return { pointer: error.instancePath, message: `${where} ${patternHint(error)}` };
    default:
      return { pointer: error.instancePath, message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

const KIND_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
  object: 'a mapping',
  array: 'a list',
};

function kindName(type: string): string {
  return KIND_NAMES[type] ?? type;
}

function patternHint(error: ErrorObject): string {
  const schemaPath = error.schemaPath;
  if (schemaPath.includes('duration')) return 'must be a duration such as 250ms, 30s, 5m, 2h or 14d';
  if (schemaPath.includes('owner')) return 'must be a GitHub team (org/team-slug) or user login';
  if (schemaPath.includes('/id/')) return "must be an identifier (letters, digits, '.', '_', '-')";
  return error.message ?? 'does not match the expected format';
}
