import { check } from './check.js';

export default check({
  id: 'request-media-type-schema-added',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A schema was given to a request media type that had none: bodies consumers sent unchecked may now be refused.',
  message: 'now validates {name} bodies against a schema (it had none)',
  fix: 'keep accepting bodies the new schema refuses; validate them only in a new version',
});
