/**
 * The dialect an AsyncAPI payload schema is read by, from its `schemaFormat` (the message's in 2.x,
 * the multi-format schema object's in 3.0). A JSON Schema release reads by its own rules, as an
 * OpenAPI 3.1 schema declaring it does (schema-dialects.ts): draft-04 to draft-07 ignore a `$ref`'s
 * siblings ("All other properties in a "$ref" object MUST be ignored") and know no `nullable`;
 * 2019-09 and 2020-12, and OpenAPI 3.1's schema object (2020-12), read the siblings as constraints
 * that apply with the target (see SchemaDialect). The AsyncAPI schema object (the default) and
 * OpenAPI 3.0's follow the 3.0 rules, and so does `application/schema` of no release we know (as
 * before). Undefined for a format that is no JSON Schema (Avro, Protobuf…), which the caller does
 * not read as one.
 */
import type { SchemaDialect } from '../ref-scope.js';
import { rulesOfSchemaVersion } from '../schema-dialects.js';

export function payloadDialect(schemaFormat: string | undefined): SchemaDialect | undefined {
  if (schemaFormat === undefined) return '3.0';
  const [essence = '', ...params] = schemaFormat.split(';').map((part) => part.trim().toLowerCase());
  const type = essence.replace(/\+(json|yaml)$/, '');
  const version = params
    .find((p) => p.startsWith('version='))
    ?.slice('version='.length)
    .replace(/^"(.*)"$/, '$1');
  if (type === 'application/vnd.aai.asyncapi') return '3.0';
  if (type === 'application/schema') return (version && rulesOfSchemaVersion(version)) || '3.0';
  if (type === 'application/vnd.oai.openapi')
    return version !== undefined && /^3\.([1-9]|\d{2,})(\.|$)/.test(version) ? '2020-12' : '3.0';
  return undefined;
}
