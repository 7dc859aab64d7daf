import { check } from './check.js';

export default check({
  id: 'request-media-type-removed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A request media type was removed: consumers sending it get 415. Removed from a shared request body component, it is one change named after the component; accepted by no request body of the document any more, one change listing every operation it reached.',
  message: 'no longer accepts {name}',
  fix: 'keep accepting the media type beside the new ones',
});
