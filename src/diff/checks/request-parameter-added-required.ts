import { check } from './check.js';

export default check({
  id: 'request-parameter-added-required',
  level: 'error',
  direction: 'request',
  audience: 'omitters',
  specs: ['openapi'],
  description: 'A required parameter was added: existing calls lack it.',
  message: 'was added as required',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'add it as optional with a default the provider applies, or require it only in a new version',
});
