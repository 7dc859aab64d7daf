import { check } from './check.js';

export default check({
  id: 'response-media-type-added',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description: 'A response media type was added.',
  message: 'now also offers {name}',
});
