import { check } from './check.js';

export default check({
  id: 'request-media-type-removed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description: 'A request media type was removed: consumers sending it get 415.',
  message: 'no longer accepts {name}',
  fix: 'keep accepting the media type beside the new ones',
});
