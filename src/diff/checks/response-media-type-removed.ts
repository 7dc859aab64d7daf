import { check } from './check.js';

export default check({
  id: 'response-media-type-removed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A response media type was removed: consumers asking for it no longer get it. Removed from a shared response component, it is one change named after the component; gone from every response of the document, one change listing every operation it reached, and the statuses that lost it when those operations offered it from some responses with a body only ("Every 200 response that offered it").',
  message: 'no longer offers {name}',
  fix: 'keep offering the media type beside the new ones',
});
