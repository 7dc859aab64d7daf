import { check } from './check.js';

export default check({
  id: 'request-parameter-style-changed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description: "A parameter's serialisation (`style`/`explode`, 2.0 `collectionFormat`) changed.",
  message: 'changed serialisation from {from} to {to}',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'accept both serializations, or change it only in a new version',
});
