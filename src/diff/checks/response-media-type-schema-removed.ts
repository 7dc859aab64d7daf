import { check } from './check.js';

export default check({
  id: 'response-media-type-schema-removed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A response media type dropped its schema: consumers can no longer rely on the shape they read.',
  message: 'no longer has a schema for {name}: consumers can no longer rely on its shape',
  fix: 'keep describing the body with its schema',
});
