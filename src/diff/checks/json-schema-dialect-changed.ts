import { check } from './check.js';

/**
 * Information: each schema is compared by the rules of its own dialect (see
 * diff/schema-dialects.ts), so the schemas' own changes are what consumers feel; a dialect the
 * comparison does not know is a problem, not a finding.
 */
export default check({
  id: 'json-schema-dialect-changed',
  level: 'info',
  direction: 'none',
  specs: ['openapi'],
  description:
    "The document's `jsonSchemaDialect` (OpenAPI 3.1: the JSON Schema dialect of every schema without its own `$schema`) changed. Each schema is compared by its dialect's rules (draft-04 to draft-07 ignore the keywords beside a `$ref`; 2019-09, 2020-12 and the OpenAPI base dialect read them); a dialect the diff does not know (its own vocabularies) is reported as a problem: its schemas are not fully compared.",
  message: 'changed from {from} to {to}',
});
