import { check } from './check.js';

export default check({
  id: 'request-media-type-added',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description: 'A request media type was added.',
  message: 'now also accepts {name}',
});
