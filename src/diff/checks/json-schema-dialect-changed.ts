import { check } from './check.js';

/**
 * Information: the dialects the schema comparison knows are read alike (see diff/dialect.ts), so
 * the schemas' own changes are what consumers feel; a dialect it does not know is a problem, not a
 * finding.
 */
export default check({
  id: 'json-schema-dialect-changed',
  level: 'info',
  direction: 'none',
  specs: ['openapi'],
  description:
    "The document's `jsonSchemaDialect` (OpenAPI 3.1: the JSON Schema dialect of every schema without its own `$schema`) changed. JSON Schema 2020-12, the drafts before it and the OpenAPI base dialect are compared alike; a dialect the diff does not know (its own vocabularies) is reported as a problem: its schemas are not fully compared.",
  message: 'changed from {from} to {to}',
});
