import { schemaChecks } from './check.js';

export default schemaChecks(
  'constraint-narrowed',
  { request: 'error', response: 'info' },
  'a constraint got stricter: a bound, length, size, uniqueness, `contains`, `propertyNames`, `patternProperties`, `dependentRequired`/`dependentSchemas`, `not`, `if`/`then`/`else`, `prefixItems`, `contentSchema`, an added `allOf` member, or overlapping `oneOf` alternatives.',
  'narrowed {keyword} ({detail})',
  {},
  { request: 'keep the former bound; enforce the stricter one only in a new version' },
);
