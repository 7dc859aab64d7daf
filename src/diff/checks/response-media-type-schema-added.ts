import { check } from './check.js';

export default check({
  id: 'response-media-type-schema-added',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A schema was given to a response media type that had none: consumers read what they did before, now described.',
  message: 'now describes {name} with a schema (it had none)',
});
